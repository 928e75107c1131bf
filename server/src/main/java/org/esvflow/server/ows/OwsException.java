package org.esvflow.server.ows;

/**
 * A request the server answers with an OWS exception report. {@code code} is an OWS 1.1 / WMS exception code
 * ({@code InvalidParameterValue}, {@code MissingParameterValue}, {@code LayerNotDefined}, ...), {@code locator} names
 * the offending parameter, {@code httpStatus} is the HTTP status sent with the report.
 */
public class OwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String locator;
    private final int httpStatus;

    public OwsException(String code, String locator, String message) {
        this(code, locator, message, statusFor(code));
    }

    public OwsException(String code, String locator, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.locator = locator;
        this.httpStatus = httpStatus;
    }

    public static OwsException missing(String parameter) {
        return new OwsException("MissingParameterValue", parameter, "parameter " + parameter + " is required");
    }

    public static OwsException invalid(String parameter, String message) {
        return new OwsException("InvalidParameterValue", parameter, message);
    }

    public String code() {
        return code;
    }

    public String locator() {
        return locator;
    }

    public int httpStatus() {
        return httpStatus;
    }

    private static int statusFor(String code) {
        return switch (code) {
            case "NoApplicableCode" -> 500;
            case "ServerBusy" -> 503;
            case "FileSizeExceeded", "RequestTooLarge" -> 413;
            case "NotFound" -> 404;
            default -> 400;
        };
    }
}
