package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Path;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiffTileImageTest {
    @TempDir Path dir;

    @Test
    void directTilesEqualGeoToolsImageReadIncludingEdgeTiles() throws Exception {
        GridGeometry2D grid = Rasters.grid(300, 200, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        for (int type : new int[] {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_USHORT}) {
            ComputedImage image = new ComputedImage(300, 200, 256, type, t -> {
                for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                    for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, (x * 31 + y * 7) % 120 + 0.25 * (x % 4));
            });
            File file = dir.resolve("t" + type + ".tif").toFile();
            GeoTiffs.write(Rasters.coverage("t", image, grid, 250), file, 128);
            GridCoverage2D direct = GeoTiffs.read(file, "t");
            assertTrue(direct.getRenderedImage() instanceof TiffTileImage);
            Raster expected = new GeoTiffReader(file).read(null).getRenderedImage().getData();
            // a window straddling four tiles, and each whole edge tile
            for (java.awt.Rectangle r : new java.awt.Rectangle[] {new java.awt.Rectangle(100, 90, 100, 80),
                new java.awt.Rectangle(256, 128, 44, 72), new java.awt.Rectangle(0, 0, 300, 200)}) {
                Raster got = direct.getRenderedImage().getData(r);
                for (int y = r.y; y < r.y + r.height; y++)
                    for (int x = r.x; x < r.x + r.width; x++)
                        assertEquals(expected.getSampleDouble(x, y, 0), got.getSampleDouble(x, y, 0), 0, type + " at " + x + "," + y);
            }
            assertEquals(250.0, Rasters.nodata(direct));
        }
    }
}
