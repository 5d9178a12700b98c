package org.recoil.fitting.spec;

import org.recoil.core.InvalidInputException;

/**
 * A HistFactory workspace (pyhf JSON schema 1.0.0) that cannot be used: a missing or malformed field,
 * a wrong number of bins, a duplicate name, an unknown modifier type. The message names the file,
 * channel, sample, modifier and bin concerned, and what was expected (CLI exit code 2).
 */
public class InvalidWorkspaceException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what was expected */
    public InvalidWorkspaceException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and what was expected
     * @param cause the underlying failure (e.g. a JSON syntax error)
     */
    public InvalidWorkspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
