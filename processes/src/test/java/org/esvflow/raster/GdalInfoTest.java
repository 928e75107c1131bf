package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.esvflow.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GDAL, an implementation nobody here wrote, must read our GeoTIFFs with the same CRS, geotransform and nodata. */
class GdalInfoTest {
    @TempDir Path dir;

    static JsonNode gdalinfo(File file) throws Exception {
        Process p = new ProcessBuilder("gdalinfo", "-json", file.getAbsolutePath()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(out));
        return new ObjectMapper().readTree(out);
    }

    static boolean gdalAvailable() {
        return Tools.onPath("gdalinfo");
    }

    @Test
    void projectedFloatRasterMatchesGdal() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        GridGeometry2D grid = Rasters.grid(700, 300, 312_345.5, 4_567_890.25, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D c = Rasters.coverage("npp", new ComputedImage(700, 300, 256, DataBuffer.TYPE_FLOAT,
                r -> r.setSample(r.getMinX(), r.getMinY(), 0, -9999f)), grid, -9999);
        File file = dir.resolve("npp.tif").toFile();
        GeoTiffs.write(c, file);
        JsonNode info = gdalinfo(file);
        assertEquals(700, info.path("size").get(0).asInt());
        assertEquals(300, info.path("size").get(1).asInt());
        List<Double> gt = List.of(312_345.5, 30.0, 0.0, 4_567_890.25, 0.0, -30.0);
        for (int i = 0; i < 6; i++) assertEquals(gt.get(i), info.path("geoTransform").get(i).asDouble(), 1e-9, "geotransform[" + i + "]");
        assertTrue(info.path("coordinateSystem").path("wkt").asText().contains("ID[\"EPSG\",32650]"), "EPSG:32650 expected");
        JsonNode band = info.path("bands").get(0);
        assertEquals("Float32", band.path("type").asText());
        assertEquals(-9999.0, band.path("noDataValue").asDouble());
        assertEquals(256, band.path("block").get(0).asInt());
        assertEquals("DEFLATE", info.path("metadata").path("IMAGE_STRUCTURE").path("COMPRESSION").asText());
    }

    @Test
    void geographicByteRasterMatchesGdal() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        GridGeometry2D grid = Rasters.grid(360, 180, 114.5, 42.5, 0.0025, DefaultGeographicCRS.WGS84);
        GridCoverage2D c = Rasters.coverage("lu", new ComputedImage(360, 180, 256, DataBuffer.TYPE_BYTE, r -> {}), grid, 255);
        File file = dir.resolve("lu.tif").toFile();
        GeoTiffs.write(c, file);
        JsonNode info = gdalinfo(file);
        assertEquals(114.5, info.path("geoTransform").get(0).asDouble(), 1e-12);
        assertEquals(0.0025, info.path("geoTransform").get(1).asDouble(), 1e-15);
        assertEquals(42.5, info.path("geoTransform").get(3).asDouble(), 1e-12);
        assertTrue(info.path("coordinateSystem").path("wkt").asText().contains("ID[\"EPSG\",4326]"));
        assertEquals(255.0, info.path("bands").get(0).path("noDataValue").asDouble());
        assertEquals("Byte", info.path("bands").get(0).path("type").asText());
        assertTrue(Files.size(file.toPath()) < 20_000, "deflate should shrink a constant raster");
    }

    @Test
    void gdalDecodesStoredTilesOfAnIncompressibleRaster() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        // 2048 × 2560 float32 noise = 20 MB: the first 16 MB are deflated, then ParallelDeflate stores the rest
        // (ParallelDeflateTest checks that switch); GDAL must decode both kinds of tile to our statistics
        int w = 2048, h = 2560;
        GridGeometry2D grid = Rasters.grid(w, h, 400_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D c = Rasters.coverage("noise", new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, r -> {
            java.util.Random random = new java.util.Random(r.getMinX() * 31L + r.getMinY());
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++) {
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, random.nextFloat() * 1000);
            }
        }), grid, -9999);
        File file = dir.resolve("noise.tif").toFile();
        GeoTiffs.write(c, file);
        assertTrue(Files.size(file.toPath()) > 0.9 * w * h * 4, "noise does not compress");
        assertGdalStatisticsMatchOurs(file, Float.NaN);
    }

    @Test
    void gdalDecodesOurDeflateTilesToTheSameValues() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        // 600 × 520 float32 with edge tiles, values v = sin(x/37)·cos(y/23)·100 + x/10 and nodata holes: GDAL's own
        // inflater must decode every tile (its exact statistics pass reads them all) to our mean, min and max
        GridGeometry2D grid = Rasters.grid(600, 520, 400_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D c = GridsTest.constantPlane(grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> {
            double col = (x - 400_000) / 30 - 0.5, row = (4_400_000 - y) / 30 - 0.5;
            return (col + row) % 97 == 0 ? -9999 : Math.sin(col / 37) * Math.cos(row / 23) * 100 + col / 10;
        });
        File file = dir.resolve("wave.tif").toFile();
        GeoTiffs.write(c, file);
        assertGdalStatisticsMatchOurs(file, -9999f);
        Files.deleteIfExists(Path.of(file.getPath() + ".aux.xml"));
    }

    /**
     * GDAL's exact statistics of band 1 (its own inflater decodes every tile) against the minimum, maximum and mean
     * of the values our reader decodes, skipping {@code nodata}. gdalinfo prints them to 3 decimals; one wrongly
     * decoded tile would move them by far more.
     */
    private static void assertGdalStatisticsMatchOurs(File file, float nodata) throws Exception {
        java.awt.image.Raster r = GeoTiffs.read(file).getRenderedImage().getData();
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (int y = 0; y < r.getHeight(); y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                float v = r.getSampleFloat(x, y, 0);
                if (v == nodata) continue;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        Process p = new ProcessBuilder("gdalinfo", "-json", "-stats", file.getAbsolutePath()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), new String(out));
        JsonNode band = new ObjectMapper().readTree(out).path("bands").get(0);
        assertEquals(min, band.path("minimum").asDouble(), 1e-3);
        assertEquals(max, band.path("maximum").asDouble(), 1e-3);
        assertEquals(sum / n, band.path("mean").asDouble(), 1e-3);
    }
}
