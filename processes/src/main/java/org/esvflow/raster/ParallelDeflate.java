package org.esvflow.raster;

import it.geosolutions.imageio.plugins.tiff.BaselineTIFFTagSet;
import it.geosolutions.imageio.plugins.tiff.TIFFCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * TIFF "Deflate" compression (tag 32946, a zlib stream per tile) that compresses each tile in 64 KB chunks on all
 * cores. The TIFF writer hands tiles over one at a time on its own thread, so with the stock compressor a float
 * raster is written at the speed of one core. Chunks are compressed independently, each primed with the 32 KB of
 * input before it and ended with a sync flush, then concatenated into one standard zlib stream (the layout pigz
 * uses); any inflater, GDAL's included, reads it as an ordinary deflate stream.
 *
 * <p>Continuous float rasters (ESV, RSEI, reflectance) barely compress: level 1 keeps about 79 % of an ESV raster's
 * bytes at about 60 MB/s per core, and every later read pays the inflating again. So once {@value #PROBE_BYTES}
 * bytes of a raster have been deflated to more than {@value #INCOMPRESSIBLE} of their size, the remaining tiles are
 * written as stored deflate blocks: still a valid zlib stream for every reader, produced and read at the speed of a
 * copy. The choice depends only on the pixels, so the same raster gives the same file.
 */
final class ParallelDeflate extends TIFFCompressor {
    /** Bytes of input per independently compressed chunk. */
    static final int CHUNK = 64 * 1024;
    /** Deflate's window: the dictionary a chunk is primed with. */
    private static final int WINDOW = 32 * 1024;
    /** Level 1: several times faster than the default on float rasters, for files a few per cent larger. */
    static final int LEVEL = 1;
    /** Bytes deflated before a raster may be judged incompressible (64 float tiles of 256 × 256). */
    static final long PROBE_BYTES = 16L << 20;
    /** Deflated size over input size above which the rest of a raster is stored. */
    static final double INCOMPRESSIBLE = 0.7;

    private final long probeBytes;
    private long probedIn, probedOut; // bytes deflated so far and their deflated size
    private boolean storing;

    ParallelDeflate() {
        this(PROBE_BYTES);
    }

    /** With another probe size (tests). */
    ParallelDeflate(long probeBytes) {
        super("Deflate", BaselineTIFFTagSet.COMPRESSION_DEFLATE, true);
        this.probeBytes = probeBytes;
    }

    /** Called by the TIFF writer's thread, one tile after another. */
    @Override
    public int encode(byte[] b, int off, int width, int height, int[] bitsPerSample, int scanlineStride) throws IOException {
        int length = height * scanlineStride;
        byte[] z = zlib(b, off, length, storing ? Deflater.NO_COMPRESSION : LEVEL);
        if (!storing) {
            probedIn += length;
            probedOut += z.length;
            storing = probedIn >= probeBytes && probedOut > INCOMPRESSIBLE * probedIn;
        }
        stream.write(z);
        return z.length;
    }

    /** True once the raster has been judged incompressible and tiles are stored. */
    boolean storing() {
        return storing;
    }

    /** A zlib stream (RFC 1950) of {@code in[off, off + length)} at level 1, its chunks deflated in parallel. */
    static byte[] zlib(byte[] in, int off, int length) {
        return zlib(in, off, length, LEVEL);
    }

    /** The same at a given level ({@link Deflater#NO_COMPRESSION}: stored blocks). */
    static byte[] zlib(byte[] in, int off, int length, int level) {
        int chunks = Math.max(1, (length + CHUNK - 1) / CHUNK);
        byte[][] parts = new byte[chunks][];
        Parallel.forEach(chunks, i -> parts[i] = chunk(in, off, length, i, i == chunks - 1, level));
        Adler32 adler = new Adler32();
        adler.update(in, off, length);
        long checksum = adler.getValue();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 64);
        out.write(0x78); // deflate, 32 KB window
        out.write(0x01); // fastest level; (0x78 * 256 + 0x01) is a multiple of 31 as RFC 1950 requires
        for (byte[] part : parts) out.writeBytes(part);
        out.write((int) (checksum >>> 24));
        out.write((int) (checksum >>> 16));
        out.write((int) (checksum >>> 8));
        out.write((int) checksum);
        return out.toByteArray();
    }

    /** Raw deflate of chunk {@code i}: primed with the preceding window, ended by a sync flush unless it is the last. */
    private static byte[] chunk(byte[] in, int off, int length, int i, boolean last, int level) {
        int start = off + i * CHUNK, end = Math.min(off + length, start + CHUNK);
        Deflater deflater = new Deflater(level, true);
        try {
            if (i > 0 && level != Deflater.NO_COMPRESSION) {
                int from = Math.max(off, start - WINDOW);
                deflater.setDictionary(in, from, start - from);
            }
            deflater.setInput(in, start, end - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream((end - start) + 64);
            byte[] buffer = new byte[16 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }
}
