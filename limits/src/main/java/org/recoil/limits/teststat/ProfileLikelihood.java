package org.recoil.limits.teststat;

import java.util.Objects;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.model.PoiBoundedModel;

/**
 * The two fits of a profile-likelihood ratio λ(μ) = L(μ, θ̂̂(μ)) / L(μ̂, θ̂) (Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727, Eq. (7)): the free (unconditional) fit and the conditional fit with the
 * parameter of interest fixed. Both respect the model's parameter bounds, so with a POI lower
 * bound of 0 the free fit gives the bounded μ̂ of λ̃(μ), Eq. (10), exactly as pyhf does. A
 * conditional fit at a μ outside the POI bounds widens them just for that fit.
 *
 * <p>Immutable and thread-safe when the minimiser is (as {@link Minimizer} requires).
 *
 * @param model the likelihood
 * @param minimizer the minimiser of −2 ln L
 */
public record ProfileLikelihood(StatModel model, Minimizer minimizer) {

    /** Checks that the model has a parameter of interest. */
    public ProfileLikelihood {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(minimizer, "minimizer");
        if (model.parameters().poiIndex() < 0) {
            throw new InvalidInputException("the model has no parameter of interest; profile-likelihood"
                    + " test statistics need one");
        }
    }

    /** @return index of the parameter of interest */
    public int poiIndex() {
        return model.parameters().poiIndex();
    }

    /** @return whether any parameter other than the POI is free (not fixed) */
    public boolean hasFreeNuisanceParameters() {
        Parameters p = model.parameters();
        for (int i = 0; i < p.size(); i++) {
            if (i != p.poiIndex() && !p.isFixed(i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Free fit from the model's initial values.
     *
     * @param data the dataset
     * @return the converged fit
     * @throws FitFailedException if the fit does not converge
     */
    public FitResult freeFit(Data data) {
        return freeFit(data, model.parameters().inits());
    }

    /**
     * Free fit from given start values (clipped into the bounds).
     *
     * @param data the dataset
     * @param start start values
     * @return the converged fit
     * @throws FitFailedException if the fit does not converge
     */
    public FitResult freeFit(Data data, double[] start) {
        Parameters p = model.parameters();
        double[] init = clip(start, p);
        return require(run(model, data, init, p.fixed()), "free fit");
    }

    /**
     * Conditional fit with the POI fixed to {@code mu}, from the model's initial values.
     *
     * @param data the dataset
     * @param mu the POI value
     * @return the converged fit
     * @throws FitFailedException if the fit does not converge
     */
    public FitResult conditionalFit(Data data, double mu) {
        return conditionalFit(data, mu, model.parameters().inits());
    }

    /**
     * Conditional fit with the POI fixed to {@code mu}, from given start values of the other
     * parameters.
     *
     * @param data the dataset
     * @param mu the POI value
     * @param start start values (the POI entry is replaced by {@code mu})
     * @return the converged fit
     * @throws FitFailedException if the fit does not converge
     */
    public FitResult conditionalFit(Data data, double mu, double[] start) {
        if (!Double.isFinite(mu)) {
            throw new InvalidInputException("POI value must be finite, got " + mu);
        }
        StatModel m = PoiBoundedModel.including(model, mu);
        Parameters p = m.parameters();
        int poi = p.poiIndex();
        double[] init = clip(start, p);
        init[poi] = mu;
        boolean[] fixed = p.fixed();
        fixed[poi] = true;
        return require(run(m, data, init, fixed), "fit with " + p.names().get(poi) + " = " + mu);
    }

    private FitResult run(StatModel m, Data data, double[] init, boolean[] fixed) {
        for (boolean f : fixed) {
            if (!f) {
                return minimizer.minimize(m, data, init, fixed);
            }
        }
        // nothing to fit: evaluate the likelihood at the given point
        int n = init.length;
        double v = m.twiceNll(init, data);
        FitStatus status = Double.isFinite(v) ? FitStatus.CONVERGED : FitStatus.FAILED;
        return new FitResult(init, new double[n], new double[n][n], v, status, 0,
                "all parameters fixed: likelihood evaluated, no minimisation");
    }

    private static FitResult require(FitResult r, String what) {
        if (!r.converged() || !Double.isFinite(r.twiceNll())) {
            throw new FitFailedException(what + " did not converge (" + r.status() + "): " + r.message(), r);
        }
        return r;
    }

    private static double[] clip(double[] start, Parameters p) {
        if (start.length != p.size()) {
            throw new IllegalArgumentException("start vector has length " + start.length + ", model has "
                    + p.size() + " parameters");
        }
        double[] x = start.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], p.lower(i)), p.upper(i));
        }
        return x;
    }
}
