package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class ParallelDeflateTest {
    /** Inflates a zlib stream with the JDK's inflater, which checks the header and the Adler-32 trailer. */
    static byte[] inflate(byte[] z) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            assertTrue(n > 0 || inflater.finished() || !inflater.needsInput(), "truncated stream");
            out.write(buffer, 0, n);
        }
        assertEquals(0, inflater.getRemaining(), "bytes after the checksum");
        inflater.end();
        return out.toByteArray();
    }

    @Test
    void chunkedStreamsInflateToTheInputAtEverySize() throws Exception {
        Random random = new Random(7);
        int chunk = ParallelDeflate.CHUNK;
        for (int size : new int[] {0, 1, 1000, chunk - 1, chunk, chunk + 1, 4 * chunk, 3 * chunk + 17}) {
            // half noise, half a repeating pattern, so that both literals and back references cross chunk borders
            byte[] data = new byte[size + 5];
            for (int i = 0; i < data.length; i++) data[i] = i % 2 == 0 ? (byte) random.nextInt() : (byte) (i / 7 % 13);
            byte[] expected = java.util.Arrays.copyOfRange(data, 5, 5 + size);
            assertArrayEquals(expected, inflate(ParallelDeflate.zlib(data, 5, size)), "size " + size);
            assertArrayEquals(expected, inflate(ParallelDeflate.zlib(data, 5, size, Deflater.NO_COMPRESSION)), "stored, size " + size);
        }
    }

    @Test
    void repetitiveInputStillCompressesAcrossChunks() throws Exception {
        // a dictionary-primed chunk can refer back into the previous chunk: 4 chunks of one repeating 1 KB pattern
        byte[] data = new byte[4 * ParallelDeflate.CHUNK];
        Random random = new Random(3);
        byte[] pattern = new byte[1024];
        random.nextBytes(pattern);
        for (int i = 0; i < data.length; i++) data[i] = pattern[i % pattern.length];
        byte[] z = ParallelDeflate.zlib(data, 0, data.length);
        assertArrayEquals(data, inflate(z));
        // without priming each chunk would store the 1 KB pattern once more; with it, the whole stream stays ~1 KB + refs
        assertTrue(z.length < 1024 + 4 * 1024, "compressed size " + z.length);
    }

    /** Tiles handed to the compressor as the TIFF writer does; returns each tile's stream. */
    private static byte[][] encodeTiles(ParallelDeflate compressor, byte[][] tiles) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(sink);
        compressor.setStream(stream);
        byte[][] out = new byte[tiles.length][];
        long before = 0;
        for (int t = 0; t < tiles.length; t++) {
            int n = compressor.encode(tiles[t], 0, 256, tiles[t].length / 1024, new int[] {32}, 1024);
            stream.flush();
            byte[] all = sink.toByteArray();
            out[t] = java.util.Arrays.copyOfRange(all, (int) before, (int) before + n);
            before += n;
        }
        return out;
    }

    @Test
    void anIncompressibleRasterIsStoredAfterTheProbe() throws Exception {
        // 64 KB tiles of noise; probe 256 KB: tiles 0–3 are deflated (and grow a little), tile 4 on are stored: a
        // stored block holds at most 65 535 bytes behind a 5-byte header, so a 65 536-byte tile is 2 blocks, plus the
        // zlib stream's 2 header bytes and 4 checksum bytes
        Random random = new Random(11);
        byte[][] tiles = new byte[8][64 * 1024];
        for (byte[] t : tiles) random.nextBytes(t);
        ParallelDeflate compressor = new ParallelDeflate(256 * 1024);
        byte[][] z = encodeTiles(compressor, tiles);
        assertTrue(compressor.storing());
        for (int t = 0; t < tiles.length; t++) assertArrayEquals(tiles[t], inflate(z[t]), "tile " + t);
        for (int t = 4; t < tiles.length; t++) {
            assertEquals(64 * 1024 + 2 * 5 + 2 + 4, z[t].length, "stored tile " + t);
        }
    }

    @Test
    void aCompressibleRasterKeepsBeingDeflated() throws Exception {
        byte[][] tiles = new byte[8][64 * 1024];
        for (int t = 0; t < tiles.length; t++) for (int i = 0; i < tiles[t].length; i++) tiles[t][i] = (byte) (i / 512 + t);
        ParallelDeflate compressor = new ParallelDeflate(256 * 1024);
        byte[][] z = encodeTiles(compressor, tiles);
        assertTrue(!compressor.storing());
        for (int t = 0; t < tiles.length; t++) {
            assertArrayEquals(tiles[t], inflate(z[t]), "tile " + t);
            assertTrue(z[t].length < 4 * 1024, "tile " + t + " deflated to " + z[t].length);
        }
    }
}
