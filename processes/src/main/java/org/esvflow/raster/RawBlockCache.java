package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Decoded samples of several aligned bands kept as float32 in one temporary file, so that a multi-pass computation
 * decodes (inflates) its compressed inputs once and reads them back with a positional read in every later pass.
 *
 * <p>Layout: the {@link Blocks#BLOCK}-sized blocks of the grid (edge blocks smaller) one after another in row-major
 * order; within a block, band after band, each band row-major, in the platform's byte order. A block's bands are thus
 * one contiguous region, at an offset computed from its position since every block row above it is full height.
 * Only whole blocks are stored and read; {@code put} and {@code read} may be called from any number of threads.
 *
 * <p>Lifetime: the file is opened {@link StandardOpenOption#DELETE_ON_CLOSE}, which on Unix unlinks it at once (the
 * space stays in use while the channel is open, and the system frees it even if the JVM is killed) and on Windows
 * deletes it when the last handle closes, including at process death. The channel is closed by {@link #close()} or,
 * once nothing can read the cache any longer, by a {@link Cleaner}: lazily computed outputs that read it decide
 * how long it must live, and they are dropped, never disposed, by whoever writes them.
 */
public final class RawBlockCache implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final int width, height, bands, cols;
    private final FileChannel channel;
    private final Path file;
    /** 1 at {@code block * bands + band} once that band of that block is completely written. */
    private final AtomicIntegerArray stored;
    /** Direct buffers of one whole block, handed to one reader or writer at a time. */
    private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();
    private final Release release;
    private volatile boolean writeFailed;
    private final Cleaner.Cleanable cleanable;

    private RawBlockCache(Path file, FileChannel channel, int width, int height, int bands) {
        this.file = file;
        this.channel = channel;
        this.width = width;
        this.height = height;
        this.bands = bands;
        this.cols = Blocks.ceilDiv(width, Blocks.BLOCK);
        this.stored = new AtomicIntegerArray(Math.multiplyExact(Math.multiplyExact(cols, Blocks.ceilDiv(height, Blocks.BLOCK)), bands));
        this.release = new Release(channel, file);
        this.cleanable = CLEANER.register(this, release);
    }

    /**
     * An empty cache for a {@code width × height} grid of {@code bands} bands, in a new file of {@code directory}
     * whose name starts with {@code prefix}.
     */
    public static RawBlockCache create(Path directory, String prefix, int width, int height, int bands) throws IOException {
        if (width <= 0 || height <= 0 || bands <= 0) {
            throw new IllegalArgumentException("empty cache: " + width + "×" + height + "×" + bands);
        }
        Path file = Files.createTempFile(directory, prefix, ".raw");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            return new RawBlockCache(file, channel, width, height, bands);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Size of the file once every block is stored. */
    public static long bytes(int width, int height, int bands) {
        return (long) width * height * bands * Float.BYTES;
    }

    /** True when every sample of this data type is stored exactly as a float32. */
    public static boolean storesExactly(int dataType) {
        return dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_BYTE
                || dataType == DataBuffer.TYPE_SHORT || dataType == DataBuffer.TYPE_USHORT;
    }

    public int bands() {
        return bands;
    }

    /** True once {@code band} of the block {@code bounds} has been stored (false after {@link #close()}). */
    public boolean holds(Rectangle bounds, int band) {
        return !release.closed && stored.get(index(bounds, band)) == 1;
    }

    /** Stores one band of a block: {@code samples} row-major over {@code bounds}. */
    public void put(Rectangle bounds, int band, float[] samples) {
        int index = index(bounds, band);
        int n = bounds.width * bounds.height;
        ByteBuffer buffer = buffer();
        try {
            buffer.asFloatBuffer().put(samples, 0, n);
            buffer.limit(n * Float.BYTES);
            write(buffer, offset(bounds) + (long) band * n * Float.BYTES);
        } finally {
            recycle(buffer);
        }
        stored.set(index, 1);
    }

    /**
     * Like {@link #put(Rectangle, int, float[])} but best effort: false, and nothing stored from then on, once a write
     * has failed (a full disk, say), so that callers keep decoding their inputs instead of failing.
     */
    public boolean offer(Rectangle bounds, int band, float[] samples) {
        if (writeFailed || release.closed) return false;
        try {
            put(bounds, band, samples);
            return true;
        } catch (UncheckedIOException e) {
            if (!writeFailed) {
                writeFailed = true;
                System.getLogger(RawBlockCache.class.getName()).log(System.Logger.Level.WARNING,
                        "block cache " + file + " no longer written; inputs are decoded again", e);
            }
            return false;
        }
    }

    /**
     * Stores every band of a block at once: band 0 of {@code rasters[b]} over {@code bounds} (image coordinates) is
     * band {@code b}. Each raster must be of a type {@link #storesExactly stored exactly}.
     */
    public void put(Rectangle bounds, Raster[] rasters) {
        if (rasters.length != bands) throw new IllegalArgumentException(rasters.length + " rasters for " + bands + " bands");
        int first = index(bounds, 0);
        int n = bounds.width * bounds.height;
        float[] samples = new float[n];
        ByteBuffer buffer = buffer();
        try {
            for (int b = 0; b < bands; b++) {
                int type = rasters[b].getSampleModel().getDataType();
                if (!storesExactly(type)) throw new IllegalArgumentException("band " + b + ": data type " + type + " is not stored exactly as float32");
                Samples.floats(rasters[b], bounds.x, bounds.y, bounds.width, bounds.height, 0, samples);
                buffer.position(b * n * Float.BYTES);
                buffer.asFloatBuffer().put(samples, 0, n);
            }
            buffer.position(0).limit(bands * n * Float.BYTES);
            write(buffer, offset(bounds));
        } finally {
            recycle(buffer);
        }
        for (int b = 0; b < bands; b++) stored.set(first + b, 1);
    }

    /** One stored band of a block, as a float raster located at {@code bounds}. */
    public WritableRaster read(Rectangle bounds, int band) {
        requireStored(bounds, band);
        int n = bounds.width * bounds.height;
        float[] samples = new float[n];
        ByteBuffer buffer = buffer();
        try {
            buffer.limit(n * Float.BYTES);
            read(buffer, offset(bounds) + (long) band * n * Float.BYTES);
            buffer.flip();
            buffer.asFloatBuffer().get(samples);
        } finally {
            recycle(buffer);
        }
        return raster(bounds, samples);
    }

    /** Every band of a stored block (one read): element {@code b} is band {@code b}, a float raster at {@code bounds}. */
    public WritableRaster[] read(Rectangle bounds) {
        for (int b = 0; b < bands; b++) requireStored(bounds, b);
        int n = bounds.width * bounds.height;
        WritableRaster[] rasters = new WritableRaster[bands];
        ByteBuffer buffer = buffer();
        try {
            buffer.limit(bands * n * Float.BYTES);
            read(buffer, offset(bounds));
            for (int b = 0; b < bands; b++) {
                float[] samples = new float[n];
                buffer.position(b * n * Float.BYTES);
                buffer.asFloatBuffer().get(samples);
                rasters[b] = raster(bounds, samples);
            }
        } finally {
            recycle(buffer);
        }
        return rasters;
    }

    /** Closes and deletes the file; later {@link #holds} answers false. Safe to call more than once. */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** The file's path (already unlinked on Unix while the cache is open). */
    public Path file() {
        return file;
    }

    /** Bytes in the file so far: its end is the end of the last block written. */
    long size() throws IOException {
        return channel.size();
    }

    /** A one-band float raster located at {@code bounds} over {@code samples} (row-major). */
    static WritableRaster raster(Rectangle bounds, float[] samples) {
        return Raster.createWritableRaster(new BandedSampleModel(DataBuffer.TYPE_FLOAT, bounds.width, bounds.height, 1),
                new DataBufferFloat(samples, samples.length), new Point(bounds.x, bounds.y));
    }

    private void requireStored(Rectangle bounds, int band) {
        if (!holds(bounds, band)) throw new IllegalStateException("band " + band + " of block " + bounds + " is not stored");
    }

    /** Index of a band of the block {@code bounds}, which must be one whole block of the grid. */
    private int index(Rectangle bounds, int band) {
        int b = Blocks.BLOCK;
        if (bounds.x < 0 || bounds.y < 0 || bounds.x % b != 0 || bounds.y % b != 0 || bounds.x >= width || bounds.y >= height
                || bounds.width != Math.min(b, width - bounds.x) || bounds.height != Math.min(b, height - bounds.y)) {
            throw new IllegalArgumentException(bounds + " is not a block of the " + width + "×" + height + " grid");
        }
        if (band < 0 || band >= bands) throw new IndexOutOfBoundsException("band " + band + " of " + bands);
        return ((bounds.y / b) * cols + bounds.x / b) * bands + band;
    }

    /** Byte offset of a block: the block rows above it are full height, the blocks left of it are full width. */
    private long offset(Rectangle bounds) {
        return ((long) bounds.y * width + (long) bounds.x * bounds.height) * bands * Float.BYTES;
    }

    private ByteBuffer buffer() {
        ByteBuffer buffer = buffers.poll();
        if (buffer == null) buffer = ByteBuffer.allocateDirect(Blocks.BLOCK * Blocks.BLOCK * bands * Float.BYTES).order(ByteOrder.nativeOrder());
        return buffer.clear();
    }

    private void recycle(ByteBuffer buffer) {
        buffers.add(buffer);
    }

    private void write(ByteBuffer buffer, long position) {
        try {
            for (long at = position; buffer.hasRemaining(); ) at += channel.write(buffer, at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the block cache " + file, e);
        }
    }

    private void read(ByteBuffer buffer, long position) {
        try {
            for (long at = position; buffer.hasRemaining(); ) {
                int n = channel.read(buffer, at);
                if (n < 0) throw new EOFException("block cache ended at " + at);
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the block cache " + file, e);
        }
    }

    /** Closes the channel (which deletes the file) and removes the name if it is still there; holds no cache. */
    private static final class Release implements Runnable {
        private final FileChannel channel;
        private final Path file;
        volatile boolean closed;

        Release(FileChannel channel, Path file) {
            this.channel = channel;
            this.file = file;
        }

        @Override
        public void run() {
            closed = true;
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // reported to a caller of close(); the Cleaner's thread ignores it (the descriptor is released anyway)
                throw new UncheckedIOException("cannot delete the block cache " + file, e);
            }
        }
    }
}
