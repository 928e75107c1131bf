package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedCoveragesTest {
    @TempDir Path dir;

    @Test
    void onlyComputedOrCompressedInputsAreWorthCaching() throws Exception {
        // 2048 × 2560 float32 = 20 MiB: a smooth field deflates far below 90 % of that; noise is stored after the
        // 16 MiB probe of ParallelDeflate, so its file is about the raw size
        int w = 2048, h = 2560;
        GridGeometry2D grid = Rasters.grid(w, h, 400_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D smooth = Rasters.coverage("smooth", new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++) {
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, x / 64);
            }
        }), grid, -9999);
        GridCoverage2D noise = Rasters.coverage("noise", new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, r -> {
            Random random = new Random(r.getMinX() * 31L + r.getMinY());
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++) {
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, random.nextFloat());
            }
        }), grid, -9999);
        File smoothFile = dir.resolve("smooth.tif").toFile(), noiseFile = dir.resolve("noise.tif").toFile();
        GeoTiffs.write(smooth, smoothFile);
        GeoTiffs.write(noise, noiseFile);
        GridCoverage2D storedBand = GeoTiffs.read(noiseFile), compressedBand = GeoTiffs.read(smoothFile);
        assertFalse(CachedCoverages.worthCaching(List.of(storedBand)), "stored tiles decode at the speed of a copy");
        assertTrue(CachedCoverages.worthCaching(List.of(storedBand, compressedBand)), "one deflated band is enough");
        assertTrue(CachedCoverages.worthCaching(List.of(noise)), "a computed band");
    }
}
