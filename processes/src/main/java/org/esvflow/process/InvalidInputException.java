package org.esvflow.process;

import org.geotools.process.ProcessException;

/**
 * A user mistake in one named input. The server maps it to an OWS {@code InvalidParameterValue} exception with the
 * input name as locator; the CLI prints it as one line and exits non-zero.
 */
public class InvalidInputException extends ProcessException {
    private static final long serialVersionUID = 1L;
    private final String input;

    public InvalidInputException(String input, String message) {
        super(input + ": " + message);
        this.input = input;
    }

    public InvalidInputException(String input, String message, Throwable cause) {
        super(input + ": " + message, cause);
        this.input = input;
    }

    /** Name of the offending input, as declared in the process description. */
    public String getInput() {
        return input;
    }
}
