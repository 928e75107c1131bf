package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.util.List;
import java.nio.file.Path;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.esvflow.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming writer against GeoTools' own GeoTIFF writer on the same coverage: the same pixels when read back,
 * and for GDAL the same CRS, geotransform, nodata and type.
 */
class TiledTiffWriterTest {
    @TempDir Path dir;

    /** Pixel (x, y) of the test rasters, by hand: distinct per pixel, with nodata on the diagonal band x == y. */
    static double value(int x, int y, double nodata) {
        return x == y ? nodata : (x * 31 + y * 17) % 1000 - 300;
    }

    static GridCoverage2D coverage(GridGeometry2D grid, int type, double nodata) {
        int w = grid.getGridRange2D().width, h = grid.getGridRange2D().height;
        return Rasters.coverage("t", new ComputedImage(w, h, 256, type, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, value(x, y, nodata));
        }), grid, nodata);
    }

    @Test
    void projectedFloatAndGeographicShortMatchGeoToolsWriter() throws Exception {
        for (Case k : cases()) check(k.coverage(), k.name());
    }

    /** The same files as GDAL reads them: georeferencing, type, nodata and tiling equal to GeoTools' writer's. */
    @Test
    void gdalReadsThemAsItReadsGeoToolsWriterFiles() throws Exception {
        Tools.assumeOnPath("gdalinfo", "gdal-bin");
        for (Case k : cases()) {
            File[] files = check(k.coverage(), k.name());
            compareWithGdal(files[0], files[1], k.sixtyFour());
        }
    }

    record Case(GridCoverage2D coverage, String name, boolean sixtyFour) {}

    static List<Case> cases() throws Exception {
        return List.of(
                new Case(coverage(Rasters.grid(700, 300, 312_345.5, 4_567_890.25, 30, CRS.decode("EPSG:32650", true)),
                        DataBuffer.TYPE_FLOAT, -9999), "f", false),
                new Case(coverage(Rasters.grid(300, 520, 114.5, 42.5, 0.0025, DefaultGeographicCRS.WGS84),
                        DataBuffer.TYPE_SHORT, -1000), "s", false),
                new Case(coverage(Rasters.grid(260, 257, 400_000, 4_400_000, 500, CRS.decode("EPSG:32650", true)),
                        DataBuffer.TYPE_DOUBLE, -9999), "d", true));
    }

    /** Writes {@code c} both ways, checks our file read back pixel by pixel; returns {ours, GeoTools writer's}. */
    private File[] check(GridCoverage2D c, String name) throws Exception {
        assertTrue(TiledTiffWriter.accepts(c));
        File ours = dir.resolve(name + ".tif").toFile(), theirs = dir.resolve(name + "_gt.tif").toFile();
        GeoTiffs.write(c, ours);
        GeoTiffs.writeWithGeoTools(c, theirs, 256);
        GridCoverage2D a = GeoTiffs.read(ours, name), b = GeoTiffs.read(theirs, name);
        assertTrue(CRS.equalsIgnoreMetadata(a.getCoordinateReferenceSystem2D(), b.getCoordinateReferenceSystem2D()));
        assertTrue(Grids.sameGrid(c.getGridGeometry(), a.getGridGeometry()), Grids.describe(a.getGridGeometry()));
        assertEquals(Rasters.nodata(c), Rasters.nodata(a));
        Raster pa = a.getRenderedImage().getData();
        int w = pa.getWidth(), h = pa.getHeight();
        double nodata = Rasters.nodata(c);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) assertEquals(value(x, y, nodata), pa.getSampleDouble(x, y, 0), 0.0, x + "," + y);
        return new File[] {ours, theirs};
    }

    private static void compareWithGdal(File ours, File theirs, boolean sixtyFour) throws Exception {
        JsonNode ia = GdalInfoTest.gdalinfo(ours), ib = GdalInfoTest.gdalinfo(theirs);
        assertEquals(ib.path("coordinateSystem"), ia.path("coordinateSystem"));
        assertEquals(ib.path("geoTransform"), ia.path("geoTransform"));
        assertEquals(ib.path("size"), ia.path("size"));
        JsonNode ba = ia.path("bands").get(0), bb = ib.path("bands").get(0);
        assertEquals(bb.path("type"), ba.path("type"));
        assertEquals(sixtyFour ? "Float64" : ba.path("type").asText(), ba.path("type").asText());
        assertEquals(bb.path("noDataValue"), ba.path("noDataValue"));
        assertEquals(bb.path("block"), ba.path("block"));
    }

    /**
     * A raster valued from a class map (its tiles go through {@link SampleDeflate}) read by GDAL: every sample,
     * converted by gdal_translate to raw float32, equals the class value written.
     */
    @Test
    void gdalReadsAClassMapRasterSampleForSample() throws Exception {
        Tools.assumeOnPath("gdal_translate", "gdal-bin");
        float[] values = SampleDeflateTest.CLASS_VALUES;
        int w = 700, h = 300;
        java.util.function.IntBinaryOperator code = (x, y) -> ((x / 23) * 7 + (y / 11) * 3 + ((x ^ y) & 3)) % values.length;
        GridGeometry2D grid = Rasters.grid(w, h, 312_345.5, 4_567_890.25, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D c = Rasters.coverage("c", new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, values[code.applyAsInt(x, y)]);
        }), grid, -9999);
        assertNotNull(SampleDeflate.zlib(SampleDeflateTest.tile(256, 256, code, values), 256 * 256, 256), "not a class map");
        File ours = dir.resolve("c.tif").toFile(), raw = dir.resolve("c.bin").toFile();
        GeoTiffs.write(c, ours);
        Process p = new ProcessBuilder("gdal_translate", "-q", "-of", "ENVI", ours.getPath(), raw.getPath())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        java.nio.FloatBuffer got = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw.toPath()))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer(); // ENVI: the host's byte order (x86 and ARM: little)
        assertEquals(w * h, got.remaining());
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) assertEquals(values[code.applyAsInt(x, y)], got.get(y * w + x), x + "," + y);
    }

    @Test
    void multiBandRastersGoThroughGeoTools() throws Exception {
        GridGeometry2D grid = Rasters.grid(10, 10, 0, 0, 1, CRS.decode("EPSG:32650", true));
        GridCoverage2D two = Rasters.coverage("m", new ComputedImage(10, 10, 256, DataBuffer.TYPE_FLOAT, 2, r -> {}), grid, -9999);
        assertFalse(TiledTiffWriter.accepts(two));
    }
}
