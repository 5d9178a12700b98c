package org.recoil.fitting.fit;

import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;

/**
 * Minimises {@link StatModel#twiceNll} over the free parameters within their bounds.
 * Implementations are stateless and thread-safe.
 */
public interface Minimizer {

    /**
     * @return the standard minimiser: projected BFGS with the analytic gradient inside the fallback
     *         cascade of {@link CascadeMinimizer#standard()}
     */
    static Minimizer standard() {
        return CascadeMinimizer.standard();
    }

    /**
     * @param model the likelihood
     * @param data the dataset to fit
     * @param init start values (fixed parameters stay at these values)
     * @param fixed which parameters are held constant; this mask is complete (callers merge the
     *              model's own fixed flags into it, as {@link #fit} does)
     * @return the result, whose status says whether it converged; never throws for non-convergence
     */
    FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed);

    /**
     * @param listener receives the iterations and −2 ln L of every minimisation this minimiser runs
     * @return a minimiser that reports its progress to {@code listener}; this one is unchanged. The default
     *         returns {@code this}: a minimiser that does not override it reports no progress
     */
    default Minimizer withListener(MinimizerListener listener) {
        return this;
    }

    /** Free fit from the model's inits, with the model's fixed parameters held constant. */
    default FitResult fit(StatModel model, Data data) {
        return minimize(model, data, model.parameters().inits(), model.parameters().fixed());
    }

    /**
     * Fit with the parameter of interest fixed to {@code poiValue} (and the model's fixed parameters
     * held constant): the conditional fit of a profile-likelihood test statistic.
     */
    default FitResult fitFixedPoi(StatModel model, Data data, double poiValue) {
        var p = model.parameters();
        if (p.poiIndex() < 0) {
            throw new org.recoil.core.InvalidInputException("the model has no parameter of interest");
        }
        double[] init = p.inits();
        boolean[] fixed = p.fixed();
        init[p.poiIndex()] = poiValue;
        fixed[p.poiIndex()] = true;
        return minimize(model, data, init, fixed);
    }
}
