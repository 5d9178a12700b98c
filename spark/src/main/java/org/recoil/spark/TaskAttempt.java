package org.recoil.spark;

import java.io.Serializable;
import java.util.List;
import org.recoil.core.RecoilException;

/**
 * What a Spark task sends back: its value, or the project exception it ended with (bad input, a failed fit, a
 * numerical failure). Such an error is deterministic: retrying the task on another executor gives the same error, so
 * the task must not fail (Spark would retry it {@code spark.task.maxFailures} times, four by default, and wrap the
 * message); it returns the exception instead and the driver rethrows it unchanged, at the first attempt, with the same
 * message and exit code as a local run. Anything else (a lost executor, an out-of-memory error) still fails the task,
 * which Spark retries.
 *
 * @param value the task's result, or null if it failed
 * @param error the project exception it ended with, or null
 * @param <T> the result type
 */
record TaskAttempt<T>(T value, RecoilException error) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A task body that may throw a project exception. */
    @FunctionalInterface
    interface Body<T> extends Serializable {
        /** @return the task's result */
        T run();
    }

    /**
     * Runs a task body on an executor.
     *
     * @param body the work
     * @param <T> the result type
     * @return its value, or the project exception it threw
     */
    static <T> TaskAttempt<T> of(Body<T> body) {
        try {
            return new TaskAttempt<>(body.run(), null);
        } catch (RecoilException e) {
            return new TaskAttempt<>(null, e);
        }
    }

    /**
     * On the driver: the values of a job's tasks, in order, or the first task's error (in task order, so that the
     * message does not depend on scheduling).
     *
     * @param attempts the collected attempts
     * @param <T> the result type
     * @return the values
     * @throws RecoilException the error of the first task that ended with one
     */
    static <T> List<T> values(List<TaskAttempt<T>> attempts) {
        for (TaskAttempt<T> a : attempts) {
            if (a.error() != null) {
                throw a.error();
            }
        }
        return attempts.stream().map(TaskAttempt::value).toList();
    }
}
