package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.Point;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import javax.media.jai.RasterFactory;
import org.junit.jupiter.api.Test;

class SamplesTest {
    static WritableRaster filled(WritableRaster r) {
        for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
            for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++)
                for (int b = 0; b < r.getNumBands(); b++) r.setSample(x, y, b, (x * 13 + y * 7 + b * 101) % 250 + (r.getTransferType() == DataBuffer.TYPE_FLOAT ? 0.5 : 0));
        return r;
    }

    @Test
    void fastPathsEqualRasterGetSamples() {
        Raster[] rasters = {
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_FLOAT, 40, 30, 2, new Point(100, 50))),
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_BYTE, 40, 30, 1, new Point(0, 0))),
            filled(RasterFactory.createInterleavedRaster(DataBuffer.TYPE_BYTE, 40, 30, 3, new Point(7, 9))),
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_USHORT, 40, 30, 1, new Point(0, 0))),
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_SHORT, 40, 30, 1, new Point(0, 0))),
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_INT, 40, 30, 1, new Point(0, 0))),
            filled(RasterFactory.createBandedRaster(DataBuffer.TYPE_DOUBLE, 40, 30, 1, new Point(3, 0))),
        };
        for (Raster r : rasters) {
            // the whole raster, an inner window, and a translated child of a sub-window (as Blocks hands out)
            Raster child = r.createChild(r.getMinX() + 5, r.getMinY() + 4, 20, 10, 0, 0, null);
            for (Raster x : new Raster[] {r, child}) {
                for (int band = 0; band < x.getNumBands(); band++) {
                    int[][] windows = {{x.getMinX(), x.getMinY(), x.getWidth(), x.getHeight()}, {x.getMinX() + 2, x.getMinY() + 3, 7, 5}};
                    for (int[] w : windows) {
                        assertArrayEquals(x.getSamples(w[0], w[1], w[2], w[3], band, (double[]) null),
                                Samples.doubles(x, w[0], w[1], w[2], w[3], band, null), 0);
                        assertArrayEquals(x.getSamples(w[0], w[1], w[2], w[3], band, (int[]) null),
                                Samples.ints(x, w[0], w[1], w[2], w[3], band, null));
                        assertArrayEquals(x.getSamples(w[0], w[1], w[2], w[3], band, (float[]) null),
                                Samples.floats(x, w[0], w[1], w[2], w[3], band, null), 0);
                    }
                }
            }
        }
    }

    @Test
    void putEqualsWritableRasterSetSamples() {
        for (int type : new int[] {DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE, DataBuffer.TYPE_BYTE}) {
            java.awt.image.WritableRaster expected = RasterFactory.createBandedRaster(type, 40, 30, 2, new Point(100, 50));
            java.awt.image.WritableRaster actual = RasterFactory.createBandedRaster(type, 40, 30, 2, new Point(100, 50));
            java.awt.image.WritableRaster child = actual.createWritableChild(105, 54, 20, 10, 0, 0, null);
            java.awt.image.WritableRaster expectedChild = expected.createWritableChild(105, 54, 20, 10, 0, 0, null);
            double[] values = new double[7 * 5];
            float[] floats = new float[7 * 5];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 1.25 + 0.1;
                floats[i] = (float) (i * 0.75);
            }
            expectedChild.setSamples(2, 3, 7, 5, 1, values);
            Samples.put(child, 2, 3, 7, 5, 1, values);
            expectedChild.setSamples(10, 1, 7, 5, 0, floats);
            Samples.put(child, 10, 1, 7, 5, 0, floats);
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(expected.getSamples(100, 50, 40, 30, b, (double[]) null),
                        actual.getSamples(100, 50, 40, 30, b, (double[]) null), 0, "type " + type + " band " + b);
            }
        }
    }
}
