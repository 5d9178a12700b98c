package org.recoil.limits.teststat;

import org.recoil.fitting.fit.ConvergenceCriteria;
import org.recoil.fitting.fit.CovarianceTooLargeException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.fit.ProjectedBfgsMinimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;

/**
 * The minimiser for the many fits of hypothesis tests, upper-limit scans and toys, which need the
 * minimum and −2 ln L but not parameter errors: the fitting module's projected BFGS without the
 * Hessian of the error computation, and, only if it does not converge, the fitting module's standard
 * fallback cascade ({@link Minimizer#standard()}). Results of the first stage carry NaN errors and
 * covariance (not computed) and say so in their message. Stateless and thread-safe.
 */
public final class PointEstimateMinimizer implements Minimizer {

    private final Minimizer fast;
    private final Minimizer fallback;

    /** BFGS with the fitting module's default convergence criteria, then the standard cascade. */
    public PointEstimateMinimizer() {
        this(new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false), Minimizer.standard());
    }

    /**
     * @param fast first attempt (should not compute errors)
     * @param fallback used when the first attempt does not converge
     */
    public PointEstimateMinimizer(Minimizer fast, Minimizer fallback) {
        this.fast = fast;
        this.fallback = fallback;
    }

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        FitResult r = fast.minimize(model, data, init, fixed);
        if (!r.converged() || !Double.isFinite(r.twiceNll())) {
            return fallback.minimize(model, data, init, fixed);
        }
        int n = init.length;
        double[] err = new double[n];
        // no dense n × n matrix for large models (FitResult.covariance() then says why)
        double[][] cov = n <= CovarianceTooLargeException.MAX_DENSE_PARAMETERS ? new double[n][n] : null;
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                err[i] = Double.NaN;
                for (int j = 0; cov != null && j < n; j++) {
                    if (!fixed[j]) {
                        cov[i][j] = Double.NaN;
                    }
                }
            }
        }
        return new FitResult(r.values(), err, cov, r.twiceNll(), r.status(), r.iterations(),
                r.message() + " (errors not computed)", new int[0], null);
    }

    /** Both the first attempt and the fallback report to {@code listener}. */
    @Override
    public PointEstimateMinimizer withListener(org.recoil.fitting.fit.MinimizerListener listener) {
        return new PointEstimateMinimizer(fast.withListener(listener), fallback.withListener(listener));
    }

    @Override
    public String toString() {
        return "PointEstimateMinimizer[" + fast + " then " + fallback + "]";
    }
}
