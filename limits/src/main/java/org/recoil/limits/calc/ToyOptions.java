package org.recoil.limits.calc;

import java.util.Objects;
import org.recoil.core.InvalidInputException;

/**
 * Settings of a toy calculation. Immutable; change with the {@code withX} copies.
 *
 * @param toys number of toys per hypothesis (signal-plus-background and background-only each)
 * @param seed master seed of the per-toy streams ({@link ToySeeds})
 * @param threads worker threads (results do not depend on it)
 * @param maxFailedFraction largest tolerated fraction of toys whose fits fail (default 0.05);
 *                          above it the calculation throws
 * @param progress progress listener (toys done / total)
 */
public record ToyOptions(int toys, long seed, int threads, double maxFailedFraction, ProgressListener progress) {

    /** Validates the settings. */
    public ToyOptions {
        if (toys < 1) {
            throw new InvalidInputException("the number of toys must be at least 1, got " + toys);
        }
        if (threads < 1) {
            throw new InvalidInputException("the number of threads must be at least 1, got " + threads);
        }
        if (!(maxFailedFraction >= 0 && maxFailedFraction <= 1)) {
            throw new InvalidInputException("the tolerated fraction of failed toys must lie in [0, 1], got "
                    + maxFailedFraction);
        }
        Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param toys toys per hypothesis
     * @param seed master seed
     * @return options with all available processors, 5% tolerated failures and no progress output
     */
    public static ToyOptions of(int toys, long seed) {
        return new ToyOptions(toys, seed, Runtime.getRuntime().availableProcessors(), 0.05, ProgressListener.NONE);
    }

    /** @param n toys per hypothesis @return a copy */
    public ToyOptions withToys(int n) {
        return new ToyOptions(n, seed, threads, maxFailedFraction, progress);
    }

    /** @param n worker threads @return a copy */
    public ToyOptions withThreads(int n) {
        return new ToyOptions(toys, seed, n, maxFailedFraction, progress);
    }

    /** @param f tolerated failed fraction @return a copy */
    public ToyOptions withMaxFailedFraction(double f) {
        return new ToyOptions(toys, seed, threads, f, progress);
    }

    /** @param p progress listener @return a copy */
    public ToyOptions withProgress(ProgressListener p) {
        return new ToyOptions(toys, seed, threads, maxFailedFraction, p);
    }
}
