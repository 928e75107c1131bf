package org.esvflow.raster;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.esvflow.process.InvalidInputException;

/**
 * Checks the layout a TIFF (or BigTIFF) declares before any image reader is built: for every image file directory
 * (IFD) the dimensions, the number of tiles or strips, the decoded size of one tile or strip, and that every block's
 * offset and byte count lie inside the file. A file declaring (2^31 - 1)^2 pixels in 4 KB, a strip that inflates to
 * gigabytes, or a file truncated after writing is refused here with a message naming the input, instead of sending
 * the reader into an endless loop, an OutOfMemoryError, or reading the missing blocks as zeros.
 *
 * <p>Pure and small: reads the header, the IFD entries and the offset/byte-count arrays (streamed, never held), by
 * position; no pixel is decoded. Blocks with offset 0 and byte count 0 (GDAL's sparse files) are accepted.
 */
public final class TiffLayout {
    /** Limits of {@link #check}; both are hard caps in the unit named. */
    public record Limits(long maxPixels, long maxBlockBytes) {
        /**
         * Defaults for local files (the CLI, the pipeline): no pixel cap beyond what the layout allows, 256 MiB for
         * one decoded tile or strip (a 8192 × 8192 float32 strip; GDAL writes 8 KB strips and 256² tiles).
         */
        public static final Limits DEFAULT = new Limits(Long.MAX_VALUE, 256L << 20);
    }

    /**
     * The first image's declared size and organisation, its GeoKeyDirectory (tag 34735: the version header and one
     * {key, location, count, value} entry per key) and GeoDoubleParams (tag 34736), each empty when the file has none.
     */
    public record Info(long width, long height, int samplesPerPixel, int bitsPerSample, boolean tiled, long blockWidth,
                       long blockHeight, long blocks, int compression, int[] geoKeys, double[] geoDoubles) {
        public long pixels() {
            return width * height;
        }
    }

    private static final int MAX_IFDS = 64;
    private static final int MAX_ENTRIES = 4096;

    private TiffLayout() {}

    /**
     * Checks {@code file} and returns its first image's layout; an {@link InvalidInputException} naming {@code input}
     * when the layout is inconsistent, exceeds {@code limits}, or points outside the file.
     */
    public static Info check(File file, String input, Limits limits) {
        try (FileChannel ch = FileChannel.open(file.toPath(), StandardOpenOption.READ)) {
            return new Reader(ch, input, limits).read();
        } catch (EOFException e) {
            throw new InvalidInputException(input, file.getName() + " is truncated: its TIFF directory ends past the end of the file");
        } catch (IOException e) {
            throw new InvalidInputException(input, file.getName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** One pass over the IFD chain of an open file. */
    private static final class Reader {
        private final FileChannel ch;
        private final String input;
        private final Limits limits;
        private final long length;
        private ByteOrder order;
        private boolean big;

        Reader(FileChannel ch, String input, Limits limits) throws IOException {
            this.ch = ch;
            this.input = input;
            this.limits = limits;
            this.length = ch.size();
        }

        private InvalidInputException bad(String message) {
            return new InvalidInputException(input, message);
        }

        Info read() throws IOException {
            ByteBuffer head = at(0, 16 > length ? (int) Math.min(length, 16) : 16);
            if (head.remaining() < 8) throw bad("not a TIFF file (" + length + " bytes)");
            short bom = head.getShort(0);
            if (bom == 0x4949) order = ByteOrder.LITTLE_ENDIAN;
            else if (bom == 0x4D4D) order = ByteOrder.BIG_ENDIAN;
            else throw bad("not a TIFF file (no byte-order mark)");
            head.order(order);
            int magic = head.getShort(2) & 0xFFFF;
            long ifd;
            if (magic == 42) {
                ifd = head.getInt(4) & 0xFFFFFFFFL;
            } else if (magic == 43) {
                if (head.remaining() < 16) throw bad("not a BigTIFF file (truncated header)");
                big = true;
                ifd = head.getLong(8);
            } else {
                throw bad("not a TIFF file (magic number " + magic + ")");
            }
            Info first = null;
            Set<Long> seen = new HashSet<>();
            for (int n = 0; ifd != 0; n++) {
                if (n == MAX_IFDS) throw bad("more than " + MAX_IFDS + " images in one TIFF");
                if (!seen.add(ifd)) throw bad("the TIFF's directories form a loop");
                Ifd d = ifd(ifd);
                Info info = validate(d, n);
                if (first == null) first = info;
                ifd = d.next;
            }
            if (first == null) throw bad("the TIFF holds no image");
            return first;
        }

        /** The entries this check needs, with array values left in the file (offset, count, type). */
        private static final class Ifd {
            long width = -1, height = -1, rowsPerStrip = -1, tileWidth = -1, tileHeight = -1;
            int samples = 1, planar = 1, compression = 1, bits = 1;
            Array offsets, counts;
            int[] geoKeys = new int[0];
            double[] geoDoubles = new double[0];
            long next;
        }

        private record Array(int type, long count, long pos) {}

        private Ifd ifd(long pos) throws IOException {
            int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, nextSize = big ? 8 : 4;
            if (pos < 8) throw bad("a TIFF directory lies outside the file (offset " + pos + ")");
            if (pos + countSize > length) {
                throw bad("the TIFF directory at offset " + pos + " lies past the end of the file (" + length + " bytes): truncated");
            }
            ByteBuffer c = at(pos, countSize);
            long entries = big ? c.getLong(0) : c.getShort(0) & 0xFFFF;
            if (entries < 1 || entries > MAX_ENTRIES) throw bad("a TIFF directory declares " + entries + " entries");
            long size = entries * entrySize + nextSize;
            if (pos + countSize + size > length) throw bad("a TIFF directory ends past the end of the file: truncated");
            ByteBuffer b = at(pos + countSize, (int) size);
            Ifd d = new Ifd();
            for (int i = 0; i < entries; i++) {
                int at = i * entrySize;
                int tag = b.getShort(at) & 0xFFFF;
                int type = b.getShort(at + 2) & 0xFFFF;
                long count = big ? b.getLong(at + 4) : b.getInt(at + 4) & 0xFFFFFFFFL;
                int valueAt = at + (big ? 12 : 8);
                int typeSize = typeSize(type);
                boolean inline = typeSize > 0 && count * typeSize <= (big ? 8 : 4);
                long valuePos = inline ? pos + countSize + valueAt
                        : big ? b.getLong(valueAt) : b.getInt(valueAt) & 0xFFFFFFFFL;
                // every value kept outside the directory (arrays, strings, GeoKeys) must lie inside the file: a file
                // whose directory sits at its end is truncated when only these values are cut
                if (!inline && typeSize > 0 && (valuePos < 8 || count > (length - valuePos) / typeSize)) {
                    throw bad("the values of TIFF tag " + tag + " lie past the end of the file: truncated");
                }
                switch (tag) {
                    case 256 -> d.width = scalar(b, valueAt, type, count, "ImageWidth");
                    case 257 -> d.height = scalar(b, valueAt, type, count, "ImageLength");
                    case 258 -> d.bits = (int) Math.min(Integer.MAX_VALUE, firstOf(b, valueAt, type, count, inline, valuePos, "BitsPerSample"));
                    case 259 -> d.compression = (int) scalar(b, valueAt, type, count, "Compression");
                    case 273, 324 -> d.offsets = array(type, count, valuePos, inline, tag == 273 ? "StripOffsets" : "TileOffsets");
                    case 277 -> d.samples = (int) Math.min(Integer.MAX_VALUE, scalar(b, valueAt, type, count, "SamplesPerPixel"));
                    case 278 -> d.rowsPerStrip = scalar(b, valueAt, type, count, "RowsPerStrip");
                    case 279, 325 -> d.counts = array(type, count, valuePos, inline, tag == 279 ? "StripByteCounts" : "TileByteCounts");
                    case 284 -> d.planar = (int) scalar(b, valueAt, type, count, "PlanarConfiguration");
                    case 322 -> d.tileWidth = scalar(b, valueAt, type, count, "TileWidth");
                    case 323 -> d.tileHeight = scalar(b, valueAt, type, count, "TileLength");
                    case 34735 -> d.geoKeys = geoKeys(b, valueAt, type, count, inline, valuePos);
                    case 34736 -> d.geoDoubles = geoDoubles(b, valueAt, type, count, inline, valuePos);
                    default -> { }
                }
            }
            int nextAt = (int) (entries * entrySize);
            d.next = big ? b.getLong(nextAt) : b.getInt(nextAt) & 0xFFFFFFFFL;
            return d;
        }

        private Info validate(Ifd d, int index) throws IOException {
            String which = index == 0 ? "the image" : "image " + (index + 1) + " of the TIFF";
            if (d.width < 1 || d.height < 1) throw bad(which + " has no width or height");
            if (d.width > Integer.MAX_VALUE || d.height > Integer.MAX_VALUE) {
                throw bad(which + " declares " + d.width + " × " + d.height + " pixels, more than a raster can hold");
            }
            if (d.samples < 1 || d.samples > 65_535) throw bad(which + " declares " + d.samples + " samples per pixel");
            if (d.bits < 1 || d.bits > 64) throw bad(which + " declares " + d.bits + " bits per sample");
            if (d.planar != 1 && d.planar != 2) throw bad(which + " has an unknown PlanarConfiguration " + d.planar);
            long pixels = d.width * d.height; // < 2^62
            if (index == 0 && pixels > limits.maxPixels()) {
                throw bad(which + ": " + d.width + " × " + d.height + " = " + pixels + " pixels exceed the limit of "
                        + limits.maxPixels());
            }
            boolean tiled = d.tileWidth >= 0 || d.tileHeight >= 0;
            long bw, bh;
            if (tiled) {
                if (d.tileWidth < 1 || d.tileHeight < 1) throw bad(which + " is tiled without a tile width and length");
                bw = d.tileWidth;
                bh = d.tileHeight;
            } else {
                bw = d.width;
                bh = d.rowsPerStrip < 1 ? d.height : Math.min(d.rowsPerStrip, d.height);
            }
            if (bw > Integer.MAX_VALUE || bh > Integer.MAX_VALUE) throw bad(which + " declares blocks of " + bw + " × " + bh + " pixels");
            long across = ceilDiv(d.width, bw), down = ceilDiv(d.height, bh);
            int planes = d.planar == 2 ? d.samples : 1;
            long blocks = across * down * planes; // across·down ≤ pixels < 2^62, planes < 2^16: may overflow, checked
            if (blocks / planes != across * down) throw bad(which + " declares too many blocks");
            long samplesPerBlockPixel = d.planar == 2 ? 1 : d.samples;
            long blockBytes; // bw·bh < 2^62; times samples·bits may overflow
            try {
                blockBytes = ceilDiv(Math.multiplyExact(bw * bh, samplesPerBlockPixel * d.bits), 8);
            } catch (ArithmeticException e) {
                blockBytes = Long.MAX_VALUE;
            }
            if (blockBytes > limits.maxBlockBytes()) {
                throw bad(which + ": one " + (tiled ? "tile" : "strip") + " of " + bw + " × " + bh
                        + " pixels decodes to more than the limit of " + limits.maxBlockBytes() + " bytes");
            }
            String kind = tiled ? "tile" : "strip";
            if (d.offsets == null || d.counts == null) throw bad(which + " has no " + kind + " offsets or byte counts");
            if (d.offsets.count() < blocks || d.counts.count() < blocks) {
                throw bad(which + " declares " + d.offsets.count() + " " + kind + " offsets and " + d.counts.count()
                        + " byte counts for " + blocks + " " + kind + "s");
            }
            checkBlocks(d, which, kind, blockBytes, bw, bh, across, down);
            return new Info(d.width, d.height, d.samples, d.bits, tiled, bw, bh, blocks, d.compression, d.geoKeys, d.geoDoubles);
        }

        /** Streams both arrays: every block inside the file; uncompressed blocks hold their decoded size. */
        private void checkBlocks(Ifd d, String which, String kind, long blockBytes, long bw, long bh, long across,
                                 long down) throws IOException {
            int chunk = 8192;
            for (long i = 0; i < d.offsets.count(); i += chunk) {
                int n = (int) Math.min(chunk, d.offsets.count() - i);
                long[] offsets = values(d.offsets, i, n);
                long[] counts = values(d.counts, i, n);
                for (int k = 0; k < n; k++) {
                    long off = offsets[k], count = counts[k];
                    if (off == 0 && count == 0) continue; // sparse block: GDAL's SPARSE_OK
                    if (off < 8 || count < 0 || off > length || count > length - off) {
                        throw bad(which + " is truncated or corrupt: " + kind + " " + (i + k) + " (" + count
                                + " bytes at offset " + off + ") lies past the end of the file (" + length + " bytes)");
                    }
                    if (d.compression == 1) {
                        long need = blockBytes;
                        if (!"tile".equals(kind)) { // the last strip of a plane may be shorter
                            long row = ((i + k) % down) * bh;
                            need = ceilDiv(bw * Math.min(bh, d.height - row) * (d.planar == 2 ? 1 : d.samples) * d.bits, 8);
                        }
                        if (count < need) {
                            throw bad(which + " is truncated or corrupt: uncompressed " + kind + " " + (i + k) + " holds "
                                    + count + " of its " + need + " bytes");
                        }
                    }
                }
            }
        }

        private Array array(int type, long count, long pos, boolean inline, String name) {
            if (type != 3 && type != 4 && type != 16) throw bad(name + " has TIFF type " + type);
            long bytes = count * typeSize(type);
            if (!inline && (count > length || pos < 8 || pos > length || bytes > length - pos)) {
                throw bad(name + ": " + count + " values declared at offset " + pos + " do not fit in the file ("
                        + length + " bytes)");
            }
            return new Array(type, count, pos);
        }

        private long[] values(Array a, long from, int n) throws IOException {
            int size = typeSize(a.type());
            ByteBuffer b = at(a.pos() + from * size, n * size);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = switch (a.type()) {
                    case 3 -> b.getShort(i * 2) & 0xFFFF;
                    case 4 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                    default -> b.getLong(i * 8);
                };
            }
            return out;
        }

        private long scalar(ByteBuffer b, int at, int type, long count, String name) {
            if (count != 1) throw bad(name + " holds " + count + " values instead of one");
            return switch (type) {
                case 1 -> b.get(at) & 0xFF;
                case 3 -> b.getShort(at) & 0xFFFF;
                case 4 -> b.getInt(at) & 0xFFFFFFFFL;
                case 16 -> b.getLong(at);
                default -> throw bad(name + " has TIFF type " + type);
            };
        }

        /**
         * The GeoKeyDirectory's SHORT values (4 per key, at most 4 096 keys), inline or elsewhere in the file; empty
         * when it is not such an array (left to GeoTools' reader, which reports it).
         */
        private int[] geoKeys(ByteBuffer b, int at, int type, long count, boolean inline, long pos) throws IOException {
            if (type != 3 || count < 4 || count > 4 * 4097) return new int[0];
            ByteBuffer values = inline ? b : at(pos, (int) count * 2);
            int base = inline ? at : 0;
            int[] out = new int[(int) count];
            for (int i = 0; i < out.length; i++) out[i] = values.getShort(base + 2 * i) & 0xFFFF;
            return out;
        }

        /** The GeoDoubleParams (at most 4 096), inline or elsewhere in the file; empty when not a DOUBLE array. */
        private double[] geoDoubles(ByteBuffer b, int at, int type, long count, boolean inline, long pos) throws IOException {
            if (type != 12 || count < 1 || count > 4096) return new double[0];
            ByteBuffer values = inline ? b : at(pos, (int) count * 8);
            int base = inline ? at : 0;
            double[] out = new double[(int) count];
            for (int i = 0; i < out.length; i++) out[i] = values.getDouble(base + 8 * i);
            return out;
        }

        /** The first value of a SHORT array (BitsPerSample), inline or elsewhere in the file. */
        private long firstOf(ByteBuffer b, int at, int type, long count, boolean inline, long pos, String name)
                throws IOException {
            if (type != 3 || count < 1) throw bad(name + " has TIFF type " + type + " and " + count + " values");
            if (inline) return b.getShort(at) & 0xFFFF;
            if (pos < 8 || pos + 2 > length) throw bad(name + " lies outside the file");
            return at(pos, 2).getShort(0) & 0xFFFF;
        }

        private ByteBuffer at(long pos, int size) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(size);
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) throw new EOFException();
            }
            b.flip();
            return order == null ? b : b.order(order);
        }

        private static int typeSize(int type) {
            return switch (type) {
                case 1, 2, 6, 7 -> 1;
                case 3, 8 -> 2;
                case 4, 9, 11, 13 -> 4;
                case 5, 10, 12, 16, 17, 18 -> 8;
                default -> 0;
            };
        }

        private static long ceilDiv(long a, long b) {
            return (a + b - 1) / b;
        }
    }
}
