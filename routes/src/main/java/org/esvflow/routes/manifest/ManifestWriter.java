package org.esvflow.routes.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.esvflow.demo.DemoStudy;
import org.esvflow.io.AtomicFiles;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a study manifest ({@code study.yaml}) from its tree: a header comment, then block-style YAML. The file is
 * read back by {@link ManifestReader} before it appears, so a manifest this writer publishes always validates (a
 * problem throws {@link ManifestException} and leaves no file).
 */
public final class ManifestWriter {
    private ManifestWriter() {}

    /**
     * Writes {@code root} to {@code file} with {@code comment} (lines without '#') on top; returns the manifest as
     * the reader sees it.
     */
    public static StudyManifest write(Path file, String comment, Map<String, Object> root) throws IOException, ManifestException {
        String text = comment.lines().map(line -> line.isEmpty() ? "#" : "# " + line).reduce("", (a, l) -> a + l + "\n")
                + new Yaml(options()).dump(root);
        StudyManifest[] read = new StudyManifest[1];
        try {
            AtomicFiles.write(file, temp -> {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    read[0] = ManifestReader.read(temp); // beside the target, so relative paths resolve alike
                } catch (ManifestException e) {
                    throw new InvalidManifest(e);
                }
            });
        } catch (InvalidManifest e) {
            throw e.problem;
        }
        return new StudyManifest(file.toAbsolutePath(), read[0].id(), read[0].title(), read[0].epochs(), read[0].workspace(),
                read[0].root());
    }

    /**
     * Generates the demo study into {@code out}: the rasters and boundaries by {@link DemoStudy}, then its
     * {@code study.yaml}; returns the manifest's path.
     */
    public static Path writeDemo(Path out, DemoStudy.Size size, long seed, Consumer<String> log) throws IOException, ManifestException {
        Map<String, Object> root = DemoStudy.generate(out, size, seed, log);
        Path file = out.resolve("study.yaml");
        write(file, DemoStudy.MANIFEST_COMMENT, root);
        log.accept("manifest: " + file);
        return file;
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return options;
    }

    /** Carries a manifest problem out of the atomic write (whose callback may only throw IOException). */
    private static final class InvalidManifest extends IOException {
        private static final long serialVersionUID = 1L;
        final transient ManifestException problem;

        InvalidManifest(ManifestException problem) {
            super(problem.getMessage(), problem);
            this.problem = problem;
        }
    }
}
