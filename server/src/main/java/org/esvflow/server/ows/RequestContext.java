package org.esvflow.server.ows;

/**
 * Where a request came in and from whom: {@code baseUrl} is the public URL up to (excluding) {@code /ows} — the
 * configured proxy base URL when there is one, otherwise the URL the client used; every URL the server writes starts
 * with it. {@code client} owns the executions the request starts ({@code admin} for the admin, otherwise the client's
 * address); {@code admin} is true for a request with the admin credential; {@code publisher} when it may run catalog
 * operations ({@code gs:Import}): the admin, or a loopback client when no admin credential is configured.
 */
public record RequestContext(String baseUrl, String client, boolean admin, boolean publisher) {
    /** An anonymous local request (tests, in-process use). */
    public RequestContext(String baseUrl) {
        this(baseUrl, "local", false, true);
    }

    public String ows() {
        return baseUrl + "/ows";
    }
}
