package org.recoil.limits.bayes;

import java.util.Objects;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.calc.ProgressListener;

/**
 * Settings of the Markov-chain Monte Carlo marginalisation. Immutable; change with the
 * {@code withX} copies.
 *
 * @param chains number of independent chains (≥ 2 for the Gelman–Rubin diagnostic)
 * @param burnIn steps per chain discarded while the proposal adapts
 * @param samples steps per chain kept after burn-in
 * @param adaptInterval steps between proposal adaptations during burn-in
 * @param seed master seed (chain c uses the stream derived from (seed, c))
 * @param threads worker threads for the chains (results do not depend on it)
 * @param progress progress listener (steps done / total)
 */
public record McmcOptions(int chains, int burnIn, int samples, int adaptInterval, long seed, int threads,
                          ProgressListener progress) {

    /** Validates. */
    public McmcOptions {
        if (chains < 2 || burnIn < 100 || samples < 100 || adaptInterval < 10 || threads < 1) {
            throw new InvalidInputException("MCMC needs >= 2 chains, >= 100 burn-in steps, >= 100 samples, an"
                    + " adaptation interval >= 10 and >= 1 thread; got chains=" + chains + ", burnIn=" + burnIn
                    + ", samples=" + samples + ", adaptInterval=" + adaptInterval + ", threads=" + threads);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param seed master seed
     * @return 4 chains of 5,000 burn-in and 25,000 kept steps, adapting every 200 steps, on all processors
     */
    public static McmcOptions defaults(long seed) {
        return new McmcOptions(4, 5000, 25000, 200, seed, Runtime.getRuntime().availableProcessors(),
                ProgressListener.NONE);
    }

    /** @param n chains @return a copy */
    public McmcOptions withChains(int n) {
        return new McmcOptions(n, burnIn, samples, adaptInterval, seed, threads, progress);
    }

    /** @param burn burn-in steps @param keep kept steps per chain @return a copy */
    public McmcOptions withSteps(int burn, int keep) {
        return new McmcOptions(chains, burn, keep, adaptInterval, seed, threads, progress);
    }

    /** @param s master seed @return a copy */
    public McmcOptions withSeed(long s) {
        return new McmcOptions(chains, burnIn, samples, adaptInterval, s, threads, progress);
    }

    /** @param n threads @return a copy */
    public McmcOptions withThreads(int n) {
        return new McmcOptions(chains, burnIn, samples, adaptInterval, seed, n, progress);
    }

    /** @param p listener @return a copy */
    public McmcOptions withProgress(ProgressListener p) {
        return new McmcOptions(chains, burnIn, samples, adaptInterval, seed, threads, p);
    }
}
