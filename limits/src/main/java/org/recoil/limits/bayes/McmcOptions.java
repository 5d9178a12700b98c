package org.recoil.limits.bayes;

import java.util.Objects;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.calc.ProgressListener;

/**
 * Settings of the Markov-chain Monte Carlo marginalisation. Immutable; change with the
 * {@code withX} copies.
 *
 * <p>The chains first run {@code burnIn} adaptive steps and {@code samples} kept steps each; while the
 * split Gelman–Rubin R̂ of any sampled parameter exceeds {@code targetRHat}, every chain is extended
 * (its kept length doubled) until the kept length per chain would exceed {@code maxSamples}, the
 * stated budget.
 *
 * @param chains number of independent chains (≥ 2 for the Gelman–Rubin diagnostic)
 * @param burnIn steps per chain discarded while the proposal adapts
 * @param samples steps per chain kept after burn-in (the first round)
 * @param maxSamples largest number of kept steps per chain the automatic extension may reach (≥ samples)
 * @param targetRHat the chains are extended until the largest split R̂ is below this (&gt; 1)
 * @param adaptInterval steps between proposal adaptations during burn-in
 * @param seed master seed (chain c uses the stream derived from (seed, c))
 * @param threads worker threads for the chains (results do not depend on it)
 * @param progress progress listener (steps done / total)
 */
public record McmcOptions(int chains, int burnIn, int samples, int maxSamples, double targetRHat, int adaptInterval,
                          long seed, int threads, ProgressListener progress) {

    /** Default R̂ target of the automatic extension. */
    public static final double DEFAULT_TARGET_R_HAT = 1.01;

    /** Validates. */
    public McmcOptions {
        if (chains < 2 || burnIn < 100 || samples < 100 || adaptInterval < 10 || threads < 1) {
            throw new InvalidInputException("MCMC needs >= 2 chains, >= 100 burn-in steps, >= 100 samples, an"
                    + " adaptation interval >= 10 and >= 1 thread; got chains=" + chains + ", burnIn=" + burnIn
                    + ", samples=" + samples + ", adaptInterval=" + adaptInterval + ", threads=" + threads);
        }
        if (maxSamples < samples) {
            throw new InvalidInputException("MCMC: the budget of kept steps per chain (" + maxSamples
                    + ") must be at least the initial chain length (" + samples + ")");
        }
        if (!(targetRHat > 1)) {
            throw new InvalidInputException("MCMC: the target R-hat must exceed 1, got " + targetRHat);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param seed master seed
     * @return 4 chains of 5,000 burn-in and 25,000 kept steps, extended up to 400,000 kept steps per
     *         chain until R̂ &lt; 1.01, adapting every 200 steps, on all processors
     */
    public static McmcOptions defaults(long seed) {
        return new McmcOptions(4, 5000, 25000, 400_000, DEFAULT_TARGET_R_HAT, 200, seed,
                Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }

    /** @param n chains @return a copy */
    public McmcOptions withChains(int n) {
        return new McmcOptions(n, burnIn, samples, maxSamples, targetRHat, adaptInterval, seed, threads, progress);
    }

    /**
     * @param burn burn-in steps
     * @param keep kept steps per chain (the budget is raised to it if below)
     * @return a copy
     */
    public McmcOptions withSteps(int burn, int keep) {
        return new McmcOptions(chains, burn, keep, Math.max(maxSamples, keep), targetRHat, adaptInterval, seed,
                threads, progress);
    }

    /** @param n budget of kept steps per chain for the automatic extension @return a copy */
    public McmcOptions withMaxSamples(int n) {
        return new McmcOptions(chains, burnIn, samples, n, targetRHat, adaptInterval, seed, threads, progress);
    }

    /** @param r R̂ target of the automatic extension @return a copy */
    public McmcOptions withTargetRHat(double r) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, r, adaptInterval, seed, threads, progress);
    }

    /** @param s master seed @return a copy */
    public McmcOptions withSeed(long s) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, adaptInterval, s, threads, progress);
    }

    /** @param n threads @return a copy */
    public McmcOptions withThreads(int n) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, adaptInterval, seed, n, progress);
    }

    /** @param p listener @return a copy */
    public McmcOptions withProgress(ProgressListener p) {
        return new McmcOptions(chains, burnIn, samples, maxSamples, targetRHat, adaptInterval, seed, threads, p);
    }
}
