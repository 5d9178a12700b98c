package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.recoil.core.ComputationException;

/**
 * Runs {@code n} independent tasks, task {@code i} producing result {@code i}, on a fixed pool of
 * daemon threads (or on the caller's thread for one thread or one task), results in index order.
 * Each task must draw its randomness from its own index so that the results do not depend on the
 * thread count. The first task exception (a {@link RuntimeException}) is rethrown unchanged.
 */
public final class IndexedTasks {

    private IndexedTasks() {
    }

    /**
     * @param n number of tasks, &ge; 0
     * @param threads worker threads, &ge; 1
     * @param threadName name of the worker threads (shown in thread dumps)
     * @param progress receives (tasks done, n) after each task
     * @param task computes result {@code i}
     * @param <T> the result type
     * @return the n results, in index order
     * @throws ComputationException if interrupted
     */
    public static <T> List<T> run(int n, int threads, String threadName, ProgressListener progress,
                                  IntFunction<T> task) {
        AtomicLong done = new AtomicLong();
        List<T> out = new ArrayList<>(n);
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
                progress.update(done.incrementAndGet(), n);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    T v = task.apply(k);
                    progress.update(done.incrementAndGet(), n);
                    return v;
                }));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputationException(threadName + ": interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
