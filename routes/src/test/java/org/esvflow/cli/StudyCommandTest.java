package org.esvflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void brokenManifestIsOneErrorPerFieldAndExitCodeTwo() throws Exception {
        Path manifest = dir.resolve("study.yaml");
        Files.writeString(manifest, "study: x\nregions: {c: {file: nope.geojson, idField: id}}\nclassification: CLCD\n"
                + "standardEquivalent: 3406.5\nepochs: [{year: 2013, landUse: lu.tif}]\noutput: {workspace: x}\n");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.execute("study", "run", manifest.toString(), "--wps", "http://127.0.0.1:1/ows");
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("regions.c.file: file not found (nope.geojson)"), text);
        assertTrue(text.contains("epochs[0].landUse: file not found (lu.tif)"), text);
    }

    @Test
    void stylesPackagedWithTheApplicationSeedAnEmptyDataDirectory() throws Exception {
        // the packaged copy is what a relocated jar (or the Docker image) has: every shipped SLD, byte for byte
        Path styles = dir.resolve("geoserver-data/styles");
        Files.createDirectories(styles);
        StudyCommand.copyMissingFromClasspath(styles);
        Path repo = Path.of("..", "geoserver-data", "styles");
        try (var shipped = Files.list(repo)) {
            for (Path f : (Iterable<Path>) shipped::iterator) {
                Path copy = styles.resolve(f.getFileName().toString());
                assertTrue(Files.exists(copy), "missing " + copy.getFileName());
                assertEquals(Files.readString(f), Files.readString(copy), f.getFileName().toString());
            }
        }
    }
}
