package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.List;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class BlocksReduceTest {
    @Test
    void rowsAreMergedInRowOrderWhateverTheThreads() throws Exception {
        // 1000 × 900 float raster of v = 0.1·x + 1/(y + 1): sums that depend on the order of additions in the last bits
        int w = 1000, h = 900;
        ComputedImage image = new ComputedImage(w, h, 256, DataBuffer.TYPE_DOUBLE, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, 0.1 * x + 1.0 / (y + 1));
        });
        GridCoverage2D c = Rasters.coverage("v", image, Rasters.grid(w, h, 0, 0, 1, CRS.decode("EPSG:32650", true)), -1);
        double[] reduced = Blocks.reduce(List.of(c), null, 0f, 100f, () -> new double[2], (acc, b, r) -> {
            double[] v = Samples.doubles(r[0], b.x, b.y, b.width, b.height, 0, null);
            for (double x : v) acc[0] += x;
            acc[1] += v.length;
        }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        // the same additions, in the documented order: each row of blocks left to right, rows folded top to bottom
        double expected = 0;
        for (int by = 0; by < 4; by++) {
            double row = 0;
            for (int bx = 0; bx < 4; bx++) {
                for (int y = by * 256; y < Math.min(h, by * 256 + 256); y++)
                    for (int x = bx * 256; x < Math.min(w, bx * 256 + 256); x++) row += 0.1 * x + 1.0 / (y + 1);
            }
            expected = by == 0 ? row : expected + row;
        }
        assertEquals(expected, reduced[0], 0);
        assertEquals((double) w * h, reduced[1], 0);
        // and the closed form: Σx 0.1·x over 1000 columns × 900 rows + 1000 · H(900)
        double harmonic = 0;
        for (int y = 1; y <= h; y++) harmonic += 1.0 / y;
        assertEquals(0.1 * (w - 1) * w / 2 * h + w * harmonic, reduced[0], 1e-6);
    }
}
