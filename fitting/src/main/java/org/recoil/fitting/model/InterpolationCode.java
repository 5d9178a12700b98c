package org.recoil.fitting.model;

import org.recoil.core.InvalidInputException;

/**
 * Interpolation (and extrapolation) of a systematic variation between its down (α = −1), nominal
 * (α = 0) and up (α = +1) values, as defined for HistFactory (Cranmer et al., CERN-OPEN-2012-016,
 * section 4.1, and the ROOT HistFactory "interpolation codes") and implemented with the same
 * formulas in pyhf's {@code interpolators}. With v(α) the interpolated value, n the nominal,
 * h the up and l the down value:
 * <ul>
 *   <li>{@link #CODE0}: piecewise linear, v = n + α(h − n) for α ≥ 0, n + α(n − l) below (additive).</li>
 *   <li>{@link #CODE1}: piecewise exponential, v = n (h/n)^α for α ≥ 0, n (l/n)^(−α) below (multiplicative).</li>
 *   <li>{@link #CODE2}: quadratic for |α| ≤ 1 through the three points, linear extrapolation with matching
 *       slope beyond (additive).</li>
 *   <li>{@link #CODE4}: code 1 for |α| ≥ α₀ = 1; inside, n (1 + Σ_{k=1..6} c_k α^k) with the six c_k fixed
 *       by matching value, first and second derivative of the exponentials at ±α₀ (multiplicative;
 *       pyhf's default for normsys).</li>
 *   <li>{@link #CODE4P}: linear extrapolation for |α| > 1; inside, n + α(S + α A (15 + α²(3α² − 10)))
 *       with S = (h − l)/2, A = (h + l − 2n)/16 (additive; pyhf's default for histosys).</li>
 * </ul>
 * Multiplicative codes need n, h, l > 0.
 */
public enum InterpolationCode {
    /** Piecewise linear. */
    CODE0("code0", false),
    /** Piecewise exponential. */
    CODE1("code1", true),
    /** Quadratic interpolation, linear extrapolation. */
    CODE2("code2", false),
    /** Polynomial interpolation, exponential extrapolation (α₀ = 1). */
    CODE4("code4", true),
    /** Polynomial interpolation, linear extrapolation. */
    CODE4P("code4p", false);

    private final String label;
    private final boolean multiplicative;

    InterpolationCode(String label, boolean multiplicative) {
        this.label = label;
        this.multiplicative = multiplicative;
    }

    /** @return the pyhf name, e.g. {@code code4p} */
    public String label() {
        return label;
    }

    /** @return whether the code interpolates ratios to the nominal (codes 1 and 4) */
    public boolean isMultiplicative() {
        return multiplicative;
    }

    /**
     * @param text {@code 0, 1, 2, 4, 4p} or pyhf's {@code code0 ... code4p}
     * @return the code
     * @throws InvalidInputException naming the accepted values
     */
    public static InterpolationCode parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        for (InterpolationCode c : values()) {
            if (c.label.equals(t) || c.label.substring(4).equals(t)) {
                return c;
            }
        }
        throw new InvalidInputException("unknown interpolation code '" + text + "', expected one of 0, 1, 2, 4, 4p");
    }
}
