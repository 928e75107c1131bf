package org.esvflow.raster;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;

/**
 * A zlib stream (RFC 1950 around one RFC 1951 block with the fixed Huffman codes) of a tile of 4-byte samples whose
 * values repeat, as in a raster valued from a class map (ESV, coefficients, class codes as int32): LZ77 run on whole
 * samples, so a match is found and checked with one int comparison per sample instead of zlib's byte-wise search,
 * and every match is a multiple of four bytes long and distant. Candidates at each sample: the previous sample (a
 * run), the sample one tile row above, and the last position of the same pair of samples (a hash of 4 096 entries).
 * The result is an ordinary deflate stream that any inflater reads.
 *
 * <p>The fixed codes suit data made of matches; on continuous data (most samples literal) they cost more than
 * zlib's. So the encoder gives up, returning null, once its output passes a quarter of the input: the caller then
 * deflates the tile with zlib. The outcome depends only on the samples.
 */
final class SampleDeflate {
    /** Longest match in samples: 256 bytes, within deflate's 258. */
    private static final int MAX_MATCH = 64;
    /** Farthest match in samples: deflate's 32 KB window. */
    private static final int MAX_DISTANCE = 32 * 1024 / 4;
    private static final int HASH_BITS = 12;
    /** Per thread, the output buffer of the last tile (the stream is copied out of it). */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Fixed literal/length codes, bit-reversed for the LSB-first stream: code and length for symbols 0..287. */
    private static final int[] LIT_CODE = new int[288], LIT_BITS = new int[288];
    /** For a match of k samples (4k bytes, k = 1..64): its length symbol's code followed by the extra bits. */
    private static final int[] LEN_CODE = new int[MAX_MATCH + 1], LEN_BITS = new int[MAX_MATCH + 1];
    /** For a distance of d samples (4d bytes, d = 1..8192): the 5-bit distance code followed by the extra bits. */
    private static final int[] DIST_CODE = new int[MAX_DISTANCE + 1], DIST_BITS = new int[MAX_DISTANCE + 1];

    static {
        for (int s = 0; s < 288; s++) {
            int code, bits;
            if (s < 144) { code = 0x30 + s; bits = 8; }
            else if (s < 256) { code = 0x190 + s - 144; bits = 9; }
            else if (s < 280) { code = s - 256; bits = 7; }
            else { code = 0xC0 + s - 280; bits = 8; }
            LIT_CODE[s] = reverse(code, bits);
            LIT_BITS[s] = bits;
        }
        // length symbols 257..284: base lengths 3.. with (symbol - 261) / 4 extra bits from 265 on
        int base = 3;
        for (int symbol = 257; symbol <= 284; symbol++) {
            int extra = symbol < 265 ? 0 : (symbol - 261) / 4;
            for (int length = base; length < base + (1 << extra); length++) {
                if (length % 4 == 0 && length / 4 <= MAX_MATCH) {
                    int k = length / 4;
                    LEN_CODE[k] = LIT_CODE[symbol] | (length - base) << LIT_BITS[symbol];
                    LEN_BITS[k] = LIT_BITS[symbol] + extra;
                }
            }
            base += 1 << extra;
        }
        // distance symbols 0..29: base distances 1.. with symbol / 2 - 1 extra bits from 4 on
        base = 1;
        for (int symbol = 0; symbol < 30; symbol++) {
            int extra = symbol < 4 ? 0 : symbol / 2 - 1;
            for (int distance = base; distance < base + (1 << extra); distance++) {
                if (distance % 4 == 0) {
                    int d = distance / 4;
                    DIST_CODE[d] = reverse(symbol, 5) | (distance - base) << 5;
                    DIST_BITS[d] = 5 + extra;
                }
            }
            base += 1 << extra;
        }
    }

    private SampleDeflate() {}

    /**
     * The zlib stream of {@code tile[0, 4 × samples)}, 4-byte samples in rows of {@code rowLength}; null when it would
     * exceed a quarter of the input (see the class comment).
     */
    static byte[] zlib(byte[] tile, int samples, int rowLength) {
        int budget = samples; // bytes: a quarter of the input
        byte[] scratch = SCRATCH.get();
        if (scratch == null || scratch.length < budget + 64) SCRATCH.set(scratch = new byte[budget + 64]);
        Bits out = new Bits(scratch, budget + 64);
        out.bytes[0] = 0x78; // deflate, 32 KB window
        out.bytes[1] = 0x01; // fastest; 0x7801 is a multiple of 31 as RFC 1950 requires
        out.position = 2;
        out.write(0b011, 3); // final block, fixed codes
        int[] head = new int[1 << HASH_BITS]; // last position + 1 of a pair of samples, 0 when none
        int i = 0, literals = 0, last = 0;
        while (i < samples) {
            if (out.position > budget) return null;
            int max = Math.min(MAX_MATCH, samples - i);
            int best = 0, distance = 0;
            if (last > 0 && i >= last) { // a long match often goes on at the same distance
                best = matchLength(tile, i, i - last, max);
                distance = last;
            }
            if (i >= 1 && best < max && distance != 1) {
                int run = matchLength(tile, i, i - 1, max);
                if (run > best) {
                    best = run;
                    distance = 1;
                }
            }
            if (i >= rowLength && best < max && distance != rowLength) {
                int above = matchLength(tile, i, i - rowLength, max);
                if (above > best) {
                    best = above;
                    distance = rowLength;
                }
            }
            if (max >= 2 && best < max) {
                int h = hash(sample(tile, i), sample(tile, i + 1));
                int previous = head[h] - 1;
                head[h] = i + 1;
                if (previous >= 0 && i - previous <= MAX_DISTANCE && i - previous != distance) {
                    int length = matchLength(tile, i, previous, max);
                    if (length >= 2 && length > best) {
                        best = length;
                        distance = i - previous;
                    }
                }
            }
            if (best == 0) {
                literals++;
                i++;
                continue;
            }
            out.literals(tile, i - literals, literals);
            literals = 0;
            out.write(LEN_CODE[best], LEN_BITS[best]);
            out.write(DIST_CODE[distance], DIST_BITS[distance]);
            i += best;
            last = distance;
        }
        out.literals(tile, i - literals, literals);
        out.write(LIT_CODE[256], LIT_BITS[256]); // end of block
        out.flush();
        if (out.position > budget) return null;
        Adler32 adler = new Adler32();
        adler.update(tile, 0, 4 * samples);
        int check = (int) adler.getValue();
        out.bytes[out.position++] = (byte) (check >>> 24);
        out.bytes[out.position++] = (byte) (check >>> 16);
        out.bytes[out.position++] = (byte) (check >>> 8);
        out.bytes[out.position++] = (byte) check;
        return Arrays.copyOf(out.bytes, out.position);
    }

    /** Samples from {@code i} equal to those from {@code j < i}, at most {@code max}. */
    private static int matchLength(byte[] tile, int i, int j, int max) {
        if (sample(tile, i) != sample(tile, j)) return 0; // the common case, before the vectorized comparison
        int mismatch = Arrays.mismatch(tile, 4 * i, 4 * (i + max), tile, 4 * j, 4 * (j + max));
        return mismatch < 0 ? max : mismatch >>> 2;
    }

    private static int sample(byte[] tile, int i) {
        return (int) INT.get(tile, 4 * i);
    }

    private static int hash(int a, int b) {
        return ((a * 0x9E3779B1) ^ (b * 0x85EBCA6B)) * 0xC2B2AE35 >>> (32 - HASH_BITS);
    }

    private static int reverse(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }

    /** An LSB-first bit writer into a byte array that has room for the budget plus a few bytes. */
    private static final class Bits {
        final byte[] bytes;
        /** End of the usable part of {@code bytes}. */
        final int limit;
        int position;
        private long buffer;
        private int count;

        Bits(byte[] bytes, int limit) {
            this.bytes = bytes;
            this.limit = limit;
        }

        void write(int bits, int n) {
            buffer |= (long) bits << count;
            count += n;
            if (count >= 32) {
                if (position + 4 > limit) {
                    position = limit; // over budget: the caller gives up
                } else {
                    INT.set(bytes, position, (int) buffer);
                    position += 4;
                }
                buffer >>>= 32;
                count -= 32;
            }
        }

        /** The bytes of {@code n} samples from sample {@code from}, as literals; stops early when over budget. */
        void literals(byte[] tile, int from, int n) {
            for (int b = 4 * from, end = 4 * (from + n); b < end && position < limit - 8; b++) {
                int v = tile[b] & 0xff;
                write(LIT_CODE[v], LIT_BITS[v]);
            }
        }

        void flush() {
            while (count > 0 && position < limit) {
                bytes[position++] = (byte) buffer;
                buffer >>>= 8;
                count -= 8;
            }
            count = 0;
        }
    }
}
