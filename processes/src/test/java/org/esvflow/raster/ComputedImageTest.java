package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComputedImageTest {
    @TempDir Path dir;

    @Test
    void writingComputesEachTileOnceAndWholeImageReadsWorkWithEdgeTiles() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        // 600 × 520 with 256² tiles: 3 × 3 tiles, the last row and column clipped
        ComputedImage image = new ComputedImage(600, 520, 256, DataBuffer.TYPE_FLOAT, t -> {
            calls.incrementAndGet();
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, x + 1000 * y);
        });
        GeoTiffs.write(Rasters.coverage("x", image, Rasters.grid(600, 520, 0, 0, 1, CRS.decode("EPSG:32650", true)), -9999),
                dir.resolve("x.tif").toFile());
        assertEquals(9, calls.get()); // the TIFF writer reads tiles row by row: the recent tiles are kept
        Raster all = image.getData(); // JAI cobbling over clipped edge tiles
        assertEquals(599 + 1000 * 519, all.getSampleFloat(599, 519, 0), 0);
        Raster back = GeoTiffs.read(dir.resolve("x.tif").toFile()).getRenderedImage().getData();
        assertEquals(599 + 1000 * 300, back.getSampleFloat(599, 300, 0), 0);
    }
}
