package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.zip.Inflater;
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
            byte[] z = ParallelDeflate.zlib(data, 5, size);
            byte[] expected = java.util.Arrays.copyOfRange(data, 5, 5 + size);
            assertArrayEquals(expected, inflate(z), "size " + size);
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
}
