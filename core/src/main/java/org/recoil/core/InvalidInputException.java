package org.recoil.core;

/** Bad input: a file, option, configuration or value that cannot be used as given (CLI exit code 2). */
public class InvalidInputException extends RecoilException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where (file, column, row, channel, bin, parameter) and what was expected */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
