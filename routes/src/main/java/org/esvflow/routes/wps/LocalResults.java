package org.esvflow.routes.wps;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The output store of a WPS server running on this machine (the embedded server's, in {@code ServerConfig}'s
 * layout): the result {@code GetExecutionResult&executionId=ID&outputId=FILE} is the file {@code <store>/ID/FILE}.
 * The client then gives that file a second name instead of downloading a copy. Unset for any other server (a
 * GeoServer, a server on another machine), whose results are downloaded.
 */
public final class LocalResults {
    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f\\-]{36}");
    private static final Pattern OUTPUT_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}\\.[a-z]{2,5}");

    private final Path store;

    public LocalResults(Path store) {
        this.store = store.toAbsolutePath().normalize();
    }

    /** The stored file a result reference names, or null when it names none (then download it). */
    public Path find(String href) {
        URI uri;
        try {
            uri = URI.create(href);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() == null) return null;
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String id = q.get("executionid");
        String output = q.get("outputid");
        if (!"GetExecutionResult".equalsIgnoreCase(q.get("request")) || id == null || output == null
                || !EXECUTION_ID.matcher(id).matches() || !OUTPUT_ID.matcher(output).matches()) {
            return null;
        }
        Path file = store.resolve(id).resolve(output);
        return Files.isRegularFile(file) ? file : null;
    }
}
