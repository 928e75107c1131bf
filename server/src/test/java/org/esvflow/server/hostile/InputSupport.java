package org.esvflow.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.esvflow.server.testing.Fixture;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Helpers of the Input* hostile tests: exception reports, hand-made TIFFs, server threads' CPU. */
final class InputSupport {
    private InputSupport() {}

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(10)).build();

    /** A GET that gives up after {@code seconds}: a hang fails the test instead of stalling the suite. */
    static HttpResponse<byte[]> get(Fixture f, String pathAndQuery, int seconds) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.server.localUrl() + pathAndQuery))
                .timeout(java.time.Duration.ofSeconds(seconds)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A valid WPS exception report with this code and locator and status, no stack trace or other internals. */
    static Element assertReport(HttpResponse<byte[]> r, int status, String code, String locator) throws Exception {
        return HardeningSupport.assertOws(r, status, code, locator);
    }

    /** CPU time used by the server's WPS execution threads, in nanoseconds. */
    static long wpsThreadsCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wps-")) sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return sum;
    }

    /** Fails when the WPS threads burn more than 100 ms of CPU within {@code millis} of idling. */
    static void assertWpsThreadsIdle(long millis) throws InterruptedException {
        long before = wpsThreadsCpu();
        Thread.sleep(millis);
        long used = wpsThreadsCpu() - before;
        assertTrue(used < 100_000_000L, "WPS threads used " + used / 1_000_000 + " ms of CPU while idle");
    }

    /**
     * A little-endian classic TIFF written by hand: IFD at offset 8, values that do not fit in an entry after it,
     * then the blocks. The block offsets and byte counts are filled in unless set explicitly. GeoTIFF tags place it
     * in UTM 50N (EPSG:32650) at (500 000 E, 4 000 000 N) with 30 m pixels, as the server fixture.
     */
    static final class Tiff {
        private static final int SHORT = 3, LONG = 4, DOUBLE = 12;
        private record Entry(int type, long[] ints, double[] doubles) {
            int count() {
                return ints != null ? ints.length : doubles.length;
            }

            int bytes() {
                return count() * (type == SHORT ? 2 : type == LONG ? 4 : 8);
            }
        }

        private final Map<Integer, Entry> entries = new TreeMap<>();
        private final List<byte[]> blocks = new ArrayList<>();
        private boolean tiled;
        private long[] offsets, counts;

        /** A byte raster of {@code width × height} pixels, one band, unsigned, with compression code {@code compression}. */
        Tiff(long width, long height, int compression) {
            longs(256, width).longs(257, height).shorts(258, 8).shorts(259, compression).shorts(262, 1)
                    .shorts(277, 1).shorts(284, 1).shorts(339, 1);
            doubles(33550, 30, 30, 0).doubles(33922, 0, 0, 0, 500_000, 4_000_000, 0);
            shorts(34735, 1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32650);
        }

        Tiff shorts(int tag, long... v) {
            entries.put(tag, new Entry(SHORT, v, null));
            return this;
        }

        Tiff longs(int tag, long... v) {
            entries.put(tag, new Entry(LONG, v, null));
            return this;
        }

        Tiff doubles(int tag, double... v) {
            entries.put(tag, new Entry(DOUBLE, null, v));
            return this;
        }

        Tiff tiles(long width, long height) {
            tiled = true;
            return longs(322, width).longs(323, height);
        }

        Tiff rowsPerStrip(long rows) {
            return longs(278, rows);
        }

        Tiff block(byte[] data) {
            blocks.add(data);
            return this;
        }

        /** Offsets and byte counts as given, whatever the blocks. */
        Tiff layout(long[] offsets, long[] counts) {
            this.offsets = offsets;
            this.counts = counts;
            return this;
        }

        byte[] bytes() {
            int n = offsets != null ? offsets.length : blocks.size();
            longs(tiled ? 324 : 273, new long[n]).longs(tiled ? 325 : 279, new long[n]);
            long extrasAt = 8 + 2 + 12L * entries.size() + 4;
            long at = extrasAt;
            for (Entry e : entries.values()) if (e.bytes() > 4) at += e.bytes() + (e.bytes() & 1);
            long[] offs = new long[n], cnts = new long[n];
            for (int i = 0; i < n; i++) {
                offs[i] = offsets != null ? offsets[i] : at;
                cnts[i] = counts != null ? counts[i] : blocks.get(i).length;
                if (offsets == null) at += blocks.get(i).length;
            }
            System.arraycopy(offs, 0, entries.get(tiled ? 324 : 273).ints(), 0, n);
            System.arraycopy(cnts, 0, entries.get(tiled ? 325 : 279).ints(), 0, n);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer ifd = ByteBuffer.allocate((int) extrasAt).order(ByteOrder.LITTLE_ENDIAN);
            ifd.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.size());
            ByteArrayOutputStream extras = new ByteArrayOutputStream();
            for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
                Entry e = me.getValue();
                ifd.putShort(me.getKey().shortValue()).putShort((short) e.type()).putInt(e.count());
                byte[] value = values(e);
                if (value.length <= 4) {
                    ifd.put(java.util.Arrays.copyOf(value, 4));
                } else {
                    ifd.putInt((int) (extrasAt + extras.size()));
                    extras.writeBytes(value);
                    if ((value.length & 1) == 1) extras.write(0);
                }
            }
            ifd.putInt(0);
            out.writeBytes(ifd.array());
            out.writeBytes(extras.toByteArray());
            for (byte[] b : blocks) out.writeBytes(b);
            return out.toByteArray();
        }

        private static byte[] values(Entry e) {
            ByteBuffer b = ByteBuffer.allocate(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < e.count(); i++) {
                if (e.type() == SHORT) b.putShort((short) e.ints()[i]);
                else if (e.type() == LONG) b.putInt((int) e.ints()[i]);
                else b.putDouble(e.doubles()[i]);
            }
            return b.array();
        }
    }

    /** A zlib stream (TIFF compression 8) of {@code bytes} zero bytes, deflated at level 9. */
    static byte[] deflatedZeros(long bytes) {
        Deflater d = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long left = bytes; left > 0; ) {
            int n = (int) Math.min(zeros.length, left);
            d.setInput(zeros, 0, n);
            left -= n;
            while (!d.needsInput()) out.write(buf, 0, d.deflate(buf));
        }
        d.finish();
        while (!d.finished()) out.write(buf, 0, d.deflate(buf));
        d.end();
        return out.toByteArray();
    }
}
