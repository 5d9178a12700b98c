package org.recoil.fitting.fit;

import org.recoil.core.ComputationException;

/**
 * The dense covariance matrix of a fit was asked for, but the model has too many parameters for one
 * (n × n doubles); the per-parameter errors and the covariance of the global parameters
 * ({@link FitResult#globalCovariance()}) are available instead (CLI exit code 3).
 */
public class CovarianceTooLargeException extends ComputationException {
    private static final long serialVersionUID = 1L;

    /** Above this many free parameters, fits do not build the dense covariance matrix. */
    public static final int MAX_DENSE_PARAMETERS = 2000;

    /** @param parameters the number of parameters of the model */
    public CovarianceTooLargeException(int parameters) {
        super("the full covariance matrix of " + parameters + " parameters is not built (more than "
                + MAX_DENSE_PARAMETERS + "; it would need " + Math.round(8.0 * parameters * parameters / 1e6)
                + " MB): use the per-parameter errors and the covariance of the global parameters"
                + " (FitResult.globalCovariance())");
    }
}
