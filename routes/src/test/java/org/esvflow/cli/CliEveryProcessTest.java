package org.esvflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import org.geotools.api.feature.type.Name;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every registered process runs from the command line on small inputs (40 × 40 pixels of 30 m), exits 0, and writes
 * each output listed in {@code result.json} as a file its codec reads back (features as GeoJSON, documents as XLSX and
 * PNG). A new process needs a line in {@link #CASES}.
 */
class CliEveryProcessTest {
    static final int N = 40;
    static final CodecRegistry CODECS = CodecRegistry.standard();
    @TempDir static Path dir;
    static Map<String, List<String>> cases;

    @BeforeAll
    static void inputs() throws Exception {
        CoordinateReferenceSystem utm = CRS.decode("EPSG:32650", true);
        GridGeometry2D grid = Rasters.grid(N, N, 500_000, 4_400_000, 30, utm);
        // CLCD classes 1..9 in diagonal bands; the last row is nodata (255)
        raster("lu1.tif", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> y == N - 1 ? 255 : (x / 7 + y / 5) % 9 + 1);
        raster("lu2.tif", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> y == N - 1 ? 255 : (x / 6 + y / 5) % 9 + 1);
        raster("value.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 1 + x * 0.5 + (x * y % 7));
        raster("value2.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 10 + Math.sin(x / 5.0) * 3 + y * 0.1);
        // Landsat-like reflectance with swir1 > green, so MNDWI < 0 and no pixel is water
        raster("blue.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.04 + 0.001 * x);
        raster("green.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.06 + 0.001 * y);
        raster("red.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.05 + 0.002 * ((x + y) % 11));
        raster("nir.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.25 + 0.003 * ((x * 3 + y) % 13));
        raster("swir1.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.18 + 0.002 * ((x + 2 * y) % 9));
        raster("swir2.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 0.12 + 0.002 * ((2 * x + y) % 7));
        raster("lst.tif", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 290 + 0.2 * x - 0.1 * y);
        // two regions: the west and east halves
        Files.writeString(dir.resolve("regions.geojson"), """
                {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "EPSG:32650"}},
                 "features": [
                  {"type": "Feature", "properties": {"id": "w", "name": "West"}, "geometry": {"type": "Polygon",
                   "coordinates": [[[500000, 4398800], [500600, 4398800], [500600, 4400000], [500000, 4400000], [500000, 4398800]]]}},
                  {"type": "Feature", "properties": {"id": "e", "name": "East"}, "geometry": {"type": "Polygon",
                   "coordinates": [[[500600, 4398800], [501200, 4398800], [501200, 4400000], [500600, 4400000], [500600, 4398800]]]}}]}
                """);
        Files.writeString(dir.resolve("crops.csv"), "crop,sown_area_ha,yield_kg_per_ha,price_per_kg\nrice,100,6000,2.8\nwheat,200,5000,2.4\n");
        StringBuilder samples = new StringBuilder("y,a,b,x\n");
        for (int i = 0; i < 60; i++) samples.append(i % 5 * 2 + i % 3).append(',').append("s").append(i % 5).append(',')
                .append("t").append(i % 3).append(',').append(i * 0.7 % 9).append('\n');
        Files.writeString(dir.resolve("samples.csv"), samples);
        Files.writeString(dir.resolve("panel.csv"), "region_id,year,x1,x2\nw,2013,1.0,5\ne,2013,2.0,3\nw,2023,1.5,6\ne,2023,2.5,2\n");

        String lu1 = file("lu1.tif"), lu2 = file("lu2.tif"), value = file("value.tif"), regions = file("regions.geojson");
        cases = new LinkedHashMap<>();
        put("esv:Change", "before=" + lu1, "after=" + lu2, "standardEquivalent=3406.5", "regions=" + regions, "regionIdField=id");
        put("esv:CorrectionReference", "landUse=" + lu1 + "," + lu2, "years=2013,2023", "npp=" + value + "," + file("value2.tif"));
        put("esv:Fishnet", "raster=" + value, "cellSize=300");
        put("esv:HotSpots", "raster=" + value, "cellSize=300");
        put("esv:Sensitivity", "landUse=" + lu1, "standardEquivalent=3406.5");
        put("esv:StandardEquivalent", "crops=" + file("crops.csv"));
        put("esv:Value", "landUse=" + lu1, "standardEquivalent=3406.5", "npp=" + value, "regions=" + regions,
                "regionIdField=id", "serviceRasters=true");
        put("esv:ZonalSummary", "raster=" + value, "regions=" + regions, "regionIdField=id");
        put("fig:MapPanels", "rasters=" + lu1 + "," + lu2, "colorMap=" + Path.of("..", "geoserver-data", "styles", "landuse.sld")
                .toAbsolutePath().normalize(), "titles=2013,2023", "boundaries=" + regions, "legendTitle=Land use", "dpi=100",
                "width=90");
        put("gd:Detect", "table=" + file("samples.csv"), "y=y", "categorical=a,b", "continuous=x");
        put("gd:DetectRaster", "y=" + value, "factors=" + lu1 + "," + file("value2.tif"), "factorNames=lu,v",
                "categorical=lu", "classes=3");
        put("gd:Discretize", "table=" + file("samples.csv"), "columns=x");
        put("gd:Optimize", "table=" + file("samples.csv"), "y=y", "continuous=x", "kMax=4");
        put("gd:Sample", "y=" + value, "factors=" + lu1 + "," + file("value2.tif"), "factorNames=lu,v", "categorical=lu",
                "cellSize=90");
        put("hai:CompositeHai", "indicators=" + value + "," + file("value2.tif"), "regions=" + regions, "regionIdField=id",
                "cellSize=300", "year=2023");
        put("hai:HaiPanel", "tables=" + file("panel.csv"), "indicators=x1,x2");
        put("hai:Hails", "landUse=" + lu1, "windowSize=3", "cellSize=300", "regions=" + regions, "regionIdField=id");
        put("hai:LandUseIntensity", "landUse=" + lu1, "regions=" + regions, "regionIdField=id");
        put("lu:AlignGrid", "source=" + value, "reference=" + lu1, "resampling=bilinear");
        put("lu:Calc", "rasters=" + value + "," + file("value2.tif"), "names=a,b", "expression=a / b");
        put("lu:ClassArea", "landUse=" + lu1, "regions=" + regions, "regionIdField=id");
        put("lu:TransferMatrix", "landUse=" + lu1 + "," + lu2, "years=2013,2023");
        put("rsei:Rsei", "blue=" + file("blue.tif"), "green=" + file("green.tif"), "red=" + file("red.tif"),
                "nir=" + file("nir.tif"), "swir1=" + file("swir1.tif"), "swir2=" + file("swir2.tif"),
                "lst=" + file("lst.tif"), "indicators=true", "regions=" + regions, "regionIdField=id");
        put("rsei:RseiChange", "earlier=" + value, "later=" + file("value2.tif"));
    }

    static void put(String process, String... inputs) {
        cases.put(process, List.of(inputs));
    }

    static String file(String name) {
        return dir.resolve(name).toString();
    }

    static void raster(String name, GridGeometry2D grid, int type, double nodata, DoubleBinaryOperator f) throws Exception {
        ComputedImage image = new ComputedImage(N, N, 256, type, r -> {
            for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) r.setSample(x, y, 0, f.applyAsDouble(x, y));
        });
        GeoTiffs.write(Rasters.coverage(name, image, grid, nodata), dir.resolve(name).toFile());
    }

    @TestFactory
    Stream<DynamicTest> everyRegisteredProcessRunsFromTheCommandLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Name name : ProcessCatalog.names(false)) {
            String process = ProcessCatalog.qualified(name);
            tests.add(DynamicTest.dynamicTest(process, () -> {
                List<String> inputs = cases.get(process);
                if (inputs == null) fail(process + " has no case in CliEveryProcessTest: give it small inputs there");
                runAndCheck(process, inputs);
            }));
        }
        return tests.stream();
    }

    /** Runs one process and reads every file it wrote back through the codec of its declared format. */
    static JsonNode runAndCheck(String process, List<String> inputs, String... options) throws Exception {
        Path out = dir.resolve("out-" + process.replace(':', '_') + options.length);
        List<String> args = new ArrayList<>(List.of("run", process));
        args.addAll(inputs);
        args.addAll(List.of("--out", out.toString(), "--quiet"));
        args.addAll(List.of(options));
        CliTest.Run r = CliTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), process + ": " + r.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertTrue(result.path("outputs").size() > 0, process + " wrote no output");
        for (JsonNode o : result.path("outputs")) {
            List<String> files = new ArrayList<>();
            if (o.has("file")) files.add(o.path("file").asText());
            o.path("files").forEach(f -> files.add(f.asText()));
            if (files.isEmpty()) {
                assertTrue(o.has("value"), process + "." + o.path("name").asText() + ": neither a file nor a value");
                continue;
            }
            for (String f : files) {
                Path file = out.resolve(f);
                assertTrue(Files.size(file) > 0, process + ": empty " + f);
                String mime = o.path("format").asText();
                assertEquals(CODECS.mimeType(f), mime, f + " is named by its format's extension");
                Class<?> type = typeOf(mime);
                if (type == null) continue;
                ComplexCodec<?> codec = CODECS.decoder(type, mime, o.path("name").asText());
                assertNotNull(codec.decode(file, f), f);
            }
        }
        try (var left = Files.list(out)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial files left");
        }
        return result;
    }

    /** The type a file of {@code mime} decodes to (the JSON value codec decodes nothing; tables read it). */
    static Class<?> typeOf(String mime) {
        return switch (mime) {
            case CodecRegistry.GEOTIFF -> org.geotools.coverage.grid.GridCoverage2D.class;
            case CodecRegistry.CSV -> org.esvflow.table.Table.class;
            case CodecRegistry.GEOJSON -> SimpleFeatureCollection.class;
            case org.esvflow.process.Document.XLSX, org.esvflow.process.Document.PNG, org.esvflow.process.Document.PDF ->
                    org.esvflow.process.Document.class;
            default -> null;
        };
    }

    @Test
    void featureOutputsAreGeoJsonInTheRasterCrs() throws Exception {
        JsonNode result = runAndCheck("esv:HotSpots", cases.get("esv:HotSpots"));
        JsonNode polygons = null;
        for (JsonNode o : result.path("outputs")) if (o.path("name").asText().equals("polygons")) polygons = o;
        assertNotNull(polygons, result.toString());
        assertEquals("polygons.geojson", polygons.path("file").asText());
        Path file = dir.resolve("out-esv_HotSpots0").resolve("polygons.geojson");
        SimpleFeatureCollection fc = (SimpleFeatureCollection) CODECS.decoder(SimpleFeatureCollection.class, null, "p")
                .decode(file, "polygons");
        // 40 px × 30 m = 1 200 m per side, cells of 300 m: 4 × 4 cells, the last pixel row being nodata leaves all 16 valid
        assertEquals(16, fc.size());
        assertEquals(Integer.valueOf(32650), CRS.lookupEpsgCode(fc.getSchema().getCoordinateReferenceSystem(), true));
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).contains("\"FeatureCollection\""));
    }

    @Test
    void onlyTheRequestedOutputsAreWritten() throws Exception {
        JsonNode result = runAndCheck("esv:Value", cases.get("esv:Value"), "--outputs", "esv,totals");
        List<String> names = new ArrayList<>();
        result.path("outputs").forEach(o -> names.add(o.path("name").asText()));
        assertEquals(List.of("esv", "totals"), names);
        Path out = dir.resolve("out-esv_Value2");
        try (var files = Files.list(out)) {
            assertEquals(List.of("esv.tif", "result.json", "totals.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        CliTest.Run bad = CliTest.run("run", "esv:Value", "landUse=" + file("lu1.tif"), "standardEquivalent=1",
                "--out", dir.resolve("bad").toString(), "--quiet", "--outputs", "esv,nothing");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--outputs: 'nothing' is not an output"), bad.err());
    }
}
