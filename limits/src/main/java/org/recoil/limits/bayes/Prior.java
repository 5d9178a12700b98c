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
