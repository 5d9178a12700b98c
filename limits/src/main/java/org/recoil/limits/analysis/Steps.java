package org.recoil.limits.analysis;

import java.util.function.Supplier;

/**
 * Receives the sub-steps of a pipeline step (e.g. generating backgrounds, generating signal,
 * selecting), so that a caller can time and report them. Implementations run the body and return
 * its result.
 */
public interface Steps {

    /** Runs each step without recording anything. */
    Steps UNTIMED = new Steps() {
        @Override
        public <T> T run(String name, Supplier<T> body) {
            return body.get();
        }
    };

    /**
     * @param <T> the result type
     * @param name the step's name
     * @param body the step
     * @return its result
     */
    <T> T run(String name, Supplier<T> body);
}
