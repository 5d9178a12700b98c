package org.recoil.spark;

import org.recoil.core.InvalidInputException;
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
        String message = String.valueOf(e.getMessage());
        if (message.contains("FAILED_READ_FILE") || message.contains("is not a Parquet file")) {
            // Spark could not read an input file: bad input, named in Spark's first line
            return new InvalidInputException("cannot read an event file: " + message.lines().findFirst().orElse(message)
                    .replaceFirst("^\\[FAILED_READ_FILE[.A-Z_]*\\]\\s*", ""), e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + message, e);
    }
}
