package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bulk reads against the JDK's own pixel-by-pixel ones on the same data, for every type and a band subset. */
class BulkBandedSampleModelTest {

    @Test
    void bulkReadsEqualTheInheritedOnes() {
        Random random = new Random(5);
        for (int type : new int[] {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT, DataBuffer.TYPE_INT,
                DataBuffer.TYPE_FLOAT, DataBuffer.TYPE_DOUBLE}) {
            for (int bands : new int[] {1, 3}) {
                BulkBandedSampleModel bulk = new BulkBandedSampleModel(type, 37, 23, bands);
                BandedSampleModel plain = new BandedSampleModel(type, 37, 23, bands);
                // a tile placed at (100, 200), as ComputedImage places them
                WritableRaster raster = Raster.createWritableRaster(bulk, new Point(100, 200));
                for (int b = 0; b < bands; b++) {
                    for (int y = 0; y < 23; y++) {
                        for (int x = 0; x < 37; x++) raster.setSample(100 + x, 200 + y, b, random.nextInt(60_000) - 20_000 + random.nextDouble());
                    }
                }
                DataBuffer data = raster.getDataBuffer();
                String at = "type " + type + ", " + bands + " band(s)";
                int x = 3, y = 5, w = 30, h = 17;
                assertArrayEquals(plain.getPixels(x, y, w, h, (float[]) null, data), bulk.getPixels(x, y, w, h, (float[]) null, data), at);
                assertArrayEquals(plain.getPixels(x, y, w, h, (double[]) null, data), bulk.getPixels(x, y, w, h, (double[]) null, data), at);
                assertArrayEquals(plain.getPixels(x, y, w, h, (int[]) null, data), bulk.getPixels(x, y, w, h, (int[]) null, data), at);
                for (int b = 0; b < bands; b++) {
                    assertArrayEquals(plain.getSamples(x, y, w, h, b, (float[]) null, data), bulk.getSamples(x, y, w, h, b, (float[]) null, data), at);
                    assertArrayEquals(plain.getSamples(x, y, w, h, b, (double[]) null, data), bulk.getSamples(x, y, w, h, b, (double[]) null, data), at);
                    assertArrayEquals(plain.getSamples(x, y, w, h, b, (int[]) null, data), bulk.getSamples(x, y, w, h, b, (int[]) null, data), at);
                }
                // the writer reads a child raster holding only some bands: the subset model keeps the bulk reads
                Raster child = raster.createChild(100, 200, 37, 23, 100, 200, new int[] {bands - 1});
                assertTrue(child.getSampleModel() instanceof BulkBandedSampleModel, at);
                float[] expected = raster.getSamples(100, 200, 37, 23, bands - 1, (float[]) null);
                assertArrayEquals(expected, child.getPixels(100, 200, 37, 23, (float[]) null), at);
                SampleModel compatible = bulk.createCompatibleSampleModel(8, 9);
                assertTrue(compatible instanceof BulkBandedSampleModel && compatible.getWidth() == 8 && compatible.getNumBands() == bands, at);
                assertThrows(ArrayIndexOutOfBoundsException.class, () -> bulk.getPixels(30, 0, 8, 1, (float[]) null, data), at);
            }
        }
    }
}
