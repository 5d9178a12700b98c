package org.recoil.core.mc;

/**
 * An integral estimated by {@link VegasIntegrator}.
 *
 * @param value the estimate (the mean of the weights of the frozen-grid sample)
 * @param error its standard error (standard deviation of the weights / sqrt(calls))
 * @param calls integrand evaluations in the estimate (the adaptation calls are not included)
 * @param adaptationCalls integrand evaluations spent adapting the grid
 * @param maxWeight the largest weight {@code f J} seen in the estimate
 * @param grid the adapted grid the estimate was computed with
 */
public record VegasResult(double value, double error, long calls, long adaptationCalls, double maxWeight,
                          VegasGrid grid) {

    /** @return {@code error / |value|}, or 0 when both are 0 */
    public double relativeError() {
        if (value == 0.0) {
            return error == 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return error / Math.abs(value);
    }
}
