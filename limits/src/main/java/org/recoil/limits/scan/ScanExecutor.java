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
 * per job.
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
     * @param threads the local worker threads of the run
     * @return where the jobs run, for reports, e.g. {@code "4 thread(s)"}
     */
    String describe(int threads);

    /** @return the executor on {@link ScanOptions#threads()} threads of this JVM */
    static ScanExecutor local() {
        return new LocalScanExecutor();
    }
}
