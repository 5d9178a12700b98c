package org.recoil.limits.teststat;

import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.model.Data;

/**
 * A test statistic for a hypothesised value μ of the parameter of interest, oriented so that
 * larger values are less compatible with μ: the p-value of the hypothesis is P(T ≥ t<sub>obs</sub> | μ).
 * Implementations: the profile-likelihood ratios of Cowan, Cranmer, Gross, Vitells
 * (arXiv:1007.1727) in {@link ProfileLikelihoodStatistic} and the event count {@link EventCount}.
 */
public interface TestStatistic {

    /** @return short name as used in pyhf and in saved toy sets ({@code qtilde}, {@code q}, ...) */
    String id();

    /**
     * Evaluates the statistic on a dataset.
     *
     * @param likelihood the model and minimiser (unused by statistics that need no fit)
     * @param data the dataset
     * @param mu the hypothesised POI value
     * @param start start values for any fits (e.g. the parameters the toy was generated at)
     * @return the value, finite and ≥ 0 for profile-likelihood statistics
     * @throws FitFailedException if a fit the statistic needs does not converge
     */
    double evaluate(ProfileLikelihood likelihood, Data data, double mu, double[] start);

    /** @return whether {@link #evaluate} fits the model (false for the event count) */
    boolean needsFits();
}
