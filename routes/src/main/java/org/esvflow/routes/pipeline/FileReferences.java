package org.esvflow.routes.pipeline;

import java.nio.file.Path;

/**
 * Makes local files reachable by the WPS server as http references (the server refuses {@code file:} URLs, as
 * GeoServer should). The server must be allowed to fetch from {@link #prefix()}.
 */
public interface FileReferences {
    /** A URL the WPS server can GET the file from. */
    String href(Path file);

    /** Every URL this returns starts with this prefix (for the server's allow-list of remote inputs). */
    String prefix();
}
