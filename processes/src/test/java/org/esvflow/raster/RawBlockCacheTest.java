package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.media.jai.RasterFactory;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawBlockCacheTest {
    // 600 × 300 with 256² blocks: 3 × 2 blocks, the last column 88 wide, the last row 44 high
    static final int W = 600, H = 300, BANDS = 3;

    @TempDir Path dir;

    /** Sample of band b at (x, y): an arbitrary bit pattern from a hash (NaNs, infinities, subnormals, −0 included). */
    static float value(int b, int x, int y) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA6B ^ (b + 1) * 0xC2B2AE35;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        return Float.intBitsToFloat(h);
    }

    static List<Rectangle> blocks(int width, int height) {
        List<Rectangle> blocks = new ArrayList<>();
        for (int y = 0; y < height; y += 256)
            for (int x = 0; x < width; x += 256) blocks.add(new Rectangle(x, y, Math.min(256, width - x), Math.min(256, height - y)));
        return blocks;
    }

    /** Band b over a block, as the first band of a float raster located at the block. */
    static WritableRaster floatRaster(int b, Rectangle r) {
        WritableRaster raster = RasterFactory.createBandedRaster(DataBuffer.TYPE_FLOAT, r.width, r.height, 1, new Point(r.x, r.y));
        for (int y = r.y; y < r.y + r.height; y++)
            for (int x = r.x; x < r.x + r.width; x++) raster.setSample(x, y, 0, value(b, x, y));
        return raster;
    }

    static float[] samples(int b, Rectangle r) {
        float[] s = new float[r.width * r.height];
        for (int y = 0, k = 0; y < r.height; y++)
            for (int x = 0; x < r.width; x++) s[k++] = value(b, r.x + x, r.y + y);
        return s;
    }

    static void assertBlock(int b, Rectangle r, Raster raster) {
        assertEquals(r, raster.getBounds());
        assertEquals(DataBuffer.TYPE_FLOAT, raster.getSampleModel().getDataType());
        for (int y = r.y; y < r.y + r.height; y++)
            for (int x = r.x; x < r.x + r.width; x++) {
                assertEquals(Float.floatToRawIntBits(value(b, x, y)), Float.floatToRawIntBits(raster.getSampleFloat(x, y, 0)),
                        "band " + b + " at " + x + "," + y);
            }
    }

    @Test
    void roundTripsEdgeBlocksAndEveryBandWrittenEitherWay() throws Exception {
        try (RawBlockCache cache = RawBlockCache.create(dir, "test-", W, H, BANDS)) {
            List<Rectangle> blocks = blocks(W, H);
            assertEquals(6, blocks.size());
            assertEquals(new Rectangle(512, 256, 88, 44), blocks.get(5));
            Collections.shuffle(blocks, new Random(7)); // the layout is by position, not by order of writing
            for (int i = 0; i < blocks.size(); i++) {
                Rectangle r = blocks.get(i);
                assertFalse(cache.holds(r, 0));
                if (i % 2 == 0) {
                    cache.put(r, new Raster[] {floatRaster(0, r), floatRaster(1, r), floatRaster(2, r)});
                } else {
                    for (int b = BANDS - 1; b >= 0; b--) cache.put(r, b, samples(b, r));
                }
            }
            // every sample stored once, nothing between or after the blocks
            assertEquals(RawBlockCache.bytes(W, H, BANDS), cache.size());
            for (Rectangle r : blocks(W, H)) {
                Raster[] all = cache.read(r);
                for (int b = 0; b < BANDS; b++) {
                    assertTrue(cache.holds(r, b));
                    assertBlock(b, r, all[b]);
                    assertBlock(b, r, cache.read(r, b));
                }
            }
        }
    }

    @Test
    void storesIntegerTypesExactlyAndRefusesOthers() throws Exception {
        Rectangle r = new Rectangle(0, 0, 2, 1);
        try (RawBlockCache cache = RawBlockCache.create(dir, "test-", 2, 1, 3)) {
            WritableRaster u16 = RasterFactory.createBandedRaster(DataBuffer.TYPE_USHORT, 2, 1, 1, null);
            u16.setSample(0, 0, 0, 65535);
            u16.setSample(1, 0, 0, 1);
            WritableRaster s16 = RasterFactory.createBandedRaster(DataBuffer.TYPE_SHORT, 2, 1, 1, null);
            s16.setSample(0, 0, 0, -32768);
            s16.setSample(1, 0, 0, 32767);
            WritableRaster u8 = RasterFactory.createBandedRaster(DataBuffer.TYPE_BYTE, 2, 1, 1, null);
            u8.setSample(0, 0, 0, 255);
            u8.setSample(1, 0, 0, 0);
            cache.put(r, new Raster[] {u16, s16, u8});
            Raster[] back = cache.read(r);
            assertArrayEquals(new float[] {65535, 1}, back[0].getSamples(0, 0, 2, 1, 0, (float[]) null));
            assertArrayEquals(new float[] {-32768, 32767}, back[1].getSamples(0, 0, 2, 1, 0, (float[]) null));
            assertArrayEquals(new float[] {255, 0}, back[2].getSamples(0, 0, 2, 1, 0, (float[]) null));

            WritableRaster i32 = RasterFactory.createBandedRaster(DataBuffer.TYPE_INT, 2, 1, 1, null);
            assertThrows(IllegalArgumentException.class, () -> cache.put(r, new Raster[] {u16, s16, i32}));
            assertFalse(RawBlockCache.storesExactly(DataBuffer.TYPE_INT));
            assertFalse(RawBlockCache.storesExactly(DataBuffer.TYPE_DOUBLE));
        }
    }

    @Test
    void refusesWhatIsNotAStoredWholeBlock() throws Exception {
        try (RawBlockCache cache = RawBlockCache.create(dir, "test-", W, H, BANDS)) {
            Rectangle edge = new Rectangle(512, 0, 88, 256);
            assertThrows(IllegalStateException.class, () -> cache.read(edge, 0));
            assertThrows(IllegalArgumentException.class, () -> cache.put(new Rectangle(512, 0, 256, 256), 0, new float[256 * 256]));
            assertThrows(IllegalArgumentException.class, () -> cache.put(new Rectangle(10, 0, 256, 256), 0, new float[256 * 256]));
            assertThrows(IndexOutOfBoundsException.class, () -> cache.put(edge, 3, new float[88 * 256]));
        }
    }

    @Test
    void concurrentReadersSeeTheStoredSamples() throws Exception {
        int w = 1100, h = 700; // 5 × 3 blocks
        try (RawBlockCache cache = RawBlockCache.create(dir, "test-", w, h, BANDS)) {
            List<Rectangle> blocks = blocks(w, h);
            for (Rectangle r : blocks) for (int b = 0; b < BANDS; b++) cache.put(r, b, samples(b, r));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Integer>> checks = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    long seed = t;
                    checks.add(pool.submit(() -> {
                        List<Rectangle> order = new ArrayList<>(blocks);
                        int checked = 0;
                        for (int round = 0; round < 3; round++) {
                            Collections.shuffle(order, new Random(seed * 31 + round));
                            for (Rectangle r : order) {
                                int b = (int) ((seed + round) % BANDS);
                                assertBlock(b, r, cache.read(r, b));
                                Raster[] all = cache.read(r);
                                for (int k = 0; k < BANDS; k++) assertBlock(k, r, all[k]);
                                checked++;
                            }
                        }
                        return checked;
                    }));
                }
                for (Future<Integer> f : checks) assertEquals(3 * blocks.size(), f.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingDeletesTheFileAndReleasesItsDescriptor() throws Exception {
        RawBlockCache cache = RawBlockCache.create(dir, "test-", W, H, BANDS);
        Rectangle r = new Rectangle(0, 0, 256, 256);
        cache.put(r, 0, samples(0, r));
        Path file = cache.file();
        if (OpenFiles.supported()) assertTrue(OpenFiles.isOpen(file));
        cache.close();
        cache.close();
        assertFalse(Files.exists(file));
        assertFalse(cache.holds(r, 0));
        assertFalse(cache.offer(r, 0, samples(0, r)));
        if (OpenFiles.supported()) assertFalse(OpenFiles.isOpen(file));
    }

    @Test
    void anUnreachableCacheReleasesItsFile() throws Exception {
        Assumptions.assumeTrue(OpenFiles.supported(), "needs /proc/self/fd");
        Path file = fill(RawBlockCache.create(dir, "test-", W, H, BANDS));
        assertTrue(OpenFiles.awaitAfterGc(() -> !OpenFiles.isOpen(file), 20), "descriptor still open");
        assertFalse(Files.exists(file));
    }

    private static Path fill(RawBlockCache cache) {
        Rectangle r = new Rectangle(0, 0, 256, 256);
        cache.put(r, 1, samples(1, r));
        assertTrue(OpenFiles.isOpen(cache.file()));
        return cache.file();
    }

    /** A coverage whose tiles are computed (as a decoder would) and counted. */
    private static GridCoverage2D counted(int b, int w, int h, AtomicIntegerArray computed) throws Exception {
        int cols = (w + 255) / 256;
        ComputedImage image = new ComputedImage(w, h, 256, DataBuffer.TYPE_FLOAT, t -> {
            computed.incrementAndGet((t.getMinY() / 256) * cols + t.getMinX() / 256);
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, value(b, x, y));
        });
        return Rasters.coverage("b" + b, image, Rasters.grid(w, h, 0, 0, 1, CRS.decode("EPSG:32650", true)), -9999);
    }

    @Test
    void viewsDecodeEachBlockOnceAndKeepGridAndNodata() throws Exception {
        int w = 600, h = 1400; // 3 × 6 blocks: more block rows than a computed image keeps
        List<GridCoverage2D> inputs = new ArrayList<>();
        List<AtomicIntegerArray> computed = new ArrayList<>();
        for (int b = 0; b < BANDS; b++) {
            computed.add(new AtomicIntegerArray(18));
            inputs.add(counted(b, w, h, computed.get(b)));
        }
        assertTrue(CachedCoverages.cacheable(inputs));
        try (RawBlockCache cache = RawBlockCache.create(dir, "test-", w, h, BANDS)) {
            List<GridCoverage2D> views = CachedCoverages.of(inputs, cache);
            for (int pass = 0; pass < 3; pass++) {
                AtomicInteger blocks = new AtomicInteger();
                Blocks.forEach(views, null, 0, 100, (bounds, rasters) -> {
                    blocks.incrementAndGet();
                    for (int b = 0; b < BANDS; b++) assertBlock(b, bounds, rasters[b]);
                });
                assertEquals(18, blocks.get());
            }
            for (int b = 0; b < BANDS; b++) {
                for (int t = 0; t < 18; t++) assertEquals(1, computed.get(b).get(t), "band " + b + " tile " + t);
                assertSame(inputs.get(b).getGridGeometry(), views.get(b).getGridGeometry());
                assertEquals(-9999.0, Rasters.nodata(views.get(b)));
            }
            // a whole-image read through JAI over the clipped edge tiles
            assertEquals(Float.floatToRawIntBits(value(2, 599, 1399)),
                    Float.floatToRawIntBits(views.get(2).getRenderedImage().getData().getSampleFloat(599, 1399, 0)));

            // once the cache takes no more (closed here; a full disk alike) the views decode again, same samples
            cache.close();
            Blocks.forEach(views, null, 0, 100, (bounds, rasters) -> {
                for (int b = 0; b < BANDS; b++) assertBlock(b, bounds, rasters[b]);
            });
            assertEquals(2, computed.get(0).get(0));
        }
    }

    @Test
    void onlySingleBandExactTypesAreCacheable() throws Exception {
        GridCoverage2D ints = Rasters.coverage("i", new ComputedImage(10, 10, 256, DataBuffer.TYPE_INT, t -> {}),
                Rasters.grid(10, 10, 0, 0, 1, CRS.decode("EPSG:32650", true)), -1);
        GridCoverage2D twoBands = Rasters.coverage("t", new ComputedImage(10, 10, 256, DataBuffer.TYPE_FLOAT, 2, t -> {}),
                Rasters.grid(10, 10, 0, 0, 1, CRS.decode("EPSG:32650", true)), -1);
        GridCoverage2D shorts = Rasters.coverage("s", new ComputedImage(10, 10, 256, DataBuffer.TYPE_SHORT, t -> {}),
                Rasters.grid(10, 10, 0, 0, 1, CRS.decode("EPSG:32650", true)), -1);
        assertFalse(CachedCoverages.cacheable(List.of(shorts, ints)));
        assertFalse(CachedCoverages.cacheable(List.of(twoBands)));
        assertTrue(CachedCoverages.cacheable(List.of(shorts)));
    }
}
