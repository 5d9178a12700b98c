package org.recoil.cli.plot;

import java.util.Arrays;
import org.recoil.core.InvalidInputException;

/**
 * An upper limit versus mass with its expected band: the observed limit (absent for an
 * expected-only plot) and the expected limit's median and ±1σ, ±2σ quantiles (the 2.5%, 16%, 50%,
 * 84% and 97.5% quantiles under the background-only hypothesis; Cowan, Cranmer, Gross and Vitells,
 * arXiv:1007.1727, Eq. (89)). Drawn as the "Brazil band": green ±1σ, yellow ±2σ, dashed median,
 * solid observed line with a marker at every scan point.
 *
 * @param x the scan points (masses), strictly increasing
 * @param observed the observed limit at each scan point, or null for an expected-only plot
 * @param minus2 the expected −2σ quantile (2.5%)
 * @param minus1 the expected −1σ quantile (16%)
 * @param median the expected median
 * @param plus1 the expected +1σ quantile (84%)
 * @param plus2 the expected +2σ quantile (97.5%)
 */
public record BandSeries(double[] x, double[] observed, double[] minus2, double[] minus1, double[] median,
                         double[] plus1, double[] plus2) {

    private static final String WHERE = "Brazil band";

    /**
     * Copies the arrays and checks them.
     *
     * @param x the scan points (masses), strictly increasing
     * @param observed the observed limit at each scan point, or null for an expected-only plot
     * @param minus2 the expected −2σ quantile (2.5%)
     * @param minus1 the expected −1σ quantile (16%)
     * @param median the expected median
     * @param plus1 the expected +1σ quantile (84%)
     * @param plus2 the expected +2σ quantile (97.5%)
     * @throws InvalidInputException if an array is missing, empty, not finite or of another length
     *     than {@code x}, if {@code x} does not increase, or if the quantiles are out of order
     *     (minus2 ≤ minus1 ≤ median ≤ plus1 ≤ plus2 at each point)
     */
    public BandSeries {
        x = Inputs.finiteCopy(WHERE, "x", x);
        observed = Inputs.optionalFiniteCopy(WHERE, "observed", observed);
        minus2 = Inputs.finiteCopy(WHERE, "minus2", minus2);
        minus1 = Inputs.finiteCopy(WHERE, "minus1", minus1);
        median = Inputs.finiteCopy(WHERE, "median", median);
        plus1 = Inputs.finiteCopy(WHERE, "plus1", plus1);
        plus2 = Inputs.finiteCopy(WHERE, "plus2", plus2);
        int n = x.length;
        Inputs.sameLength(WHERE, "observed", observed, n, "as many as 'x'");
        Inputs.sameLength(WHERE, "minus2", minus2, n, "as many as 'x'");
        Inputs.sameLength(WHERE, "minus1", minus1, n, "as many as 'x'");
        Inputs.sameLength(WHERE, "median", median, n, "as many as 'x'");
        Inputs.sameLength(WHERE, "plus1", plus1, n, "as many as 'x'");
        Inputs.sameLength(WHERE, "plus2", plus2, n, "as many as 'x'");
        Inputs.strictlyIncreasing(WHERE, "x", x);
        for (int i = 0; i < n; i++) {
            if (!(minus2[i] <= minus1[i] && minus1[i] <= median[i] && median[i] <= plus1[i] && plus1[i] <= plus2[i])) {
                throw new InvalidInputException(WHERE + ": expected quantiles at x[" + i + "] = " + x[i]
                        + " are out of order (minus2 " + minus2[i] + ", minus1 " + minus1[i] + ", median "
                        + median[i] + ", plus1 " + plus1[i] + ", plus2 " + plus2[i]
                        + "); expected minus2 <= minus1 <= median <= plus1 <= plus2");
            }
        }
    }

    /** @return true when an observed limit is present */
    public boolean hasObserved() {
        return observed != null;
    }

    /** @return a copy of the scan points */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return a copy of the observed limits, or null for an expected-only band */
    @Override
    public double[] observed() {
        return observed == null ? null : observed.clone();
    }

    /** @return a copy of the expected −2σ quantiles */
    @Override
    public double[] minus2() {
        return minus2.clone();
    }

    /** @return a copy of the expected −1σ quantiles */
    @Override
    public double[] minus1() {
        return minus1.clone();
    }

    /** @return a copy of the expected medians */
    @Override
    public double[] median() {
        return median.clone();
    }

    /** @return a copy of the expected +1σ quantiles */
    @Override
    public double[] plus1() {
        return plus1.clone();
    }

    /** @return a copy of the expected +2σ quantiles */
    @Override
    public double[] plus2() {
        return plus2.clone();
    }

    /** @return true for a band with the same values */
    @Override
    public boolean equals(Object o) {
        return o instanceof BandSeries b && Arrays.equals(x, b.x) && Arrays.equals(observed, b.observed)
                && Arrays.equals(minus2, b.minus2) && Arrays.equals(minus1, b.minus1)
                && Arrays.equals(median, b.median) && Arrays.equals(plus1, b.plus1) && Arrays.equals(plus2, b.plus2);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {x, observed, minus2, minus1, median, plus1, plus2});
    }

    @Override
    public String toString() {
        return "BandSeries[" + x.length + " points" + (observed == null ? ", expected only]" : "]");
    }
}
