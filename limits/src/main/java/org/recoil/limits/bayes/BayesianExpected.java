package org.recoil.limits.bayes;

import java.util.List;
import org.recoil.limits.calc.ExpectedBand;

/**
 * Expected Bayesian upper limits: the Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2) quantiles of the limit under the
 * background-only hypothesis. For a single-bin model without free nuisance parameters they are exact
 * (the limit at the Poisson quantiles of the count, {@code toys} = 0); otherwise they are the sample
 * quantiles of background-only pseudo-experiments, none of which is ever dropped, with their Monte
 * Carlo errors.
 *
 * @param cl credibility level
 * @param expected the quantiles, ascending
 * @param uncertainty Monte Carlo error of each quantile (half the distance between the order statistics
 *                    at ranks Np ∓ √(Np(1−p))); for the exact band the numerical errors of the limits
 * @param exact whether the band is the exact sum over the Poisson distribution of the count
 * @param toys number of pseudo-experiments (0 for the exact band)
 * @param warnings conditions that make the result less reliable
 */
public record BayesianExpected(double cl, ExpectedBand expected, ExpectedBand uncertainty, boolean exact, int toys,
                               List<String> warnings) {

    /** Copies the warnings. */
    public BayesianExpected {
        warnings = List.copyOf(warnings);
    }
}
