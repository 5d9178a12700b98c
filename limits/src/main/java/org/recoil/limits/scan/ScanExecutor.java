package org.recoil.limits.scan;

import java.util.List;

/**
 * Where the per-point limit computations of a {@link MassScan} run. The scan prepares every point
 * on the caller's thread (window, normalisation, workspace: cheap) and hands the {@link PointJob}s
 * to the executor; the executor computes each job with
 * {@link MassScan#solve(PointJob, LimitMethod, org.recoil.fitting.fit.Minimizer, double)} and
 * returns the outcomes in job order. Each job carries its own seed, so the outcomes do not depend on
 * where or in which order the jobs run. {@link #local()} runs them on
 * {@link ScanOptions#threads()} threads of this JVM; the {@code spark} module runs one Spark task
 * per job. The executor also runs the background-only pseudo-experiments of the whole scan that
 * measure the look-elsewhere effect ({@link GlobalSignificance}, Gross and Vitells,
 * arXiv:1005.1891), {@link #pseudoExperiments}.
 */
public interface ScanExecutor {

    /**
     * @param jobs the jobs, in grid order (non-empty)
     * @param options the scan options (method, CL, minimiser, threads, progress)
     * @return one outcome per job, in the order of {@code jobs}
     * @throws org.recoil.core.ComputationException if the computation is interrupted
     */
    List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options);

    /**
     * Runs the background-only pseudo-experiments of the whole scan for {@link GlobalSignificance}:
     * in each, every job's model is refitted to its share of one pseudo-dataset of {@code pseudo}.
     * Pseudo-experiment t draws from its own stream (seed, t) and batch b of
     * {@value GlobalSignificance#BATCH} pseudo-experiments fits with a minimiser of its own, so an
     * implementation that runs contiguous ranges of batches anywhere
     * ({@link GlobalSignificance#batches}) and {@linkplain GlobalSignificance.Toys#concat joins} them
     * in order returns this default's result bit for bit. The default runs the batches on
     * {@link ScanOptions#threads()} threads of this JVM ({@link GlobalSignificance#toys}).
     *
     * @param jobs the scan's prepared points ({@link MassScan#jobs}), ascending in mass (non-empty)
     * @param pseudo the pseudo-data generator built from the same points, in the same order
     * @param request how many pseudo-experiments, their seed and the upcrossing level
     * @param options the scan options (threads, minimiser; progress as (pseudo-experiments done, total))
     * @return the maximum local Z and the upcrossings of each pseudo-experiment, in order, and the failed fits
     * @throws org.recoil.core.InvalidInputException if the jobs and the generator do not match
     * @throws org.recoil.core.ComputationException if the computation is interrupted
     */
    default GlobalSignificance.Toys pseudoExperiments(List<PointJob> jobs, ScanPseudoData pseudo,
                                                      GlobalSignificance.Request request, ScanOptions options) {
        return GlobalSignificance.toys(jobs, pseudo, request.toys(), request.seed(), request.referenceLevel(),
                options.threads(), options.minimizer(), options.progress());
    }

    /**
     * @param threads the local worker threads of the run
     * @return where the jobs run, for reports, e.g. {@code "4 thread(s)"}
     */
    String describe(int threads);

    /** @return the executor on {@link ScanOptions#threads()} threads of this JVM */
    static ScanExecutor local() {
        return new LocalScanExecutor();
    }
}
