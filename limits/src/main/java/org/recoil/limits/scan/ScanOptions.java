package org.recoil.limits.scan;

import java.util.Objects;
import java.util.function.Supplier;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.limits.calc.ProgressListener;

/**
 * Settings of a {@link MassScan}. Immutable; {@code withX} copies.
 *
 * @param cl confidence (credibility) level in (0, 1), default 0.90 (Belle II)
 * @param method the limit method
 * @param threads worker threads over mass points, &ge; 1 (results do not depend on it)
 * @param seed master seed; point i uses a seed derived from (seed, i)
 * @param minimizer supplies the minimiser (one per point)
 * @param progress receives (points done, points total)
 * @param executor where the points' limit computations run (default {@link ScanExecutor#local()})
 */
public record ScanOptions(double cl, LimitMethod method, int threads, long seed, Supplier<Minimizer> minimizer,
                          ProgressListener progress, ScanExecutor executor) {

    /** The default confidence level. */
    public static final double DEFAULT_CL = 0.90;

    /** Validates. */
    public ScanOptions {
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("confidence level must lie in (0, 1), got " + cl);
        }
        Objects.requireNonNull(method, "method");
        if (threads < 1) {
            throw new InvalidInputException("the number of threads must be at least 1, got " + threads);
        }
        Objects.requireNonNull(minimizer, "minimizer");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(executor, "executor");
    }

    /**
     * @return 90% CL, asymptotic CLs, all processors, seed 1, the {@link ScanMinimizer}, no progress, local
     *     threads
     */
    public static ScanOptions defaults() {
        return new ScanOptions(DEFAULT_CL, new LimitMethod.Asymptotic(), Runtime.getRuntime().availableProcessors(),
                1L, ScanMinimizer::new, ProgressListener.NONE, ScanExecutor.local());
    }

    /** @param value the CL @return a copy */
    public ScanOptions withCl(double value) {
        return new ScanOptions(value, method, threads, seed, minimizer, progress, executor);
    }

    /** @param m the method @return a copy */
    public ScanOptions withMethod(LimitMethod m) {
        return new ScanOptions(cl, m, threads, seed, minimizer, progress, executor);
    }

    /** @param n worker threads @return a copy */
    public ScanOptions withThreads(int n) {
        return new ScanOptions(cl, method, n, seed, minimizer, progress, executor);
    }

    /** @param s master seed @return a copy */
    public ScanOptions withSeed(long s) {
        return new ScanOptions(cl, method, threads, s, minimizer, progress, executor);
    }

    /** @param p progress listener @return a copy */
    public ScanOptions withProgress(ProgressListener p) {
        return new ScanOptions(cl, method, threads, seed, minimizer, p, executor);
    }

    /** @param e where the points run @return a copy */
    public ScanOptions withExecutor(ScanExecutor e) {
        return new ScanOptions(cl, method, threads, seed, minimizer, progress, e);
    }
}
