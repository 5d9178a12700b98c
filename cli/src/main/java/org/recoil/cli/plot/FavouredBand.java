package org.recoil.cli.plot;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * A band of couplings favoured by a measurement, for example the g′ range for which the Z′
 * contribution to the muon anomaly explains Δa<sub>μ</sub> within ±2σ at each mass (one band per
 * Δa<sub>μ</sub> scenario). Where the measurement only bounds the coupling from above, the lower
 * edge is 0 (or the whole {@code lower} array is null) and the band reaches down to the axis.
 *
 * @param label the legend text, e.g. "(g−2)_μ ±2σ (2021)"
 * @param x the abscissae (masses), strictly increasing
 * @param lower the lower edge at each x, ≥ 0 (0: no lower bound), or null for no lower bound anywhere
 * @param upper the upper edge at each x, ≥ lower
 */
public record FavouredBand(String label, double[] x, double[] lower, double[] upper) {

    /**
     * Copies the arrays and checks them.
     *
     * @param label the legend text
     * @param x the abscissae (masses), strictly increasing
     * @param lower the lower edges (≥ 0, 0: no lower bound), or null for no lower bound anywhere
     * @param upper the upper edges, ≥ lower
     * @throws InvalidInputException if the label is blank, an array is empty, not finite or of
     *     another length than {@code x}, {@code x} does not increase, a lower edge is negative, or
     *     an upper edge is below its lower edge
     */
    public FavouredBand {
        String where = "favoured band '" + label + "'";
        label = Inputs.label(where, label);
        x = Inputs.finiteCopy(where, "x", x);
        lower = Inputs.optionalFiniteCopy(where, "lower", lower);
        upper = Inputs.finiteCopy(where, "upper", upper);
        Inputs.sameLength(where, "lower", lower, x.length, "as many as 'x'");
        Inputs.sameLength(where, "upper", upper, x.length, "as many as 'x'");
        Inputs.strictlyIncreasing(where, "x", x);
        if (lower != null) {
            Inputs.nonNegative(where, "lower", lower);
        }
        for (int i = 0; i < x.length; i++) {
            double lo = lower == null ? 0 : lower[i];
            if (!(upper[i] >= lo)) {
                throw new InvalidInputException(where + ": at x[" + i + "] = " + x[i] + " the upper edge "
                        + upper[i] + " is below the lower edge " + lo + "; expected lower <= upper");
            }
        }
    }

    /** @return true when the band has a lower edge above 0 somewhere */
    public boolean hasLowerBound() {
        if (lower == null) {
            return false;
        }
        for (double v : lower) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    /** @return a copy of the abscissae */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the lower edges (0 where there is none), never null */
    @Override
    public double[] lower() {
        return lower == null ? new double[x.length] : lower.clone();
    }

    /** @return a copy of the upper edges */
    @Override
    public double[] upper() {
        return upper.clone();
    }

    /** @return true for a band with the same label and edges */
    @Override
    public boolean equals(Object o) {
        return o instanceof FavouredBand b && label.equals(b.label) && Arrays.equals(x, b.x)
                && Arrays.equals(lower(), b.lower()) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {label, x, lower(), upper});
    }

    @Override
    public String toString() {
        return "FavouredBand[" + label + ", " + x.length + " points]";
    }
}
