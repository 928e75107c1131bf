package org.esvflow.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The small demo study, generated afresh once per test JVM under {@code target/} (never reused from an earlier build,
 * whose generator may differ) and shared by the tests that read it.
 */
public final class DemoFixture {
    private static Path small;

    private DemoFixture() {}

    public static synchronized Path small() {
        if (small == null) {
            Path dir = Path.of("target", "demo-small").toAbsolutePath();
            try {
                if (Files.exists(dir)) {
                    try (var old = Files.walk(dir)) {
                        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
                    }
                }
                DemoStudy.generate(dir, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> {});
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            small = dir;
        }
        return small;
    }
}
