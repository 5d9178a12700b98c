package org.recoil.fitting.fit;

import java.util.Arrays;

/**
 * Result of a maximum-likelihood fit.
 *
 * @param values parameter values at the minimum (fixed parameters at their fixed values)
 * @param errors parabolic uncertainties from the inverse Hessian of −ln L (0 for fixed parameters;
 *               NaN for the {@link #undetermined} ones, or all free ones when the Hessian could not be used)
 * @param covariance covariance matrix of all parameters (zero rows/columns for fixed ones); null when the
 *                   model has too many parameters for a dense matrix, then {@link #covariance()} throws
 *                   and {@link #globalCovariance()} gives the block of the global parameters
 * @param twiceNll −2 ln L at the minimum
 * @param status convergence status; check it before using any number
 * @param iterations iterations used (summed over the fallback cascade)
 * @param message human-readable detail: which fallback converged, or why the fit failed
 * @param undetermined indices of the free parameters whose errors are undefined because the Hessian is
 *                     singular in their direction (status {@link FitStatus#CONVERGED_UNDETERMINED}); empty
 *                     otherwise
 * @param globalCovariance the covariance restricted to the model's global (non per-bin) parameters when
 *                         the full matrix was not built, else null
 */
public record FitResult(double[] values, double[] errors, double[][] covariance, double twiceNll,
                        FitStatus status, int iterations, String message, int[] undetermined,
                        BlockCovariance globalCovariance) {

    /** Copies arrays so that the record stays immutable. */
    public FitResult {
        values = values.clone();
        errors = errors.clone();
        covariance = covariance == null ? null : copy(covariance);
        undetermined = undetermined.clone();
    }

    /**
     * A result with a dense covariance and every free parameter determined (the form used before
     * undetermined parameters and structured covariances were reported).
     */
    public FitResult(double[] values, double[] errors, double[][] covariance, double twiceNll, FitStatus status,
                     int iterations, String message) {
        this(values, errors, covariance, twiceNll, status, iterations, message, new int[0], null);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
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

    /**
     * @return copy of the covariance matrix
     * @throws CovarianceTooLargeException when the model had too many parameters for a dense matrix
     *         ({@link #hasCovariance()} is false): use {@link #errors()} and {@link #globalCovariance()}
     */
    @Override
    public double[][] covariance() {
        if (covariance == null) {
            throw new CovarianceTooLargeException(values.length);
        }
        return copy(covariance);
    }

    /** @return whether the dense covariance matrix is available */
    public boolean hasCovariance() {
        return covariance != null;
    }

    /** @return copy of the indices of the undetermined free parameters */
    @Override
    public int[] undetermined() {
        return undetermined.clone();
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
                && status == r.status && iterations == r.iterations && message.equals(r.message)
                && Arrays.equals(undetermined, r.undetermined)
                && java.util.Objects.equals(globalCovariance, r.globalCovariance);
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
