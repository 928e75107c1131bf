package org.esvflow.server.catalog;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that a TIFF (classic or BigTIFF) is whole: every image file directory, and every tile or strip its
 * offsets and byte counts name, lies inside the file. A file cut short (a copy interrupted, a disk full) fails here
 * instead of being decoded with its missing tiles read as zeros. Reads only the directories and their offset
 * arrays, never pixel data.
 */
final class TiffLayout {
    private static final int STRIP_OFFSETS = 273;
    private static final int STRIP_BYTE_COUNTS = 279;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTE_COUNTS = 325;
    /** Directories followed at most (full image plus overviews): a loop or a forged chain ends here. */
    private static final int MAX_DIRECTORIES = 64;
    /** Tiles or strips per directory at most: 2²⁴ tiles of 256² pixels are 2⁴⁰ pixels. */
    private static final long MAX_BLOCKS = 1L << 24;

    private TiffLayout() {}

    /** Throws an {@link IOException} saying what lies outside the file; returns the number of directories. */
    static int check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            ByteBuffer head = read(ch, 0, 16, length, "header");
            ByteOrder order = switch (head.getShort(0)) {
                case 0x4949 -> ByteOrder.LITTLE_ENDIAN;
                case 0x4D4D -> ByteOrder.BIG_ENDIAN;
                default -> throw new IOException("not a TIFF file");
            };
            head.order(order);
            int magic = head.getShort(2) & 0xFFFF;
            boolean big = magic == 43;
            if (!big && magic != 42) throw new IOException("not a TIFF file");
            long ifd = big ? head.getLong(8) : head.getInt(4) & 0xFFFFFFFFL;
            Set<Long> seen = new HashSet<>();
            int n = 0;
            while (ifd != 0) {
                if (++n > MAX_DIRECTORIES || !seen.add(ifd)) throw new IOException("directory chain loops or is too long");
                ifd = directory(ch, ifd, length, big, order, n);
            }
            if (n == 0) throw new IOException("no image directory");
            return n;
        }
    }

    /** Checks one directory's blocks; returns the offset of the next directory (0 at the end). */
    private static long directory(FileChannel ch, long at, long length, boolean big, ByteOrder order, int n)
            throws IOException {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        long entries = big ? read(ch, at, 8, length, "directory " + n).order(order).getLong(0)
                : read(ch, at, 2, length, "directory " + n).order(order).getShort(0) & 0xFFFF;
        if (entries <= 0 || entries > 4096) throw new IOException("directory " + n + " has " + entries + " entries");
        int tableBytes = (int) (entries * entrySize) + (big ? 8 : 4);
        ByteBuffer table = read(ch, at + countSize, tableBytes, length, "directory " + n).order(order);
        long[] offsets = null;
        long[] counts = null;
        for (int e = 0; e < entries; e++) {
            int p = e * entrySize;
            int tag = table.getShort(p) & 0xFFFF;
            if (tag != STRIP_OFFSETS && tag != STRIP_BYTE_COUNTS && tag != TILE_OFFSETS && tag != TILE_BYTE_COUNTS) continue;
            long[] values = values(ch, table, p, big, order, length, n);
            if (tag == STRIP_OFFSETS || tag == TILE_OFFSETS) offsets = values;
            else counts = values;
        }
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw new IOException("directory " + n + " lacks matching block offsets and byte counts");
        }
        for (int i = 0; i < offsets.length; i++) {
            if (counts[i] == 0) continue; // a sparse block (GDAL): read as nodata by design
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > length) {
                throw new IOException("block " + i + " of directory " + n + " (" + counts[i] + " bytes at "
                        + offsets[i] + ") lies beyond the end of the file (" + length + " bytes)");
            }
        }
        int next = (int) (entries * entrySize);
        return big ? table.getLong(next) : table.getInt(next) & 0xFFFFFFFFL;
    }

    /** The SHORT, LONG or LONG8 values of the entry at {@code p}, inline or at their offset. */
    private static long[] values(FileChannel ch, ByteBuffer table, int p, boolean big, ByteOrder order, long length,
                                 int n) throws IOException {
        int type = table.getShort(p + 2) & 0xFFFF;
        long count = big ? table.getLong(p + 4) : table.getInt(p + 4) & 0xFFFFFFFFL;
        int size = switch (type) {
            case 3 -> 2;
            case 4, 13 -> 4;
            case 16, 18 -> 8;
            default -> throw new IOException("directory " + n + " has block offsets of TIFF type " + type);
        };
        if (count <= 0 || count > MAX_BLOCKS) throw new IOException("directory " + n + " declares " + count + " blocks");
        int inline = big ? 8 : 4;
        long bytes = count * size;
        ByteBuffer data;
        if (bytes <= inline) {
            data = table.duplicate().order(order);
            data.position(p + (big ? 12 : 8));
            data = data.slice().order(order);
        } else {
            long at = big ? table.getLong(p + 12) : table.getInt(p + 8) & 0xFFFFFFFFL;
            data = read(ch, at, (int) bytes, length, "the block table of directory " + n).order(order);
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (size) {
                case 2 -> data.getShort(i * 2) & 0xFFFF;
                case 4 -> data.getInt(i * 4) & 0xFFFFFFFFL;
                default -> data.getLong(i * 8);
            };
        }
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long at, int bytes, long length, String what) throws IOException {
        if (at < 0 || at + bytes > length) throw new IOException(what + " lies beyond the end of the file (" + length + " bytes)");
        ByteBuffer b = ByteBuffer.allocate(bytes);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) throw new IOException(what + " is cut short");
        }
        return b.flip();
    }
}
