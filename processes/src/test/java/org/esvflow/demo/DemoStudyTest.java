package org.esvflow.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.GeoTiffs;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.BeforeAll;
import org.esvflow.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small demo study: deterministic, readable by GDAL, and shaped like the region it imitates. */
class DemoStudyTest {
    @TempDir static Path dir;
    static Path first, second;
    static java.util.Map<String, Object> tree; // the manifest tree of the second generation

    @BeforeAll
    static void generateTwice() throws Exception {
        first = DemoFixture.small();
        second = dir.resolve("again");
        tree = DemoStudy.generate(second, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> {});
    }

    static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws Exception {
        List<Path> a = files(first);
        assertEquals(a, files(second));
        assertTrue(a.size() > 80, "expected the whole study, got " + a.size() + " files");
        for (Path p : a) assertArrayEquals(Files.readAllBytes(first.resolve(p)), Files.readAllBytes(second.resolve(p)), p.toString());
    }

    @Test
    void manifestNamesOnlyFilesThatExist() throws Exception {
        List<String> named = new java.util.ArrayList<>();
        paths(tree, named);
        for (String p : named) assertTrue(Files.isRegularFile(first.resolve(p)), p);
        // 6 epochs × (1 land use + 6 auxiliary + 7 Landsat) + 2 terrain + 2 boundaries
        assertEquals(6 * 14 + 4, named.size());
    }

    /** Every string of the manifest tree naming a .tif or .geojson file. */
    static void paths(Object node, List<String> out) {
        if (node instanceof java.util.Map<?, ?> m) m.values().forEach(v -> paths(v, out));
        else if (node instanceof List<?> l) l.forEach(v -> paths(v, out));
        else if (node instanceof String s && s.matches("[\\w/]+\\.(tif|geojson)")) out.add(s);
    }

    @Test
    void gdalReadsTheCrsOfEveryKindOfRaster() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        assertTrue(gdalCrs(first.resolve("landuse/lu_2013.tif")).contains("ID[\"EPSG\",32650]"));
        assertTrue(gdalCrs(first.resolve("aux/npp_2013.tif")).contains("ID[\"EPSG\",32650]"));
        assertTrue(gdalCrs(first.resolve("aux/precip_2013.tif")).contains("ID[\"EPSG\",4326]"));
    }

    static String gdalCrs(Path file) throws Exception {
        Process p = new ProcessBuilder("gdalinfo", "-json", file.toString()).start();
        JsonNode info = new ObjectMapper().readTree(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        return info.path("coordinateSystem").path("wkt").asText();
    }

    @Test
    void citiesGrowAndMountainsAreGreen() throws Exception {
        long previousImpervious = -1;
        for (int year : DemoStudy.EPOCHS) {
            long[] counts = histogram(GeoTiffs.read(first.resolve("landuse/lu_" + year + ".tif").toFile(), "lu"));
            assertTrue(counts[Landscape.IMPERVIOUS] > previousImpervious, "impervious grows every epoch");
            previousImpervious = counts[Landscape.IMPERVIOUS];
            assertTrue(counts[Landscape.CROPLAND] > counts[Landscape.FOREST], "the plain is mostly cropland");
            assertTrue(counts[Landscape.WATER] > 0 && counts[Landscape.WETLAND] > 0 && counts[Landscape.SHRUB] > 0);
        }
        // north-west corner block (mountains) versus a block on the south-east plain
        GridCoverage2D lu = GeoTiffs.read(first.resolve("landuse/lu_2023.tif").toFile(), "lu");
        var data = lu.getRenderedImage();
        long forestNw = count(data.getData(new java.awt.Rectangle(20, 20, 100, 100)), Landscape.FOREST);
        long forestSe = count(data.getData(new java.awt.Rectangle(500, 700, 100, 100)), Landscape.FOREST);
        assertTrue(forestNw > 2_000 && forestSe < 500, "forest NW " + forestNw + ", SE " + forestSe);
    }

    static long[] histogram(GridCoverage2D lu) {
        long[] counts = new long[256];
        Blocks.forEach(List.of(lu), null, 0, 100, (b, r) -> {
            for (int v : r[0].getSamples(b.x, b.y, b.width, b.height, 0, (int[]) null)) counts[v]++;
        });
        return counts;
    }

    static long count(java.awt.image.Raster r, int cls) {
        long n = 0;
        for (int v : r.getSamples(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight(), 0, (int[]) null)) if (v == cls) n++;
        return n;
    }
}
