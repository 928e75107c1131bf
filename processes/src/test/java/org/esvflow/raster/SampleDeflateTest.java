package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Streams of {@link SampleDeflate} inflated by the JDK's zlib (which checks the header, every code and the Adler-32
 * trailer) give back the tile, for tiles that exercise each kind of match.
 */
class SampleDeflateTest {

    /** A tile of {@code width} × {@code height} little-endian float samples, value(x, y) from {@code values}. */
    static byte[] tile(int width, int height, IntBinaryOperator code, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * width * height).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) b.putFloat(values[code.applyAsInt(x, y)]);
        return b.array();
    }

    /** Ten class values as an ESV raster holds them (currency per pixel), and nodata. */
    static final float[] CLASS_VALUES = {-9999f, 1234.5f, 0f, 87.25f, 3.0e6f, 1e-3f, 42f, 42.000004f, 7777.75f, -0.5f, 123456.78f};

    private static void assertRoundTrip(byte[] tile, int rowLength, String what) throws Exception {
        byte[] z = SampleDeflate.zlib(tile, tile.length / 4, rowLength);
        assertNotNull(z, what + ": gave up");
        assertTrue(z.length <= tile.length / 4 + 4, what + ": " + z.length + " bytes for " + tile.length);
        assertArrayEquals(tile, ParallelDeflateTest.inflate(z), what);
    }

    @Test
    void everyKindOfMatchInflatesToTheTile() throws Exception {
        int n = CLASS_VALUES.length;
        // runs (distance one sample) of every length around the 64-sample limit
        assertRoundTrip(tile(256, 256, (x, y) -> (x / (1 + y % 70)) % n, CLASS_VALUES), 256, "runs");
        // equal rows (the row above), vertical stripes one sample wide
        assertRoundTrip(tile(256, 64, (x, y) -> x % n, CLASS_VALUES), 256, "stripes");
        // a period of three samples (the pair hash), rows shifted so the row above does not match
        assertRoundTrip(tile(256, 64, (x, y) -> (x + y) % 3 + 1, CLASS_VALUES), 256, "period 3");
        // far repeats: a row repeated 31 rows down, near deflate's 32 KB window (31 × 1 KB)
        assertRoundTrip(tile(256, 128, (x, y) -> (x * 7 + (y % 31) * 3 + (x ^ y % 31) % 4) % n, CLASS_VALUES), 256, "far");
        // one constant value, one row of 65 samples (a literal and the longest match), a partial row length
        assertRoundTrip(tile(256, 256, (x, y) -> 6, CLASS_VALUES), 256, "constant");
        assertRoundTrip(tile(65, 1, (x, y) -> 4, CLASS_VALUES), 65, "one row");
        assertRoundTrip(tile(37, 11, (x, y) -> (x / 5 + y / 3) % n, CLASS_VALUES), 37, "37 × 11");
    }

    @Test
    void blocksOfAClassMapWithNoiseInflateToTheTile() throws Exception {
        Random random = new Random(11);
        byte[] noise = new byte[256 * 256];
        random.nextBytes(noise);
        int n = CLASS_VALUES.length;
        // mostly blocks, one sample in eight another class: short literals between matches of every distance
        assertRoundTrip(tile(256, 256, (x, y) -> noise[y * 256 + x] % 8 == 0 ? (noise[y * 256 + x] & 0x7f) % n
                : (x / 13 + y / 9) % n, CLASS_VALUES), 256, "noisy blocks");
    }

    @Test
    void tilesTooSmallToPayForTheHeadersAreLeftToZlib() {
        assertNull(SampleDeflate.zlib(tile(1, 1, (x, y) -> 4, CLASS_VALUES), 1, 1));
    }

    @Test
    void continuousSamplesAreLeftToZlib() {
        Random random = new Random(5);
        float[] values = new float[256 * 256];
        for (int i = 0; i < values.length; i++) values[i] = (float) (1000 + random.nextGaussian() * 50);
        byte[] continuous = tile(256, 256, (x, y) -> y * 256 + x, values);
        assertNull(SampleDeflate.zlib(continuous, 256 * 256, 256));
    }
}
