package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.api.feature.type.Name;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.feature.NameImpl;
import org.geotools.process.Process;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoDetectorProcessTest {
    @TempDir Path dir;

    static Process process(String name) {
        Name n = new NameImpl("gd", name);
        GeoDetectorProcessFactory factory = new GeoDetectorProcessFactory();
        assertTrue(factory.getNames().contains(n), factory.getNames().toString());
        assertNotNull(org.geotools.process.Processors.createProcess(n), "gd factory registered as a service");
        return factory.create(n);
    }

    /**
     * gd:Detect with gdCompatible = true discretizes as R package GD 10.8's optidisc: on GD_ndvi_50, Precipitation,
     * GD chose sd with k = 6 (7 classes), these breaks and q = 0.86913995145624612 (gd_optidisc_10.8.csv, printed by
     * GD itself); the factor detector's q on those strata is the same quantity (every sample inside the breaks).
     */
    @Test
    void detectGdCompatibleChoosesAsGd() throws Exception {
        Table oracle = ReferenceData.table("gd_optidisc_10.8.csv");
        int ref = -1;
        for (int r = 0; r < oracle.rowCount(); r++) {
            if ("GD_ndvi_50.csv".equals(oracle.get(r, "dataset")) && "Precipitation".equals(oracle.get(r, "factor"))
                    && Boolean.parseBoolean(String.valueOf(oracle.get(r, "chosen")))) ref = r;
        }
        assertTrue(ref >= 0, "GD's choice for GD_ndvi_50 Precipitation in the oracle");
        Map<String, Object> in = new HashMap<>();
        in.put("table", ReferenceData.table("GD_ndvi_50.csv"));
        in.put("y", "NDVIchange");
        in.put("continuous", "Precipitation");
        in.put("methods", "EQUAL,NATURAL,QUANTILE,GEOMETRIC,SD"); // GD's method order (first maximum wins)
        in.put("gdCompatible", true);
        Map<String, Object> out = process("Detect").execute(in, null);
        Table disc = (Table) out.get("discretization");
        assertEquals(((String) oracle.get(ref, "method")).toUpperCase(), disc.get(0, "method"));
        assertEquals(((Number) oracle.get(ref, "k")).intValue(), ((Number) disc.get(0, "k")).intValue());
        assertEquals(((Number) oracle.get(ref, "classes")).intValue(), ((Number) disc.get(0, "classes")).intValue());
        double[] expected = GdOptidiscReferenceTest.numbers(oracle.get(ref, "breaks"));
        double[] breaks = GdOptidiscReferenceTest.numbers(disc.get(0, "breaks"));
        assertEquals(expected.length, breaks.length);
        for (int b = 0; b < expected.length; b++) {
            assertEquals(expected[b], breaks[b], 1e-12 * Math.max(1, Math.abs(expected[b])), "break " + b);
        }
        double q = ((Number) oracle.get(ref, "q")).doubleValue();
        assertEquals(q, ((Number) disc.get(0, "q")).doubleValue(), 1e-12);
        Table factor = (Table) out.get("factor");
        assertEquals(7, ((Number) factor.get(0, "strata")).intValue());
        assertEquals(q, (Double) factor.get(0, "q"), 1e-12, "factor detector q on GD's strata");
        Table conventions = (Table) out.get("conventions");
        int row = 0;
        while (!"gdCompatible".equals(conventions.get(row, "name"))) row++;
        assertEquals("true", String.valueOf(conventions.get(row, "value")));

        in.remove("gdCompatible"); // esvflow's breaks: the SD rule differs (see DEVELOPERS.md), so the choice differs
        Table esvflow = (Table) process("Detect").execute(in, null).get("discretization");
        assertTrue(!esvflow.get(0, "method").equals(disc.get(0, "method")) || !esvflow.get(0, "breaks").equals(
                disc.get(0, "breaks")), "the flag reaches the optimisation: " + esvflow.get(0, "method") + " k "
                + esvflow.get(0, "k"));
    }

    @Test
    void detectOnHeshunWritesEveryView() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        Map<String, Object> in = new HashMap<>();
        in.put("table", t);
        in.put("y", "incidence");
        in.put("categorical", "watershed, soiltype, elevation");
        Map<String, Object> out = process("Detect").execute(in, null);
        Table factor = (Table) out.get("factor");
        assertEquals(0.637773670070423, (Double) factor.get(0, "q"), 1e-12);
        assertEquals(0.000116990439154, (Double) factor.get(0, "p_value"), 5e-16);
        assertEquals(0, out.get("dropped"));
        assertEquals(null, out.get("discretization"));
        Table conventions = (Table) out.get("conventions");
        assertEquals("KEEP", conventions.get(2, "value"));
        assertEquals("SAMPLE", conventions.get(3, "value"));

        Map<String, Table> sheets = GeoDetectorFiles.sheets(out);
        GeoDetectorFiles.writeAll(sheets, dir);
        for (String f : List.of("factor.csv", "interaction.csv", "riskMeans.csv", "risk.csv", "ecological.csv")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        try (Workbook book = new XSSFWorkbook(Files.newInputStream(dir.resolve("geodetector.xlsx")))) {
            assertEquals(6, book.getNumberOfSheets()); // five detectors' tables and the conventions
            assertEquals("factor", book.getSheetName(0));
            assertEquals("q", book.getSheet("factor").getRow(0).getCell(4).getStringCellValue());
            assertEquals(0.637773670070423, book.getSheet("factor").getRow(1).getCell(4).getNumericCellValue(), 1e-12);
            assertEquals("Enhance, bi-", book.getSheet("interaction").getRow(1).getCell(7).getStringCellValue());
        }
        String json = Files.readString(dir.resolve("geodetector.json"));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertEquals(0.637773670070423, tree.get("tables").get("factor").get(0).get("q").asDouble(), 1e-12);
        BufferedImage bars = ImageIO.read(dir.resolve("q_bar.png").toFile());
        BufferedImage heat = ImageIO.read(dir.resolve("interaction_heatmap.png").toFile());
        assertEquals(800, bars.getWidth());
        assertNotNull(heat);
    }

    @Test
    void detectDiscretizesContinuousFactorsByOpgd() throws Exception {
        Table t = ReferenceData.table("GD_ndvi_40.csv");
        Map<String, Object> in = new HashMap<>();
        in.put("table", t);
        in.put("y", "NDVIchange");
        in.put("categorical", "Climatezone,Mining");
        in.put("continuous", "Tempchange,GDP");
        in.put("methods", "EQUAL,NATURAL,QUANTILE");
        in.put("kMin", 4);
        in.put("kMax", 6);
        Map<String, Object> out = process("Detect").execute(in, null);
        Table disc = (Table) out.get("discretization");
        assertEquals("QUANTILE", disc.get(0, "method"));
        assertEquals(6, disc.get(0, "k"));
        assertEquals(0.3179734572, (Double) disc.get(0, "q"), 5e-11);
        assertEquals(2 * 9, ((Table) out.get("opgdGrid")).rowCount());
        Table interaction = (Table) out.get("interaction");
        assertEquals(0.8344876721433065, (Double) interaction.get(0, "q12"), 1e-12); // Climatezone ∩ Mining
        assertEquals(0.375373540008779, (Double) interaction.get(5, "q12"), 1e-12); // Tempchange ∩ GDP
    }

    @Test
    void detectRejectsBadInputByName() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        Map<String, Object> in = new HashMap<>();
        in.put("table", t);
        in.put("y", "incidence");
        in.put("categorical", "watershed,nosuch");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> process("Detect").execute(in, null));
        assertEquals("categorical", e.getInput());
    }

    @Test
    void optimizeAndDiscretizeProcesses() throws Exception {
        Table t = ReferenceData.table("GD_ndvi_40.csv");
        Map<String, Object> in = new HashMap<>();
        in.put("table", t);
        in.put("y", "NDVIchange");
        in.put("continuous", "GDP");
        in.put("methods", "EQUAL,NATURAL,QUANTILE");
        in.put("kMin", 4);
        in.put("kMax", 6);
        Map<String, Object> out = process("Optimize").execute(in, null);
        assertEquals("0 0.25 14.57 176.58 16589.09", ((Table) out.get("best")).get(0, "breaks"));
        assertEquals(9, ((Table) out.get("grid")).rowCount());

        Map<String, Object> d = new HashMap<>();
        d.put("table", t);
        d.put("columns", "Tempchange");
        d.put("method", "NATURAL");
        d.put("classes", 4);
        Map<String, Object> disc = process("Discretize").execute(d, null);
        assertEquals("-0.39277 0.54508 1.13714 1.7601 3.22051", ((Table) disc.get("breaks")).get(0, "breaks"));
        Table classified = (Table) disc.get("table");
        int c = classified.indexOf("Tempchange_class");
        for (Object[] row : classified.rows()) {
            double v = ((Number) row[t.indexOf("Tempchange")]).doubleValue();
            long expected = v <= 0.54508 ? 1 : v <= 1.13714 ? 2 : v <= 1.7601 ? 3 : 4;
            assertEquals(expected, row[c]);
        }
    }

    /** A 12 × 8 Y raster (value = col + 100·row, nodata −1 at (row 3, col 5)) on 10 m pixels. */
    static GridCoverage2D yRaster(GridGeometry2D grid) {
        return Blocks.map("y", List.of(Rasters.coverage("seed", new ComputedImage(12, 8, 256, DataBuffer.TYPE_FLOAT, t -> {}),
                grid, -1)), DataBuffer.TYPE_FLOAT, -1, (inputs, out) -> {
                    for (int r = out.getMinY(); r < out.getMinY() + out.getHeight(); r++)
                        for (int c = out.getMinX(); c < out.getMinX() + out.getWidth(); c++)
                            out.setSample(c, r, 0, r == 3 && c == 5 ? -1 : c + 100 * r);
                });
    }

    @Test
    void sampleFishnetAlignsACoarserFactorAndDropsNodata() throws Exception {
        var crs = CRS.decode("EPSG:32650", true);
        GridGeometry2D grid = Rasters.grid(12, 8, 500_000, 4_000_080, 10, crs);
        GridCoverage2D y = yRaster(grid);
        // factor on 20 m pixels, 6 × 4: class = 1 + coarse col (so fine col c → class 1 + c/2)
        GridGeometry2D coarse = Rasters.grid(6, 4, 500_000, 4_000_080, 20, crs);
        GridCoverage2D zone = Blocks.map("zone", List.of(Rasters.coverage("seed",
                new ComputedImage(6, 4, 256, DataBuffer.TYPE_BYTE, t -> {}), coarse, 0)), DataBuffer.TYPE_BYTE, 0,
                (inputs, out) -> {
                    for (int r = out.getMinY(); r < out.getMinY() + out.getHeight(); r++)
                        for (int c = out.getMinX(); c < out.getMinX() + out.getWidth(); c++) out.setSample(c, r, 0, 1 + c);
                });
        Map<String, Object> in = new HashMap<>();
        in.put("y", y);
        in.put("factors", List.of(zone));
        in.put("factorNames", "zone");
        in.put("categorical", "zone");
        in.put("design", SampleProcess.Design.FISHNET);
        in.put("aggregate", SampleProcess.Aggregate.CENTRE); // one pixel per cell: the factor is resampled there only
        in.put("cellSize", 20.0);
        Map<String, Object> out = process("Sample").execute(in, null);
        Table samples = (Table) out.get("samples");
        // 20 m cells: centres at 10, 30, … m → fine pixels cols 1, 3, 5, 7, 9, 11 and rows 1, 3, 5, 7: 24 points,
        // (row 3, col 5) is Y nodata → 23 kept, 1 dropped
        assertEquals(1, out.get("dropped"));
        assertEquals(23, samples.rowCount());
        for (Object[] row : samples.rows()) {
            double x = (Double) row[0], yCoord = (Double) row[1];
            int col = (int) ((x - 500_000) / 10), r = (int) ((4_000_080 - yCoord) / 10);
            assertEquals(col + 100.0 * r, (Double) row[2], 0.0);
            assertEquals((long) (1 + col / 2), row[3]);
            assertTrue(col % 2 == 1 && r % 2 == 1);
        }
        in.put("design", SampleProcess.Design.RANDOM);
        in.put("count", 30);
        in.put("seed", 7);
        Map<String, Object> random = process("Sample").execute(in, null);
        int kept = ((Table) random.get("samples")).rowCount();
        assertEquals(30, kept + (Integer) random.get("dropped"));
        Map<String, Object> again = process("Sample").execute(in, null);
        assertEquals(csv(random), csv(again), "same seed, same samples");
        in.put("design", SampleProcess.Design.ALL);
        Map<String, Object> all = process("Sample").execute(in, null);
        assertEquals(95, ((Table) all.get("samples")).rowCount());
        in.put("design", SampleProcess.Design.FISHNET);
        in.put("cellSize", 5.0);
        assertEquals("cellSize", assertThrows(InvalidInputException.class, () -> process("Sample").execute(in, null)).getInput());
    }

    @Test
    void sampleReprojectsAFactorInAnotherCrs() throws Exception {
        var utm = CRS.decode("EPSG:32650", true);
        var wgs84 = CRS.decode("EPSG:4326", true);
        GridGeometry2D grid = Rasters.grid(12, 8, 500_000, 4_000_080, 10, utm);
        // factor in longitude/latitude, 0.0001° pixels from 116.99°E, 36.2°N: 1 west of 117.0007°E, 2 east of it
        GridGeometry2D geographic = Rasters.grid(200, 2000, 116.99, 36.2, 0.0001, wgs84);
        GridCoverage2D side = Blocks.map("side", List.of(Rasters.coverage("seed",
                new ComputedImage(200, 2000, 256, DataBuffer.TYPE_BYTE, t -> {}), geographic, 0)), DataBuffer.TYPE_BYTE, 0,
                (inputs, out) -> {
                    for (int r = out.getMinY(); r < out.getMinY() + out.getHeight(); r++)
                        for (int c = out.getMinX(); c < out.getMinX() + out.getWidth(); c++) out.setSample(c, r, 0, c >= 107 ? 2 : 1);
                });
        Map<String, Object> in = new HashMap<>();
        in.put("y", yRaster(grid));
        in.put("factors", List.of(side));
        in.put("factorNames", "side");
        in.put("categorical", "side");
        in.put("aggregate", SampleProcess.Aggregate.CENTRE);
        in.put("cellSize", 20.0);
        Table samples = (Table) process("Sample").execute(in, null).get("samples");
        assertEquals(23, samples.rowCount());
        var toGeographic = CRS.findMathTransform(utm, wgs84);
        int west = 0, east = 0;
        for (Object[] row : samples.rows()) {
            double[] lonLat = new double[2];
            toGeographic.transform(new double[] {(Double) row[0], (Double) row[1]}, 0, lonLat, 0, 1);
            if (Math.abs(lonLat[0] - 117.0007) < 0.00006) continue; // within half a factor pixel of the boundary
            long expected = lonLat[0] >= 117.0007 ? 2 : 1;
            assertEquals(expected, row[3], "sample at lon " + lonLat[0]);
            if (expected == 1) west++;
            else east++;
        }
        assertTrue(west > 0 && east > 0, west + " west, " + east + " east");
    }

    private static String csv(Map<String, Object> out) {
        return org.esvflow.table.Csv.toString((Table) out.get("samples"));
    }
}
