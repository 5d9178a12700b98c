package org.recoil.limits.interpret;

import java.util.function.DoubleUnaryOperator;
import org.recoil.core.InvalidInputException;

/**
 * The expected values of a limit under the background-only hypothesis: the median and the ±1σ,
 * ±2σ quantiles (2.5%, 16%, 50%, 84%, 97.5%), as in the "Brazil band" (G. Cowan, K. Cranmer,
 * E. Gross, O. Vitells, Eur. Phys. J. C 71 (2011) 1554, Sec. 4.3; pyhf's
 * {@code expected_set} order). Values are non-decreasing from {@code minus2} to {@code plus2}.
 *
 * @param minus2 2.5% quantile (−2σ)
 * @param minus1 16% quantile (−1σ)
 * @param median 50% quantile
 * @param plus1 84% quantile (+1σ)
 * @param plus2 97.5% quantile (+2σ)
 */
public record ExpectedBand(double minus2, double minus1, double median, double plus1, double plus2) {

    /** Checks that no value is NaN and that the values are non-decreasing. */
    public ExpectedBand {
        double[] v = {minus2, minus1, median, plus1, plus2};
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                throw new InvalidInputException("expected band: quantile " + NAMES[i] + " is NaN");
            }
            if (i > 0 && v[i] < v[i - 1]) {
                throw new InvalidInputException("expected band: quantiles must be non-decreasing, but " + NAMES[i]
                        + " = " + v[i] + " < " + NAMES[i - 1] + " = " + v[i - 1]);
            }
        }
    }

    private static final String[] NAMES = {"minus2", "minus1", "median", "plus1", "plus2"};

    /**
     * @param ascending five values: the 2.5%, 16%, 50%, 84% and 97.5% quantiles (the JSON order of
     *     DESIGN.md)
     * @return the band
     * @throws InvalidInputException if there are not exactly five non-decreasing values
     */
    public static ExpectedBand ofAscending(double[] ascending) {
        if (ascending == null || ascending.length != 5) {
            throw new InvalidInputException("expected band needs exactly 5 quantiles (2.5%, 16%, 50%, 84%, 97.5%), got "
                    + (ascending == null ? "none" : ascending.length));
        }
        return new ExpectedBand(ascending[0], ascending[1], ascending[2], ascending[3], ascending[4]);
    }

    /** @return the five values in ascending order (2.5%, 16%, 50%, 84%, 97.5%), a new array */
    public double[] toArray() {
        return new double[] {minus2, minus1, median, plus1, plus2};
    }

    /**
     * Applies a non-decreasing function to every quantile (quantiles of a monotone function of a
     * random variable are the function of its quantiles).
     *
     * @param f a non-decreasing function, e.g. μ ↦ g′<sub>ref</sub>√μ
     * @return the transformed band
     */
    public ExpectedBand map(DoubleUnaryOperator f) {
        return new ExpectedBand(f.applyAsDouble(minus2), f.applyAsDouble(minus1), f.applyAsDouble(median),
                f.applyAsDouble(plus1), f.applyAsDouble(plus2));
    }
}
