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
            // every pixel of both levels is the base pixel it stands for
            for (int level = 0; level < 2; level++) {
                Raster l = reader.read(level).getRaster();
                int step = 2 << level;
                for (int y = 0; y < l.getHeight(); y++) {
                    for (int x = 0; x < l.getWidth(); x++) {
                        assertEquals(1000.0 * step * y + step * x, l.getSampleDouble(x, y, 0), 0, "level " + (level + 1) + " at " + x + "," + y);
                    }
                }
            }
            assertEquals(151, reader.getWidth(1));
            assertEquals(75, reader.getHeight(1));
            reader.dispose();
        }
        if (GdalInfoTest.gdalAvailable()) {
            // GDAL sees the same levels
            Process gdal = new ProcessBuilder("gdalinfo", tif.getPath()).redirectErrorStream(true).start();
            String info = new String(gdal.getInputStream().readAllBytes());
            assertEquals(0, gdal.waitFor(), info);
            assertTrue(info.contains("Overviews: 301x150, 151x75"), info);
        }
        Files.delete(ovr.toPath());
    }

    @Test
    void byteClassesKeepTheirCodesAndNodata() throws Exception {
        // classes 1..9 by position, nodata 255 on every 5th row: level 1 pixel (x, y) shows base (2x, 2y)
        int w = 700, h = 530;
        ComputedImage image = new ComputedImage(w, h, 256, DataBuffer.TYPE_BYTE, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++) {
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, y % 5 == 0 ? 255 : 1 + (x / 3 + y) % 9);
            }
        });
        GridCoverage2D c = Rasters.coverage("lu", image, Rasters.grid(w, h, 0, 0, 30, CRS.decode("EPSG:32650", true)), 255);
        File tif = dir.resolve("lu.tif").toFile();
        GeoTiffs.write(c, tif);
        assertEquals(2, Overviews.write(tif));
        try (ImageInputStream in = ImageIO.createImageInputStream(Overviews.fileFor(tif))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Raster l1 = reader.read(0).getRaster();
            assertEquals(DataBuffer.TYPE_BYTE, l1.getDataBuffer().getDataType());
            assertEquals(350, l1.getWidth());
            assertEquals(265, l1.getHeight());
            for (int y = 0; y < 265; y++) {
                for (int x = 0; x < 350; x++) {
                    int by = 2 * y, bx = 2 * x;
                    assertEquals(by % 5 == 0 ? 255 : 1 + (bx / 3 + by) % 9, l1.getSample(x, y, 0), x + "," + y);
                }
            }
            reader.dispose();
        }
    }
}
