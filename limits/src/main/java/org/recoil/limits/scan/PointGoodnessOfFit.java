package org.recoil.limits.scan;

import java.io.Serializable;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.diagnostics.GoodnessOfFit;
import org.recoil.limits.diagnostics.GoodnessOfFitResult;

/**
 * The saturated-model goodness of fit of one mass point's free fit (Baker and Cousins, NIM 221 (1984) 437;
 * {@link GoodnessOfFit}): t = −2 ln λ<sub>sat</sub> = Σ<sub>bins</sub> 2(ν − n + n ln(n/ν)) + the constraint
 * terms of the free constrained parameters, at the best fit (μ̂ ≥ 0, θ̂), and its asymptotic χ² p-value with
 * dof = bins − free unconstrained parameters. A counting window (one bin, μ free) has dof = 0: the fit always
 * reproduces the count, and the p-value is undefined (NaN); a shape fit in n bins has dof = n − 1.
 *
 * @param statistic t at the point's best fit
 * @param dof degrees of freedom of its asymptotic χ² distribution
 * @param p P(χ²<sub>dof</sub> ≥ t), NaN for dof ≤ 0
 */
public record PointGoodnessOfFit(double statistic, int dof, double p) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The goodness of fit as {@link GoodnessOfFit#test} computes it for the point's workspace (no toys).
     *
     * @param model the point's model
     * @param freeFit the free fit of its observed data (the model's fixed parameters held fixed)
     * @return t, dof and the asymptotic p-value
     */
    public static PointGoodnessOfFit of(HistFactoryModel model, FitResult freeFit) {
        GoodnessOfFitResult g = new GoodnessOfFit(1).test(model, model.observed(), freeFit,
                model.parameters().fixed(), 0, 0L);
        return new PointGoodnessOfFit(g.statistic(), g.dof(), g.pAsymptotic());
    }

    /**
     * Fits the point's observed data freely ({@code minimizer.fit}, the model's fixed parameters held fixed; the
     * same fit as the free fit of its discovery test) and tests it.
     *
     * @param model the point's model
     * @param minimizer the minimiser
     * @return t, dof and the asymptotic p-value
     * @throws FitFailedException if the free fit does not converge
     */
    public static PointGoodnessOfFit of(HistFactoryModel model, Minimizer minimizer) {
        FitResult fit = minimizer.fit(model, model.observed());
        if (!fit.converged() || !Double.isFinite(fit.twiceNll())) {
            throw new FitFailedException("free fit of the data for the goodness of fit: " + fit.message(), fit);
        }
        return of(model, fit);
    }

    /** @return whether the p-value is defined (dof &gt; 0) */
    public boolean defined() {
        return dof > 0 && Double.isFinite(p);
    }
}
