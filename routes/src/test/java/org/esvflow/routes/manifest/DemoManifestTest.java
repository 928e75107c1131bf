package org.esvflow.routes.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.esvflow.demo.DemoStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The demo's {@code study.yaml}, written by {@link ManifestWriter} from the generator's tree, reads back without
 * problems and parses to the same tree as the hand-concatenated text it replaced ({@code demo/study-small-concatenated.yaml}, the
 * previous generator's output for the small demo, kept verbatim).
 */
class DemoManifestTest {
    @TempDir Path dir;

    @Test
    void smallDemoManifestReadsBackAsBefore() throws Exception {
        // generated afresh (not DemoStudies' cache, which may hold an older generator's output)
        Path file = ManifestWriter.writeDemo(dir, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> {});
        StudyManifest manifest = ManifestReader.read(file); // throws ManifestException listing any problem
        assertEquals(DemoStudy.EPOCHS.length, manifest.epochs().size());

        Map<String, Object> written = new Yaml().load(Files.readString(file));
        Map<String, Object> before;
        try (InputStream in = getClass().getResourceAsStream("/demo/study-small-concatenated.yaml")) {
            before = new Yaml().load(in);
        }
        assertEquals(before, written);
        assertFalse(Files.readString(file).contains("{"), "block style throughout");
    }

    @Test
    void writerRefusesAnInvalidManifestAndLeavesNoFile() throws Exception {
        Path file = dir.resolve("study.yaml");
        Map<String, Object> root = new java.util.LinkedHashMap<>(Map.of("study", "x", "epochs", java.util.List.of(
                Map.of("year", 2020, "landUse", "missing.tif"))));
        ManifestException e = org.junit.jupiter.api.Assertions.assertThrows(ManifestException.class,
                () -> ManifestWriter.write(file, "test", root));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("missing.tif"), e.getMessage());
        assertFalse(Files.exists(file));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
    }
}
