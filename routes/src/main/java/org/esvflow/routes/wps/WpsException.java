package org.esvflow.routes.wps;

/**
 * A WPS call that did not succeed. {@link #isTransient()} tells the pipeline whether trying again may help
 * (connection trouble, HTTP 5xx, ServerBusy) or not (an OWS exception about the request, a failed process).
 */
public class WpsException extends Exception {
    private final boolean transientFailure;
    private final String code;
    private final String locator;

    public WpsException(String message, boolean transientFailure, String code, String locator, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.code = code;
        this.locator = locator;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** OWS exception code (e.g. InvalidParameterValue), or null. */
    public String code() {
        return code;
    }

    /** OWS locator (usually the input name), or null. */
    public String locator() {
        return locator;
    }

    /** Thrown when trying again may succeed; Camel's redelivery policy is declared on this type. */
    public static final class Transient extends WpsException {
        public Transient(String message, String code, Throwable cause) {
            super(message, true, code, null, cause);
        }
    }

    /** Thrown when trying again cannot help; the step goes to the dead-letter record. */
    public static final class Permanent extends WpsException {
        public Permanent(String message, String code, String locator) {
            super(message, false, code, locator, null);
        }
    }
}
