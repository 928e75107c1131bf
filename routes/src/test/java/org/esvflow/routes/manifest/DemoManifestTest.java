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
 * The demo generator's {@code study.yaml}, now written by snakeyaml from a map, reads back without problems and
 * parses to the same tree as the hand-concatenated text it replaced ({@code demo/study-small-concatenated.yaml}, the
 * previous generator's output for the small demo, kept verbatim).
 */
class DemoManifestTest {
    @TempDir Path dir;

    @Test
    void smallDemoManifestReadsBackAsBefore() throws Exception {
        // generated afresh (not DemoStudies' cache, which may hold an older generator's output)
        Path file = DemoStudy.generate(dir, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> {});
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
}
