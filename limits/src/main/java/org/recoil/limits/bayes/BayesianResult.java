package org.recoil.limits.bayes;

import java.util.List;
import java.util.Optional;

/**
 * A Bayesian credible upper limit.
 *
 * @param cl credibility level
 * @param upperLimit the upper end μ<sub>up</sub> of the credible interval [prior lower end, μ<sub>up</sub>]
 * @param uncertainty for {@link BayesianCalculator.Method#INTEGRATION} the numerical error of the limit
 *                    from the quadrature error estimates; for {@link BayesianCalculator.Method#MCMC} its
 *                    Monte Carlo (statistical) error, the spread of the CL quantile over batches of the
 *                    Markov chains (see {@link #uncertaintyKind()})
 * @param method how the nuisance parameters were marginalised
 * @param detail human-readable description of the computation
 * @param priorLower lower end of the prior range of the POI
 * @param priorUpper upper end of the prior range of the POI (the POI's declared upper bound by default)
 * @param massAbovePrior for a bounded prior whose upper end the posterior reaches: the fraction of the
 *                       posterior mass that a prior continued beyond its upper end (with its density there)
 *                       would put above it; 0 when negligible (&lt; 1e-12), NaN when not computed (MCMC)
 * @param mcmc chain diagnostics (empty for numerical integration)
 * @param warnings conditions that make the result less reliable (unconverged chains, truncated prior, ...)
 */
public record BayesianResult(double cl, double upperLimit, double uncertainty, BayesianCalculator.Method method,
                             String detail, double priorLower, double priorUpper, double massAbovePrior,
                             Optional<McmcDiagnostics> mcmc, List<String> warnings) {

    /** Copies the warnings. */
    public BayesianResult {
        warnings = List.copyOf(warnings);
    }

    /** @return "Monte Carlo" for MCMC, "numerical" for integration: what {@link #uncertainty()} is */
    public String uncertaintyKind() {
        return method == BayesianCalculator.Method.MCMC ? "Monte Carlo" : "numerical";
    }

    /**
     * Diagnostics of the Markov chains.
     *
     * @param chains number of chains
     * @param burnIn burn-in steps per chain
     * @param samplesPerChain kept steps per chain (after the automatic extension)
     * @param initialSamplesPerChain kept steps per chain asked for (the first round)
     * @param maxSamplesPerChain budget of the automatic extension
     * @param acceptanceRate fraction of accepted proposals after burn-in (all chains)
     * @param maxRHat largest split Gelman–Rubin potential scale reduction factor over the sampled parameters
     *                (Gelman and Rubin, Statist. Sci. 7 (1992) 457; split form as in Gelman et al., "Bayesian
     *                Data Analysis", 3rd ed.); close to 1 when the chains agree
     * @param targetRHat the R̂ the chains were extended towards
     * @param converged whether maxRHat is below targetRHat
     * @param effectiveSampleSize effective number of independent samples of μ (batch means)
     */
    public record McmcDiagnostics(int chains, int burnIn, int samplesPerChain, int initialSamplesPerChain,
                                  int maxSamplesPerChain, double acceptanceRate, double maxRHat, double targetRHat,
                                  boolean converged, double effectiveSampleSize) {
    }
}
