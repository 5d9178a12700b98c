package org.recoil.core;

/**
 * A numerical result could not be computed: a fit did not converge, a limit has no crossing, too
 * many toys failed (CLI exit code 3). The message says which mass point or parameter, and why.
 */
public class ComputationException extends RecoilException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be computed, for which point or parameter, and why */
    public ComputationException(String message) {
        super(message);
    }

    /**
     * @param message what could not be computed and why
     * @param cause the underlying failure
     */
    public ComputationException(String message, Throwable cause) {
        super(message, cause);
    }
}
