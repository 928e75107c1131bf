package org.esvflow.raster;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.SampleModel;

/**
 * A banded sample model (one bank per band, pixel stride 1, the layout of {@code java.awt.image.BandedSampleModel},
 * which is final) whose bulk reads of one band copy rows instead of going pixel by pixel.
 *
 * <p>The TIFF writer takes every tile's samples with {@code Raster.getPixels}, which the JDK's models inherit from
 * {@link SampleModel}: a virtual call per pixel and per sample, on the writer's single thread. For a
 * 240 Mpx float raster that loop alone took several seconds of every write. The tiles of {@link ComputedImage} use
 * this model; results are the same samples, only copied row by row.
 */
final class BulkBandedSampleModel extends ComponentSampleModel {

    BulkBandedSampleModel(int dataType, int width, int height, int bands) {
        this(dataType, width, height, width, identity(bands), new int[bands]);
    }

    private BulkBandedSampleModel(int dataType, int width, int height, int scanlineStride, int[] bankIndices, int[] bandOffsets) {
        super(dataType, width, height, 1, scanlineStride, bankIndices, bandOffsets);
    }

    private static int[] identity(int n) {
        int[] banks = new int[n];
        for (int i = 0; i < n; i++) banks[i] = i;
        return banks;
    }

    @Override
    public SampleModel createCompatibleSampleModel(int w, int h) {
        return new BulkBandedSampleModel(dataType, w, h, numBands);
    }

    @Override
    public SampleModel createSubsetSampleModel(int[] bands) {
        int[] banks = new int[bands.length], offsets = new int[bands.length];
        for (int i = 0; i < bands.length; i++) {
            banks[i] = bankIndices[bands[i]];
            offsets[i] = bandOffsets[bands[i]];
        }
        return new BulkBandedSampleModel(dataType, width, height, scanlineStride, banks, offsets);
    }

    @Override
    public float[] getPixels(int x, int y, int w, int h, float[] out, DataBuffer data) {
        return numBands == 1 ? getSamples(x, y, w, h, 0, out, data) : super.getPixels(x, y, w, h, out, data);
    }

    @Override
    public double[] getPixels(int x, int y, int w, int h, double[] out, DataBuffer data) {
        return numBands == 1 ? getSamples(x, y, w, h, 0, out, data) : super.getPixels(x, y, w, h, out, data);
    }

    @Override
    public int[] getPixels(int x, int y, int w, int h, int[] out, DataBuffer data) {
        return numBands == 1 ? getSamples(x, y, w, h, 0, out, data) : super.getPixels(x, y, w, h, out, data);
    }

    @Override
    public float[] getSamples(int x, int y, int w, int h, int b, float[] out, DataBuffer data) {
        if (!inside(x, y, w, h, b) || !(data instanceof DataBufferFloat f)) return super.getSamples(x, y, w, h, b, out, data);
        float[] bank = f.getData(bankIndices[b]);
        float[] result = out != null ? out : new float[w * h];
        int start = start(x, y, b, data);
        for (int row = 0; row < h; row++) System.arraycopy(bank, start + row * scanlineStride, result, row * w, w);
        return result;
    }

    @Override
    public double[] getSamples(int x, int y, int w, int h, int b, double[] out, DataBuffer data) {
        if (!inside(x, y, w, h, b)) return super.getSamples(x, y, w, h, b, out, data);
        double[] result = out != null ? out : new double[w * h];
        int start = start(x, y, b, data);
        if (data instanceof DataBufferDouble d) {
            double[] bank = d.getData(bankIndices[b]);
            for (int row = 0; row < h; row++) System.arraycopy(bank, start + row * scanlineStride, result, row * w, w);
        } else if (data instanceof DataBufferFloat f) {
            float[] bank = f.getData(bankIndices[b]);
            for (int row = 0, k = 0; row < h; row++) {
                for (int i = start + row * scanlineStride, end = i + w; i < end; i++) result[k++] = bank[i];
            }
        } else {
            return super.getSamples(x, y, w, h, b, out, data);
        }
        return result;
    }

    @Override
    public int[] getSamples(int x, int y, int w, int h, int b, int[] out, DataBuffer data) {
        if (!inside(x, y, w, h, b)) return super.getSamples(x, y, w, h, b, out, data);
        int[] result = out != null ? out : new int[w * h];
        int start = start(x, y, b, data), bank = bankIndices[b];
        if (data instanceof DataBufferByte d) {
            byte[] s = d.getData(bank);
            for (int row = 0, k = 0; row < h; row++) {
                for (int i = start + row * scanlineStride, end = i + w; i < end; i++) result[k++] = s[i] & 0xff;
            }
        } else if (data instanceof DataBufferUShort d) {
            short[] s = d.getData(bank);
            for (int row = 0, k = 0; row < h; row++) {
                for (int i = start + row * scanlineStride, end = i + w; i < end; i++) result[k++] = s[i] & 0xffff;
            }
        } else if (data instanceof DataBufferShort d) {
            short[] s = d.getData(bank);
            for (int row = 0, k = 0; row < h; row++) {
                for (int i = start + row * scanlineStride, end = i + w; i < end; i++) result[k++] = s[i];
            }
        } else if (data instanceof DataBufferInt d) {
            int[] s = d.getData(bank);
            for (int row = 0; row < h; row++) System.arraycopy(s, start + row * scanlineStride, result, row * w, w);
        } else {
            return super.getSamples(x, y, w, h, b, out, data);
        }
        return result;
    }

    /** Inside this model's bounds (otherwise the inherited methods throw as specified). */
    private boolean inside(int x, int y, int w, int h, int b) {
        return x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && y + h <= height && b >= 0 && b < numBands;
    }

    /** Index in its bank of sample (x, y) of band b. */
    private int start(int x, int y, int b, DataBuffer data) {
        return data.getOffsets()[bankIndices[b]] + bandOffsets[b] + y * scanlineStride + x;
    }
}
