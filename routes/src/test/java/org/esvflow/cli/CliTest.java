package org.esvflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new picocli.CommandLine(new Main()).setExecutionExceptionHandler(new Errors())
                    .setErr(new java.io.PrintWriter(System.err, true)).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    Path landUse() throws Exception {
        // 3 × 2 pixels of 30 m: classes 1 1 2 / 2 2 255
        int[] classes = {1, 1, 2, 2, 2, 255};
        var grid = Rasters.grid(3, 2, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        Path file = dir.resolve("lu.tif");
        GeoTiffs.write(Rasters.coverage("lu", new ComputedImage(3, 2, 256, java.awt.image.DataBuffer.TYPE_BYTE, r -> {
            for (int i = 0; i < 6; i++) r.setSample(i % 3, i / 3, 0, classes[i]);
        }), grid, 255), file.toFile());
        return file;
    }

    @Test
    void listAndDescribeShowTheProcesses() {
        Run list = run("list");
        assertEquals(0, list.code());
        assertTrue(list.out().contains("lu:ClassArea"), list.out());
        Run describe = run("describe", "lu:AlignGrid");
        assertEquals(0, describe.code(), describe.err());
        assertTrue(describe.out().contains("resampling  enum  [0..1]  default: NEAREST  one of: [NEAREST, BILINEAR, AVERAGE, MODE]"), describe.out());
    }

    @Test
    void runWritesOutputsAndResultJson() throws Exception {
        Path out = dir.resolve("out");
        Run r = run("run", "lu:ClassArea", "landUse=" + landUse(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertEquals("lu:ClassArea", result.path("process").asText());
        assertEquals("areas.csv", result.path("outputs").get(0).path("file").asText());
        Table areas = Csv.read(out.resolve("areas.csv"));
        // class 1: 2 px, class 2: 3 px, 0.09 ha each
        assertEquals(0.18, areas.doubles("area_ha")[0], 1e-12);
        assertEquals(0.27, areas.doubles("area_ha")[1], 1e-12);
        assertEquals(60.0, areas.doubles("share_pct")[1], 1e-12);
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial files left");
        }
    }

    @Test
    void badInputsGiveOneLineNamingTheInputAndExitTwo() throws Exception {
        Run missing = run("run", "lu:ClassArea", "landUse=" + dir.resolve("nope.tif"), "--out", dir.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("esvflow: error: landUse: file not found"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), "one line, no stack trace: " + missing.err());

        Run unknown = run("run", "lu:ClassArea", "landUse=" + landUse(), "colour=red", "--out", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("colour: not an input of this process"), unknown.err());

        Run required = run("run", "lu:ClassArea", "--out", dir.toString());
        assertEquals(2, required.code());
        assertTrue(required.err().contains("landUse: is required"), required.err());

        Path notTiff = Files.writeString(dir.resolve("fake.tif"), "hello");
        Run corrupt = run("run", "lu:ClassArea", "landUse=" + notTiff, "--out", dir.toString());
        assertEquals(2, corrupt.code());
        assertTrue(corrupt.err().contains("landUse: not a readable GeoTIFF"), corrupt.err());

        Run badEnum = run("run", "lu:AlignGrid", "source=" + landUse(), "reference=" + landUse(), "resampling=cubic", "--out", dir.toString());
        assertEquals(2, badEnum.code());
        assertTrue(badEnum.err().contains("resampling: 'cubic' is not one of [NEAREST, BILINEAR, AVERAGE, MODE]"), badEnum.err());

        Run noProcess = run("describe", "lu:Nothing");
        assertEquals(2, noProcess.code());
        assertTrue(noProcess.err().contains("no process named 'lu:Nothing'"), noProcess.err());
    }

    @Test
    void geoDetectorRunWritesTablesWorkbookAndCharts() throws Exception {
        // shipped under src/test/resources/reference/geodetector (source: the README there)
        Path heshun = Path.of(CliTest.class.getResource("/reference/geodetector/geodetector_CollectData.csv").toURI());
        Path out = dir.resolve("gd");
        Run r = run("run", "gd:Detect", "table=" + heshun, "y=incidence", "categorical=watershed,soiltype,elevation",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Table factor = Csv.read(out.resolve("factor.csv"));
        // q of watershed from the R geodetector package (reference README): 0.637773670070423
        assertEquals(0.637773670070423, factor.doubles("q")[0], 1e-12);
        byte[] png = Files.readAllBytes(out.resolve("q_bar.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        byte[] xlsx = Files.readAllBytes(out.resolve("geodetector.xlsx"));
        assertEquals('P', xlsx[0]); // a zip container
        assertEquals('K', xlsx[1]);
        assertTrue(Files.isRegularFile(out.resolve("interaction_heatmap.png")));
    }
}
