package org.recoil.limits.calc;

/**
 * Receives progress of long computations (toys, MCMC). Called from worker threads: implementations
 * must be thread-safe and cheap (throttle any output themselves).
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done units of work completed so far
     * @param total total units of work
     */
    void update(long done, long total);
}
