package org.recoil.spark;

import org.recoil.core.RecoilException;

/**
 * Maps a failed Spark job back to the project's exception: Spark wraps an exception thrown in a
 * task into a {@code SparkException} on the driver; when the task's cause is one of ours
 * ({@link RecoilException}: bad input, numerical failure, failed fit) it is rethrown unchanged so
 * that the CLI's exit codes (2, 3) stay those of the local run.
 */
final class SparkErrors {

    private SparkErrors() {
    }

    /**
     * @param e exception from a Spark action (Scala throws the checked {@code SparkException} undeclared)
     * @return the project exception it carries, else {@code e} itself or, if checked, wrapped
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RecoilException r) {
                return r;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + e.getMessage(), e);
    }
}
