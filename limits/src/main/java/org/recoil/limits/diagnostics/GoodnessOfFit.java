package org.recoil.limits.diagnostics;

import java.util.List;
import org.hipparchus.special.Gamma;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * Saturated-model goodness of fit (Baker and Cousins, NIM 221 (1984) 437; CMS Combine's {@code -M GoodnessOfFit
 * --algo saturated}): the likelihood ratio of the best fit to the saturated model, in which every main bin's mean
 * equals its count and every constraint term sits at its auxiliary datum. With pyhf's constraint terms:
 * <pre>
 *   t = Σ_bins 2(ν − n + n ln(n/ν)) + Σ_Gaussian (θ − a)²/σ² + Σ_Poisson 2(γτ − a + a ln(a/(γτ)))
 * </pre>
 * at the best fit, the constraint sums over the free constrained parameters (a fixed parameter's constraint term
 * does not depend on the fit). Asymptotically t ~ χ² with (bins + constraint terms − free parameters) degrees of
 * freedom. The toy p-value generates pseudo-data (Poisson counts, randomised auxiliary data) at the best fit,
 * refits each and counts the toys with t ≥ t_obs; toy i draws from {@link ToySeeds#rng}(seed, 0, i), so results
 * do not depend on the thread count.
 */
public final class GoodnessOfFit {

    private final Minimizer minimizer;
    private final int threads;

    /**
     * @param minimizer minimiser of the toy fits
     * @param threads worker threads for toys, at least 1
     */
    public GoodnessOfFit(Minimizer minimizer, int threads) {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        this.minimizer = minimizer;
        this.threads = threads;
    }

    /** @param threads worker threads; toy fits use {@link PointEstimateMinimizer} */
    public GoodnessOfFit(int threads) {
        this(new PointEstimateMinimizer(), threads);
    }

    /**
     * The saturated statistic of {@code data} at the parameters {@code pars}.
     *
     * @param model the model
     * @param data the data
     * @param pars the parameters (usually the best fit)
     * @param fixed the parameters held fixed in that fit (their constraint terms are left out)
     * @return t
     */
    public static double statistic(HistFactoryModel model, Data data, double[] pars, boolean[] fixed) {
        return statistic(new ModelParameters(model), data, pars, fixed);
    }

    private static double statistic(ModelParameters mp, Data data, double[] pars, boolean[] fixed) {
        double[] nu = mp.model.expectedMain(pars);
        double t = 0;
        for (int b = 0; b < nu.length; b++) {
            t += PoissonDeviance.of(data.main(b), nu[b]);
        }
        for (int i = 0; i < pars.length; i++) {
            if (!fixed[i]) {
                t += mp.constraintDeviance(i, pars[i], data);
            }
        }
        return t;
    }

    /**
     * @param model the model
     * @param fixed the parameters held fixed in the fit
     * @return main bins − free unconstrained parameters
     */
    public static int degreesOfFreedom(HistFactoryModel model, boolean[] fixed) {
        int dof = model.mainSize();
        for (int i = 0; i < fixed.length; i++) {
            if (!fixed[i] && model.constraintType(i) == org.recoil.fitting.model.ConstraintType.NONE) {
                dof--;
            }
        }
        return dof;
    }

    /**
     * The goodness of fit of a fit to {@code data}, with toys if {@code toys > 0}.
     *
     * @param model the model
     * @param data the data the fit was made to
     * @param fit the fit (converged)
     * @param fixed the parameters that were held fixed in the fit
     * @param toys number of toys, 0 for the asymptotic p-value only
     * @param seed master seed of the toys
     * @return statistic, dof, asymptotic and toy p-values
     */
    public GoodnessOfFitResult test(HistFactoryModel model, Data data, FitResult fit, boolean[] fixed, int toys,
                                    long seed) {
        if (toys < 0) {
            throw new InvalidInputException("--toys must be at least 1, got " + toys);
        }
        ModelParameters mp = new ModelParameters(model);
        double[] best = fit.values();
        double t = statistic(mp, data, best, fixed);
        int dof = degreesOfFreedom(model, fixed);
        double p = dof > 0 ? Gamma.regularizedGammaQ(0.5 * dof, 0.5 * t) : Double.NaN;
        if (toys == 0) {
            return new GoodnessOfFitResult(t, dof, p, 0, Double.NaN, new double[0]);
        }
        List<Double> ts = IndexedTasks.run(toys, threads, "recoil-gof-toys", ProgressListener.NONE, i -> {
            Data toy = model.sample(best, ToySeeds.rng(seed, 0, i));
            FitResult r = minimizer.minimize(model, toy, best, fixed);
            if (!r.converged()) {
                throw new FitFailedException("goodness-of-fit toy " + i + " (seed " + seed + "): the fit did not"
                        + " converge: " + r.message(), r);
            }
            return statistic(mp, toy, r.values(), fixed);
        });
        double[] arr = new double[toys];
        int above = 0;
        for (int i = 0; i < toys; i++) {
            arr[i] = ts.get(i);
            above += arr[i] >= t ? 1 : 0;
        }
        return new GoodnessOfFitResult(t, dof, p, toys, (double) above / toys, arr);
    }
}
