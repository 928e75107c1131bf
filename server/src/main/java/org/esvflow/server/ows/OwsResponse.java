package org.esvflow.server.ows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** What a service answers: bytes in memory or a file streamed from disk, with a content type and HTTP status. */
public record OwsResponse(int status, String contentType, byte[] body, Path file, String fileName) {
    public static OwsResponse xml(byte[] body) {
        return new OwsResponse(200, "text/xml; charset=UTF-8", body, null, null);
    }

    public static OwsResponse of(String contentType, byte[] body) {
        return new OwsResponse(200, contentType, body, null, null);
    }

    public static OwsResponse text(String contentType, String body) {
        return new OwsResponse(200, contentType, body.getBytes(StandardCharsets.UTF_8), null, null);
    }

    public static OwsResponse file(String contentType, Path file, String fileName) {
        return new OwsResponse(200, contentType, null, file, fileName);
    }
}
