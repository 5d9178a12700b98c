package org.recoil.limits.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * Impacts of the nuisance parameters on the parameter of interest and their ranking, as cabinetry and CMS Combine
 * define them (Combine: CMS-CAT-23-001, arXiv:2404.06614, section 9.2): for each parameter θ, the fit is repeated
 * with θ held fixed at θ̂ ± Δθ̂ (post-fit impact) and at θ₀ ± Δθ, the constraint's centre ± its pre-fit width
 * (pre-fit impact; constrained parameters only), every other free parameter refitted; the impact is the shift of
 * μ̂. Fixed values are clipped to the parameter's bounds. Refits start from the best fit. The parameters are
 * independent tasks run in parallel; results do not depend on the thread count.
 */
public final class Impacts {

    private final Minimizer minimizer;
    private final int threads;

    /**
     * @param minimizer the minimiser of the refits (errors are not needed)
     * @param threads worker threads, at least 1
     */
    public Impacts(Minimizer minimizer, int threads) {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        this.minimizer = minimizer;
        this.threads = threads;
    }

    /** @param threads worker threads; the refits use {@link PointEstimateMinimizer} */
    public Impacts(int threads) {
        this(new PointEstimateMinimizer(), threads);
    }

    /**
     * Impacts of every free nuisance parameter (every free parameter but the POI), ranked by {@link Impact#size()}.
     *
     * @param model the model (with a parameter of interest)
     * @param data the data the fit was made to
     * @param fit the free fit with errors
     * @return the impacts, largest first
     */
    public List<Impact> all(HistFactoryModel model, Data data, FitResult fit) {
        List<String> names = new ArrayList<>();
        var p = model.parameters();
        for (int i = 0; i < p.size(); i++) {
            if (i != p.poiIndex() && fit.error(i) != 0 && !p.isFixed(i)) {
                names.add(p.names().get(i));
            }
        }
        return of(model, data, fit, names);
    }

    /**
     * Impacts of the named parameters, ranked by {@link Impact#size()}.
     *
     * @param model the model (with a parameter of interest)
     * @param data the data the fit was made to
     * @param fit the free fit with errors
     * @param names the nuisance parameters
     * @return the impacts, largest first
     * @throws InvalidInputException naming the parameter if it is unknown, the POI, or fixed
     * @throws FitFailedException if the fit has no finite errors, or naming the parameter and shift if a refit does
     *         not converge
     */
    public List<Impact> of(HistFactoryModel model, Data data, FitResult fit, List<String> names) {
        ModelParameters mp = new ModelParameters(model);
        var p = model.parameters();
        int poi = p.poiIndex();
        if (poi < 0) {
            throw new InvalidInputException("impacts need a parameter of interest; the model has none");
        }
        if (p.isFixed(poi) || fit.error(poi) == 0) {
            throw new InvalidInputException("impacts need a free parameter of interest; '" + p.names().get(poi)
                    + "' is fixed");
        }
        if (!fit.converged() || !(fit.error(poi) > 0)) {
            throw new FitFailedException("impacts need a converged fit with a finite error of the parameter of"
                    + " interest: " + fit.message(), fit);
        }
        int[] idx = new int[names.size()];
        for (int k = 0; k < idx.length; k++) {
            int i = mp.index(names.get(k), "impacts");
            if (i == poi) {
                throw new InvalidInputException("impacts: '" + names.get(k) + "' is the parameter of interest");
            }
            if (p.isFixed(i) || fit.error(i) == 0) {
                throw new InvalidInputException("impacts: parameter '" + names.get(k)
                        + "' is fixed; impacts are defined for free parameters only");
            }
            if (!(fit.error(i) > 0)) {
                throw new FitFailedException("impacts: parameter '" + names.get(k)
                        + "' has no finite post-fit error (the Hessian is not positive definite)", fit);
            }
            idx[k] = i;
        }
        List<Impact> out = new ArrayList<>(IndexedTasks.run(idx.length, threads, "recoil-impacts",
                ProgressListener.NONE, k -> impact(mp, data, fit, idx[k])));
        out.sort(Comparator.comparingDouble(Impact::size).reversed());
        return out;
    }

    private Impact impact(ModelParameters mp, Data data, FitResult fit, int i) {
        double theta = fit.value(i);
        double err = fit.error(i);
        double up = shift(mp, data, fit, i, theta + err, "post-fit +1 sigma");
        double down = shift(mp, data, fit, i, theta - err, "post-fit -1 sigma");
        double centre = Double.NaN;
        double width = Double.NaN;
        double preUp = Double.NaN;
        double preDown = Double.NaN;
        if (mp.constrained(i)) {
            centre = mp.model.constraintCentre(i);
            width = mp.model.constraintWidth(i);
            preUp = shift(mp, data, fit, i, centre + width, "pre-fit +1 sigma");
            preDown = shift(mp, data, fit, i, centre - width, "pre-fit -1 sigma");
        }
        return new Impact(mp.name(i), mp.type[i], theta, err, centre, width, up, down, preUp, preDown);
    }

    private double shift(ModelParameters mp, Data data, FitResult fit, int i, double target, String what) {
        var p = mp.parameters;
        double[] init = fit.values();
        boolean[] fixed = p.fixed();
        init[i] = Math.min(p.upper(i), Math.max(p.lower(i), target));
        fixed[i] = true;
        FitResult r = minimizer.minimize(mp.model, data, init, fixed);
        if (!r.converged()) {
            throw new FitFailedException("impact of '" + mp.name(i) + "' (" + what + ", fixed at " + init[i]
                    + "): the refit did not converge: " + r.message(), r);
        }
        return r.value(p.poiIndex()) - fit.value(p.poiIndex());
    }
}
