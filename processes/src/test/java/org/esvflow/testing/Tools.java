package org.esvflow.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests compare against (GDAL's command-line tools, Debian's python3). A test that needs one
 * calls {@link #assumeOnPath}: on a machine without it the test is skipped with a message naming the Debian package
 * ({@code .ci/run} installs them), never failed.
 */
public final class Tools {
    private Tools() {}

    /** True when an executable {@code program} is in a directory of the PATH. */
    public static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    /** Skips the calling test unless {@code program} is on the PATH. */
    public static void assumeOnPath(String program, String debianPackage) {
        Assumptions.assumeTrue(onPath(program), program + " is not on the PATH (Debian package " + debianPackage
                + ", installed by .ci/run): skipped");
    }
}
