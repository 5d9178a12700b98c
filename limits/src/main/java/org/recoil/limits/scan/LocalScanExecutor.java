package org.recoil.limits.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.recoil.core.ComputationException;

/**
 * The jobs of a scan on {@link ScanOptions#threads()} daemon threads of this JVM (in the caller's
 * thread for one thread or one job), one minimiser per job from {@link ScanOptions#minimizer()};
 * progress after each job. Stateless.
 */
final class LocalScanExecutor implements ScanExecutor {

    @Override
    public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options) {
        int n = jobs.size();
        AtomicLong done = new AtomicLong();
        List<PointOutcome> out = new ArrayList<>(n);
        if (options.threads() == 1 || n == 1) {
            for (PointJob job : jobs) {
                out.add(solve(job, options));
                options.progress().update(done.incrementAndGet(), n);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.threads(), n), r -> {
            Thread t = new Thread(r, "recoil-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PointOutcome>> futures = new ArrayList<>(n);
            for (PointJob job : jobs) {
                futures.add(pool.submit(() -> {
                    PointOutcome o = solve(job, options);
                    options.progress().update(done.incrementAndGet(), n);
                    return o;
                }));
            }
            for (Future<PointOutcome> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputationException("mass scan interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static PointOutcome solve(PointJob job, ScanOptions o) {
        return MassScan.solve(job, o.method(), o.minimizer().get(), o.cl());
    }

    @Override
    public String describe(int threads) {
        return threads + " thread(s)";
    }
}
