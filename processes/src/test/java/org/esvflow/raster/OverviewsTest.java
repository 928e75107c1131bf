package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewsTest {
    @TempDir
    Path dir;

    @Test
    void levelSizesHalveUntilOneTile() {
        // 1000 -> 500 -> 250 (fits); 600 x 257 -> 300 x 129 -> 150 x 65
        assertEquals(2, Overviews.levels(1000, 1000).size());
        assertArrayEquals(new int[] {250, 250}, Overviews.levels(1000, 1000).get(1));
        List<int[]> l = Overviews.levels(601, 257);
        assertArrayEquals(new int[] {301, 129}, l.get(0));
        assertArrayEquals(new int[] {151, 65}, l.get(1));
        assertTrue(Overviews.levels(256, 256).isEmpty());
    }

    @Test
    void writesReducedResolutionPagesWithNearestValues() throws Exception {
        // value = 1000 * row + column, so every overview pixel says which base pixel it took
        int w = 601;
        int h = 300;
        ComputedImage image = new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++) {
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, 1000 * y + x);
            }
        });
        GridCoverage2D c = Rasters.coverage("v", image, Rasters.grid(w, h, 0, 0, 1, CRS.decode("EPSG:32650", true)), -9999);
        File tif = dir.resolve("v.tif").toFile();
        GeoTiffs.write(c, tif);
        assertEquals(2, Overviews.write(tif));
        File ovr = Overviews.fileFor(tif);
        assertTrue(ovr.isFile());
        try (ImageInputStream in = ImageIO.createImageInputStream(ovr)) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(2, reader.getNumImages(true));
            // level 1: 301 x 150; pixel (x, y) is base (2x, 2y); level 2: 151 x 75, base (4x, 4y)
            assertEquals(301, reader.getWidth(0));
            assertEquals(150, reader.getHeight(0));
            Raster l1 = reader.read(0).getRaster();
            assertEquals(1000 * 2 * 7 + 2 * 300, l1.getSampleDouble(300, 7, 0));
            assertEquals(151, reader.getWidth(1));
            assertEquals(75, reader.getHeight(1));
            Raster l2 = reader.read(1).getRaster();
            assertEquals(1000 * 4 * 74 + 4 * 150, l2.getSampleDouble(150, 74, 0));
            reader.dispose();
        }
        if (Boolean.getBoolean("esvflow.heavy")) {
            // GDAL sees the same levels
            Process gdal = new ProcessBuilder("gdalinfo", tif.getPath()).redirectErrorStream(true).start();
            String info = new String(gdal.getInputStream().readAllBytes());
            assertEquals(0, gdal.waitFor(), info);
            assertTrue(info.contains("Overviews: 301x150, 151x75"), info);
        }
        Files.delete(ovr.toPath());
    }
}
