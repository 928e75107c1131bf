package org.esvflow.server.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Overviews;
import org.esvflow.raster.Rasters;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PyramidTest {
    @TempDir
    Path dir;

    @Test
    void levelsChoiceAndWindowReads() throws Exception {
        // value = 10 000 * row + column over 1000 x 600 pixels: levels 1000, 500 and 250 wide
        ComputedImage image = new ComputedImage(1000, 600, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++) {
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, 10_000 * y + x);
            }
        });
        File tif = dir.resolve("p.tif").toFile();
        GeoTiffs.write(Rasters.coverage("p", image, Rasters.grid(1000, 600, 0, 0, 1, CRS.decode("EPSG:32650", true)), -9999), tif);
        Overviews.write(tif);
        try (Pyramid p = Pyramid.open(tif)) {
            assertEquals(List.of(1000, 500, 250), p.levels().stream().map(Pyramid.Level::width).toList());
            assertEquals(1000, p.choose(0.5).width());
            assertEquals(1000, p.choose(1.9).width());
            assertEquals(500, p.choose(2).width());
            assertEquals(500, p.choose(3.9).width());
            assertEquals(250, p.choose(4).width());
            assertEquals(250, p.choose(1000).width());
            // level 500: pixel (x, y) is full pixel (2x, 2y); a window keeps its location
            Raster r = p.read(p.choose(2), new Rectangle(100, 50, 20, 10));
            assertEquals(new Rectangle(100, 50, 20, 10), r.getBounds());
            assertEquals(10_000 * 2 * 55 + 2 * 110, r.getSampleDouble(110, 55, 0));
            Raster full = p.read(p.choose(1), new Rectangle(990, 590, 10, 10));
            assertEquals(10_000 * 599 + 999, full.getSampleDouble(999, 599, 0));
        }
    }
}
