package org.esvflow.server.wps;

import java.nio.file.Path;

/** Test access to package-private helpers. */
public final class OutputStoreTestAccess {
    private OutputStoreTestAccess() {}

    public static void delete(Path dir) {
        OutputStore.deleteTree(dir);
    }
}
