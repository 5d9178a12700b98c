package org.recoil.limits.bayes;

import java.util.Objects;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.calc.ProgressListener;

/**
 * Settings of the Markov-chain Monte Carlo marginalisation. Immutable; change with the
 * {@code withX} copies.
 *
 * <p>The chains first run {@code burnIn} adaptive iterations and {@code samples} kept iterations each; while the
 * split Gelman–Rubin R̂ of any sampled parameter exceeds {@code targetRHat}, every chain is extended
 * (its kept length doubled) until the kept length per chain would exceed {@code maxSamples}, the
 * stated budget.
 *
 * @param chains number of independent chains (≥ 2 for the Gelman–Rubin diagnostic)
 * @param burnIn iterations per chain discarded while the proposal adapts
 * @param samples iterations per chain kept after burn-in (the first round)
 * @param maxSamples largest number of kept iterations per chain the automatic extension may reach (≥ samples)
 * @param targetRHat the chains are extended until the largest split R̂ is below this (&gt; 1)
 * @param seed master seed (chain c uses the stream derived from (seed, c))
 * @param threads worker threads for the chains (results do not depend on it)
 * @param progress progress listener (iterations done / total)
 */
public record McmcOptions(int chains, int burnIn, int samples, int maxSamples, double targetRHat,
                          long seed, int threads, ProgressListener progress) {

    /** Default R̂ target of the automatic extension. */
    public static final double DEFAULT_TARGET_R_HAT = 1.01;

    /** Validates. */
    public McmcOptions {
        if (chains < 2 || burnIn < 100 || samples < 100 || threads < 1) {
            throw new InvalidInputException("MCMC needs >= 2 chains, >= 100 warm-up iterations, >= 100 kept"
                    + " iterations per chain and >= 1 thread; got chains=" + chains + ", warm-up=" + burnIn
                    + ", chain length=" + samples + ", threads=" + threads);
        }
        if (maxSamples < samples) {
            throw new InvalidInputException("MCMC: the budget of kept iterations per chain (" + maxSamples
                    + ") must be at least the initial chain length (" + samples + ")");
        }
        if (!(targetRHat > 1)) {
            throw new InvalidInputException("MCMC: the target R-hat must exceed 1, got " + targetRHat);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param seed master seed
     * @return 4 chains of 1,000 warm-up and 10,000 kept Hamiltonian iterations, extended up to 160,000 kept
     *         iterations per chain until R̂ &lt; 1.01, on all processors
     */
    public static McmcOptions defaults(long seed) {
        return new McmcOptions(4, 1000, 10_000, 160_000, DEFAULT_TARGET_R_HAT, seed,
                Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }

    /** @param n chains @return a copy */
    public McmcOptions withChains(int n) {
        return new McmcOptions(n, burnIn, samples, maxSamples, targetRHat, seed, threads, progress);
    }

    /**
     * @param burn burn-in iterations
     * @param keep kept iterations per chain (the budget is raised to it if below)
     * @return a copy
     */
    public McmcOptions withSteps(int burn, int keep) {
        return new McmcOptions(chains, burn, keep, Math.max(maxSamples, keep), targetRHat, seed,
                threads, progress);
    }

    /** @param n budget of kept iterations per chain for the automatic extension @return a copy */
    public McmcOptions withMaxSamples(int n) {
        return new McmcOptions(chains, burnIn, samples, n, targetRHat, seed, threads, progress);
    }

    /** @param r R̂ target of the automatic extension @return a copy */
    public McmcOptions withTargetRHat(double r) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, r, seed, threads, progress);
    }

    /** @param s master seed @return a copy */
    public McmcOptions withSeed(long s) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, s, threads, progress);
    }

    /** @param n threads @return a copy */
    public McmcOptions withThreads(int n) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, seed, n, progress);
    }

    /** @param p listener @return a copy */
    public McmcOptions withProgress(ProgressListener p) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, seed, threads, p);
    }
}
