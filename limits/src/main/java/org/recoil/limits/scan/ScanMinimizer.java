package org.recoil.limits.scan;

import org.recoil.fitting.fit.CascadeMinimizer;
import org.recoil.fitting.fit.ConvergenceCriteria;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.fit.ProjectedBfgsMinimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;

/**
 * The minimiser of the scan's limit searches: projected BFGS without the Hessian error step (the
 * profile-likelihood test statistics need only the minimum of −2 ln L, not parameter errors), and the
 * full {@link CascadeMinimizer#standard() fallback cascade} (with errors) when that does not converge.
 * On the one-bin window models this is about eight times faster than always running the cascade,
 * whose final Hessian evaluation dominates the cost. Stateless and thread-safe.
 */
public final class ScanMinimizer implements Minimizer {

    private final Minimizer first = new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false);
    private final Minimizer fallback = CascadeMinimizer.standard();

    /** Creates the minimiser. */
    public ScanMinimizer() {
    }

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        FitResult r = first.minimize(model, data, init, fixed);
        return r.converged() ? r : fallback.minimize(model, data, init, fixed);
    }
}
