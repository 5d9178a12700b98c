package org.recoil.limits.bayes;

/**
 * A prior density on the parameter of interest (up to a constant). The nuisance parameters take
 * their priors from the model's constraint terms (HistFactory's convention: flat "ur-priors" times
 * the constraint; Cranmer et al., CERN-OPEN-2012-016), so only the POI prior is pluggable.
 */
public interface Prior {

    /**
     * @param mu POI value within [{@link #lower()}, {@link #upper()}]
     * @return ln π(μ) up to a constant; −∞ where the prior vanishes
     */
    double logDensity(double mu);

    /**
     * The derivative of {@link #logDensity(double)}, for gradient-based samplers. The default is a
     * central finite difference; priors with a closed form override it.
     *
     * @param mu POI value inside the support
     * @return d ln π / dμ
     */
    default double logDensityDerivative(double mu) {
        double h = 1e-6 * Math.max(1.0, Math.abs(mu));
        double lo = Math.max(lower(), mu - h);
        double hi = Math.min(upper(), mu + h);
        return hi > lo ? (logDensity(hi) - logDensity(lo)) / (hi - lo) : 0.0;
    }

    /** @return lower end of the support */
    double lower();

    /** @return upper end of the support (may be +∞ for an improper prior) */
    double upper();

    /** @return a short description, e.g. "flat on [0, 5]" */
    default String description() {
        return getClass().getSimpleName() + " on [" + lower() + ", " + upper() + "]";
    }

    /** @return the flat prior on μ ≥ 0 (improper; the posterior is proper when the likelihood falls off) */
    static Prior flat() {
        return new FlatPrior(0.0, Double.POSITIVE_INFINITY);
    }
}
