package org.recoil.limits.bayes;

import java.util.List;
import java.util.Optional;

/**
 * A Bayesian credible upper limit on the parameter of interest: ∫<sub>lower</sub><sup>μ_up</sup> p(μ | data) dμ = CL,
 * with p(μ | data) ∝ π(μ) ∫ L(μ, θ) dθ.
 *
 * @param cl credibility level, e.g. 0.90
 * @param upperLimit μ<sub>up</sub>
 * @param uncertainty estimated numerical uncertainty of μ<sub>up</sub> (absolute): from the quadrature
 *                    error estimates, or the spread of the limit over batches of the Markov chains
 * @param method how the nuisance parameters were marginalised
 * @param detail human-readable description of the computation
 * @param mcmc chain diagnostics (empty for numerical integration)
 * @param warnings conditions that make the result less reliable (unconverged chains, ...)
 */
public record BayesianResult(double cl, double upperLimit, double uncertainty, BayesianCalculator.Method method,
                             String detail, Optional<McmcDiagnostics> mcmc, List<String> warnings) {

    /** Copies the warnings. */
    public BayesianResult {
        warnings = List.copyOf(warnings);
    }

    /**
     * Diagnostics of the Markov chains.
     *
     * @param chains number of chains
     * @param burnIn burn-in steps per chain
     * @param samplesPerChain kept steps per chain
     * @param acceptanceRate fraction of accepted proposals after burn-in (all chains)
     * @param maxRHat largest Gelman–Rubin potential scale reduction factor over the sampled parameters
     *                (Gelman and Rubin, Statist. Sci. 7 (1992) 457); close to 1 when the chains agree
     * @param effectiveSampleSize effective number of independent samples of μ (batch means)
     */
    public record McmcDiagnostics(int chains, int burnIn, int samplesPerChain, double acceptanceRate, double maxRHat,
                                  double effectiveSampleSize) {
    }
}
