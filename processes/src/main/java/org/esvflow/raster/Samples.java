package org.esvflow.raster;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.DataBufferDouble;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Reads a window of one band into an array, like {@link Raster#getSamples}, but straight from the data buffer when
 * the raster uses a component (pixel-interleaved or banded) layout, the case of every tile we read or compute. The
 * generic path costs a few virtual calls per sample, which dominates light per-pixel arithmetic.
 */
public final class Samples {
    private Samples() {}

    /** Samples of {@code band} over the window, row-major, as doubles (unsigned for byte and ushort data). */
    public static double[] doubles(Raster raster, int x, int y, int width, int height, int band, double[] out) {
        double[] values = out != null && out.length >= width * height ? out : new double[width * height];
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)) return raster.getSamples(x, y, width, height, band, values);
        DataBuffer buffer = raster.getDataBuffer();
        int bank = sm.getBankIndices()[band];
        int pixelStride = sm.getPixelStride(), scanline = sm.getScanlineStride();
        int start = start(raster, sm, x, y, band);
        int k = 0;
        if (buffer instanceof DataBufferFloat f) {
            float[] data = f.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else if (buffer instanceof DataBufferByte b) {
            byte[] data = b.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xff;
        } else if (buffer instanceof DataBufferUShort u) {
            short[] data = u.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xffff;
        } else if (buffer instanceof DataBufferShort sh) {
            short[] data = sh.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else if (buffer instanceof DataBufferInt n) {
            int[] data = n.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else if (buffer instanceof DataBufferDouble d) {
            double[] data = d.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else {
            return raster.getSamples(x, y, width, height, band, values);
        }
        return values;
    }

    /**
     * Samples of {@code band} over the window, row-major, as floats (unsigned for byte and ushort data): exact for
     * byte, short, ushort and float data, rounded for int and double data.
     */
    public static float[] floats(Raster raster, int x, int y, int width, int height, int band, float[] out) {
        float[] values = out != null && out.length >= width * height ? out : new float[width * height];
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)) return raster.getSamples(x, y, width, height, band, values);
        DataBuffer buffer = raster.getDataBuffer();
        int bank = sm.getBankIndices()[band];
        int pixelStride = sm.getPixelStride(), scanline = sm.getScanlineStride();
        int start = start(raster, sm, x, y, band);
        int k = 0;
        if (buffer instanceof DataBufferFloat f) {
            float[] data = f.getData(bank);
            if (pixelStride == 1) {
                for (int row = 0; row < height; row++, k += width) System.arraycopy(data, start + row * scanline, values, k, width);
            } else {
                for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
            }
        } else if (buffer instanceof DataBufferByte b) {
            byte[] data = b.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xff;
        } else if (buffer instanceof DataBufferUShort u) {
            short[] data = u.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xffff;
        } else if (buffer instanceof DataBufferShort sh) {
            short[] data = sh.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else {
            return raster.getSamples(x, y, width, height, band, values);
        }
        return values;
    }

    /** Samples of {@code band} over the window, row-major, as ints (unsigned for byte and ushort data). */
    public static int[] ints(Raster raster, int x, int y, int width, int height, int band, int[] out) {
        int[] values = out != null && out.length >= width * height ? out : new int[width * height];
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)) return raster.getSamples(x, y, width, height, band, values);
        DataBuffer buffer = raster.getDataBuffer();
        int bank = sm.getBankIndices()[band];
        int pixelStride = sm.getPixelStride(), scanline = sm.getScanlineStride();
        int start = start(raster, sm, x, y, band);
        int k = 0;
        if (buffer instanceof DataBufferByte b) {
            byte[] data = b.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xff;
        } else if (buffer instanceof DataBufferUShort u) {
            short[] data = u.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i] & 0xffff;
        } else if (buffer instanceof DataBufferShort s) {
            short[] data = s.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else if (buffer instanceof DataBufferInt n) {
            int[] data = n.getData(bank);
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) values[k++] = data[i];
        } else {
            return raster.getSamples(x, y, width, height, band, values);
        }
        return values;
    }

    /**
     * Writes {@code values} (row-major) into {@code band} over the window, like {@link WritableRaster#setSamples}
     * (with the same narrowing: truncation for integral types), straight into float and double buffers.
     */
    public static void put(WritableRaster raster, int x, int y, int width, int height, int band, double[] values) {
        if (raster.getSampleModel() instanceof ComponentSampleModel sm
                && (raster.getDataBuffer() instanceof DataBufferFloat || raster.getDataBuffer() instanceof DataBufferDouble)) {
            DataBuffer buffer = raster.getDataBuffer();
            int bank = sm.getBankIndices()[band];
            int pixelStride = sm.getPixelStride(), scanline = sm.getScanlineStride();
            int start = start(raster, sm, x, y, band);
            int k = 0;
            if (buffer instanceof DataBufferFloat f) {
                float[] data = f.getData(bank);
                for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) data[i] = (float) values[k++];
            } else {
                double[] data = ((DataBufferDouble) buffer).getData(bank);
                for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) data[i] = values[k++];
            }
            return;
        }
        raster.setSamples(x, y, width, height, band, values);
    }

    /** {@link #put(WritableRaster, int, int, int, int, int, double[])} for float values. */
    public static void put(WritableRaster raster, int x, int y, int width, int height, int band, float[] values) {
        if (raster.getSampleModel() instanceof ComponentSampleModel sm && raster.getDataBuffer() instanceof DataBufferFloat f) {
            int bank = sm.getBankIndices()[band];
            int pixelStride = sm.getPixelStride(), scanline = sm.getScanlineStride();
            int start = start(raster, sm, x, y, band);
            float[] data = f.getData(bank);
            int k = 0;
            for (int row = 0; row < height; row++) for (int c = 0, i = start + row * scanline; c < width; c++, i += pixelStride) data[i] = values[k++];
            return;
        }
        raster.setSamples(x, y, width, height, band, values);
    }

    /**
     * Band 0 of a raster as its bank array: the sample at (x + c, y + r) of the window starting at (x, y) is
     * {@code data[start + r * scanline + c]}.
     */
    public record Bank<A>(A data, int start, int scanline) {}

    /** True when band 0 of {@code raster} lies in a byte array, one sample per array element (see {@link #bytes}). */
    public static boolean isByteArray(Raster raster) {
        return raster.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == 1
                && raster.getDataBuffer() instanceof DataBufferByte;
    }

    /** True when band 0 of {@code raster} lies in a float array, one sample per array element (see {@link #floats}). */
    public static boolean isFloatArray(Raster raster) {
        return raster.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == 1
                && raster.getDataBuffer() instanceof DataBufferFloat;
    }

    /** Band 0 of a raster that {@link #isByteArray}, from (x, y) in the raster's coordinates. */
    public static Bank<byte[]> bytes(Raster raster, int x, int y) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData(sm.getBankIndices()[0]);
        return new Bank<>(data, start(raster, sm, x, y, 0), sm.getScanlineStride());
    }

    /** Band 0 of a raster that {@link #isFloatArray}, from (x, y) in the raster's coordinates. */
    public static Bank<float[]> floats(Raster raster, int x, int y) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        float[] data = ((DataBufferFloat) raster.getDataBuffer()).getData(sm.getBankIndices()[0]);
        return new Bank<>(data, start(raster, sm, x, y, 0), sm.getScanlineStride());
    }

    /** Index in its bank of the sample of {@code band} at (x, y), in the raster's coordinates. */
    private static int start(Raster raster, ComponentSampleModel sm, int x, int y, int band) {
        return raster.getDataBuffer().getOffsets()[sm.getBankIndices()[band]]
                + sm.getOffset(x - raster.getSampleModelTranslateX(), y - raster.getSampleModelTranslateY(), band);
    }
}
