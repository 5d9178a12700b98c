package org.recoil.fitting.fit;

import org.recoil.core.ComputationException;

/** A fit whose result was required did not converge (CLI exit code 3). */
public class FitFailedException extends ComputationException {
    private static final long serialVersionUID = 1L;

    private final transient FitResult result;

    /**
     * @param message what was being fitted and why it failed
     * @param result the failed result, for diagnostics (may be null)
     */
    public FitFailedException(String message, FitResult result) {
        super(message);
        this.result = result;
    }

    /** @return the failed fit result, or null */
    public FitResult result() {
        return result;
    }
}
