package org.esvflow.routes.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.esvflow.demo.DemoStudy;
import org.esvflow.routes.manifest.ManifestException;
import org.esvflow.routes.manifest.ManifestWriter;

/**
 * The small demo study, generated once into {@code target/demo-small} (the generator is deterministic, so it is
 * reused by later runs) and copied for each test.
 */
public final class DemoStudies {
    private static Path generated;

    private DemoStudies() {}

    /** A fresh copy of the small demo study in {@code dir}; returns its manifest. */
    public static synchronized Path small(Path dir) throws IOException {
        if (generated == null) {
            Path d = Path.of("target", "demo-small").toAbsolutePath();
            if (!Files.isRegularFile(d.resolve("study.yaml"))) {
                try {
                    ManifestWriter.writeDemo(d, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> {});
                } catch (ManifestException e) {
                    throw new IllegalStateException("the demo's manifest does not validate: " + e.getMessage(), e);
                }
            }
            generated = d;
        }
        try (Stream<Path> files = Files.walk(generated)) {
            files.forEach(f -> {
                try {
                    Path target = dir.resolve(generated.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(target);
                    else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return dir.resolve("study.yaml");
    }
}
