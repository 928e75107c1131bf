package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Path;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoTiffsTest {
    @TempDir Path dir;

    @Test
    void roundTripKeepsValuesGridCrsAndNodata() throws Exception {
        GridGeometry2D grid = Rasters.grid(300, 200, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650"));
        GridCoverage2D source = Blocks.map("lu", java.util.List.of(Rasters.coverage("seed",
                new ComputedImage(300, 200, 256, DataBuffer.TYPE_BYTE, t -> {}), grid, 255)), DataBuffer.TYPE_BYTE, 255,
                (in, out) -> {
                    for (int y = out.getMinY(); y < out.getMinY() + out.getHeight(); y++)
                        for (int x = out.getMinX(); x < out.getMinX() + out.getWidth(); x++)
                            out.setSample(x, y, 0, (x + y) % 10 == 0 ? 255 : (x * 7 + y) % 9 + 1);
                });
        File file = dir.resolve("lu.tif").toFile();
        GeoTiffs.write(source, file);
        GridCoverage2D back = GeoTiffs.read(file, "lu");
        assertEquals(255.0, Rasters.nodata(back));
        assertTrue(Grids.sameGrid(grid, back.getGridGeometry()), Grids.describe(back.getGridGeometry()));
        Raster data = back.getRenderedImage().getData();
        assertEquals((17 * 7 + 4) % 9 + 1, data.getSample(17, 4, 0)); // (17+4) % 10 != 0: a class pixel
        assertEquals(255, data.getSample(17, 3, 0)); // (17+3) % 10 == 0: nodata
        assertEquals(255, data.getSample(5, 5, 0));
        assertEquals(256, back.getRenderedImage().getTileWidth());
    }

    @Test
    void bigTiffIsChosenOnlyAboveFourGigabytes() throws Exception {
        GridGeometry2D small = Rasters.grid(1000, 1000, 0, 0, 30, CRS.decode("EPSG:32650", true));
        GridGeometry2D huge = Rasters.grid(40_000, 30_000, 0, 0, 30, CRS.decode("EPSG:32650", true));
        // 40 000 × 30 000 float32 = 4.8 GB uncompressed: beyond classic TIFF's 32-bit offsets
        assertTrue(bigTiff(Rasters.coverage("h", new ComputedImage(40_000, 30_000, 256, DataBuffer.TYPE_FLOAT, t -> {}), huge, -9999)));
        // 1000 × 1000 bytes = 1 MB
        assertTrue(!bigTiff(Rasters.coverage("s", new ComputedImage(1000, 1000, 256, DataBuffer.TYPE_BYTE, t -> {}), small, 255)));
        assertEquals(4_800_000_000L, GeoTiffs.uncompressedBytes(new ComputedImage(40_000, 30_000, 256, DataBuffer.TYPE_FLOAT, t -> {})));
    }

    static boolean bigTiff(GridCoverage2D coverage) {
        for (var value : GeoTiffs.writeParameters(coverage, 256)) {
            if (value instanceof org.geotools.parameter.Parameter<?> p
                    && p.getValue() instanceof org.geotools.gce.geotiff.GeoTiffWriteParams wp) return wp.isForceToBigTIFF();
        }
        throw new AssertionError("no GeoTIFF write parameters");
    }

    @Test
    void anUnmodifiedReadIsLinkedAndAComputedCoverageIsWritten() throws Exception {
        GridGeometry2D grid = Rasters.grid(300, 200, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D computed = Rasters.coverage("c", new ComputedImage(300, 200, 256, DataBuffer.TYPE_FLOAT,
                t -> t.setSample(t.getMinX(), t.getMinY(), 0, 7f)), grid, -9999);
        File written = dir.resolve("written.tif").toFile();
        GeoTiffs.linkOrWrite(computed, written);
        File copy = dir.resolve("copy.tif").toFile();
        GeoTiffs.linkOrWrite(GeoTiffs.read(written, "written"), copy);
        assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(written.toPath()), java.nio.file.Files.readAllBytes(copy.toPath())));
        assertTrue(java.nio.file.Files.isSameFile(written.toPath(), copy.toPath()), "one file under two names, not a copy");
        // anything derived from the read is a new coverage and is encoded again
        GridCoverage2D derived = Blocks.map("d", java.util.List.of(GeoTiffs.read(written, "w")), DataBuffer.TYPE_FLOAT, -9999,
                (in, out) -> out.setSamples(out.getMinX(), out.getMinY(), out.getWidth(), out.getHeight(), 0,
                        new float[out.getWidth() * out.getHeight()]));
        File encoded = dir.resolve("encoded.tif").toFile();
        GeoTiffs.linkOrWrite(derived, encoded);
        assertEquals(0f, GeoTiffs.read(encoded, "e").getRenderedImage().getData().getSampleFloat(0, 0, 0));
    }
}
