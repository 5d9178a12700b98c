package org.recoil.core;

/**
 * Root of Recoil's one unchecked exception hierarchy.
 *
 * <p>Messages name what went wrong precisely: the file, channel, sample, bin or parameter, and
 * what was expected. The CLI maps {@link InvalidInputException} to exit code 2 and
 * {@link ComputationException} to exit code 3; anything else is an internal error (exit 1).
 */
public class RecoilException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and where */
    public RecoilException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public RecoilException(String message, Throwable cause) {
        super(message, cause);
    }
}
