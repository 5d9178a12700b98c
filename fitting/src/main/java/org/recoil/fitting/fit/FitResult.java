package org.recoil.fitting.fit;

import java.util.Arrays;

/**
 * Result of a maximum-likelihood fit.
 *
 * @param values parameter values at the minimum (fixed parameters at their fixed values)
 * @param errors parabolic uncertainties from the inverse Hessian of −ln L (0 for fixed parameters;
 *               NaN when the Hessian could not be inverted)
 * @param covariance covariance matrix of all parameters (zero rows/columns for fixed ones)
 * @param twiceNll −2 ln L at the minimum
 * @param status convergence status; check it before using any number
 * @param iterations iterations used (summed over the fallback cascade)
 * @param message human-readable detail: which fallback converged, or why the fit failed
 */
public record FitResult(double[] values, double[] errors, double[][] covariance, double twiceNll,
                        FitStatus status, int iterations, String message) {

    /** Copies arrays so that the record stays immutable. */
    public FitResult {
        values = values.clone();
        errors = errors.clone();
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        covariance = c;
    }

    /** @return copy of the best-fit values */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** @return copy of the uncertainties */
    @Override
    public double[] errors() {
        return errors.clone();
    }

    /** @return copy of the covariance matrix */
    @Override
    public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = covariance[i].clone();
        }
        return c;
    }

    /** @return best-fit value of parameter {@code i} */
    public double value(int i) {
        return values[i];
    }

    /** @return uncertainty of parameter {@code i} */
    public double error(int i) {
        return errors[i];
    }

    /** @return whether the fit converged */
    public boolean converged() {
        return status.isConverged();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitResult r && Arrays.equals(values, r.values) && Arrays.equals(errors, r.errors)
                && Arrays.deepEquals(covariance, r.covariance) && Double.compare(twiceNll, r.twiceNll) == 0
                && status == r.status && iterations == r.iterations && message.equals(r.message);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Double.hashCode(twiceNll);
    }

    @Override
    public String toString() {
        return "FitResult[status=" + status + ", twiceNll=" + twiceNll + ", values=" + Arrays.toString(values)
                + ", iterations=" + iterations + ", message=" + message + "]";
    }
}
