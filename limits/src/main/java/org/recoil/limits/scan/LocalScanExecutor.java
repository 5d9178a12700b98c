package org.recoil.limits.scan;

import java.util.List;
import org.recoil.limits.calc.IndexedTasks;

/**
 * The jobs of a scan on {@link ScanOptions#threads()} daemon threads of this JVM (in the caller's
 * thread for one thread or one job), one minimiser per job from {@link ScanOptions#minimizer()};
 * progress after each job. Stateless.
 */
final class LocalScanExecutor implements ScanExecutor {

    @Override
    public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions o) {
        return IndexedTasks.run(jobs.size(), o.threads(), "recoil-scan", o.progress(),
                k -> MassScan.solve(jobs.get(k), o.method(), o.minimizer().get(), o.cl()));
    }

    @Override
    public String describe(int threads) {
        return threads + " thread(s)";
    }
}
