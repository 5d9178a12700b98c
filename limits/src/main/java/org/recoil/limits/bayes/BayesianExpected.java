package org.recoil.limits.bayes;

import java.util.List;
import org.recoil.limits.calc.ExpectedBand;

/**
 * Expected Bayesian upper limits: the Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2) quantiles of the limits of
 * background-only pseudo-experiments.
 *
 * @param cl credibility level
 * @param expected the quantiles, ascending
 * @param toys toys whose limit was computed
 * @param failed toys whose limit could not be computed (excluded)
 * @param warnings conditions that make the result less reliable
 */
public record BayesianExpected(double cl, ExpectedBand expected, int toys, int failed, List<String> warnings) {

    /** Copies the warnings. */
    public BayesianExpected {
        warnings = List.copyOf(warnings);
    }
}
