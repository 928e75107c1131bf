package org.esvflow.server.wps;

import java.nio.file.Path;

/** Test access to package-private helpers. */
public final class WpsServiceTestAccess {
    private WpsServiceTestAccess() {}

    public static void delete(Path dir) {
        WpsService.deleteTree(dir);
    }
}
