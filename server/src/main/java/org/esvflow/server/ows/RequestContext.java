package org.esvflow.server.ows;

/**
 * Where a request came in: {@code baseUrl} is the public URL up to (excluding) {@code /ows} — the configured proxy
 * base URL when there is one, otherwise the URL the client used. Every URL the server writes starts with it.
 */
public record RequestContext(String baseUrl) {
    public String ows() {
        return baseUrl + "/ows";
    }
}
