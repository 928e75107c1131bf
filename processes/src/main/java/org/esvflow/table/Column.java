package org.esvflow.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One column read from a CSV file without an object per cell: an int per cell while every cell is an int (codes,
 * classes, counts), else a kind byte and a double per cell. Integers and decimals keep their value in {@code numbers}
 * (integers beyond ±2⁵³ also exactly in a side map), texts their index in the column's dictionary of distinct texts.
 */
final class Column {
    static final byte MISSING = 0, INTEGER = 1, DECIMAL = 2, TEXT = 3;
    private static final long EXACT = 1L << 53;

    /** While every cell is an integer within int range (the usual code column): the values alone, 4 B a cell. */
    private int[] ints;
    /** Otherwise a kind and a double per cell. */
    private byte[] kinds;
    private double[] numbers;
    private int size;
    private final List<String> dictionary = new ArrayList<>();
    private final Map<String, Integer> dictionaryIndex = new HashMap<>();
    private Map<Integer, Long> wideIntegers;
    /** Whether every non-missing cell is an integer, and their range. */
    private boolean integersOnly = true;
    private long min = Long.MAX_VALUE, max = Long.MIN_VALUE;

    Column(int capacity) {
        ints = new int[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    /** Room for {@code capacity} cells without growing (a hint from the file size). */
    void ensureCapacity(int capacity) {
        if (ints != null && ints.length < capacity) ints = Arrays.copyOf(ints, capacity);
        else if (ints == null && kinds.length < capacity) {
            kinds = Arrays.copyOf(kinds, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
        }
    }

    /**
     * The cells of {@code parts} end to end (parts read from consecutive chunks of one file): the same column as one
     * reader adding every cell in turn would have built. Each part's texts are renumbered into the joined dictionary.
     */
    static Column concat(Column[] parts) {
        long total = 0;
        boolean ints = true;
        for (Column p : parts) {
            total += p.size;
            ints &= p.ints != null;
        }
        Column out = new Column(0);
        int size = Math.toIntExact(total);
        if (ints) out.ints = new int[Math.max(16, size)];
        else {
            out.ints = null;
            out.kinds = new byte[Math.max(16, size)];
            out.numbers = new double[out.kinds.length];
        }
        int at = 0;
        for (Column p : parts) {
            if (!ints) p.settleRange(); // an all-int join settles its own range when read
            out.integersOnly &= p.integersOnly;
            out.min = Math.min(out.min, p.min);
            out.max = Math.max(out.max, p.max);
            if (ints) {
                System.arraycopy(p.ints, 0, out.ints, at, p.size);
            } else if (p.ints != null) {
                Arrays.fill(out.kinds, at, at + p.size, INTEGER);
                for (int i = 0; i < p.size; i++) out.numbers[at + i] = p.ints[i];
            } else {
                System.arraycopy(p.kinds, 0, out.kinds, at, p.size);
                System.arraycopy(p.numbers, 0, out.numbers, at, p.size);
                int[] code = new int[p.dictionary.size()];
                for (int t = 0; t < code.length; t++) code[t] = out.textCode(p.dictionary.get(t));
                for (int i = 0; i < p.size; i++) if (p.kinds[i] == TEXT) out.numbers[at + i] = code[(int) p.numbers[i]];
                if (p.wideIntegers != null) {
                    if (out.wideIntegers == null) out.wideIntegers = new HashMap<>();
                    for (Map.Entry<Integer, Long> e : p.wideIntegers.entrySet()) out.wideIntegers.put(at + e.getKey(), e.getValue());
                }
            }
            at += p.size;
        }
        out.size = size;
        return out;
    }

    void addMissing() {
        general();
        grow();
        kinds[size++] = MISSING;
    }

    /**
     * The commonest cell of a sample table, a small code, while the column is all ints and has room: small enough for
     * the compiler to inline into the reader's loop. False (nothing added) otherwise: add it by {@link #addInteger}.
     */
    boolean addInt(int value) {
        int[] a = ints;
        int s = size;
        if (a == null || s == a.length) return false;
        a[s] = value;
        size = s + 1;
        return true;
    }

    void addInteger(long value) {
        if (ints != null) {
            if (value == (int) value) {
                if (size == ints.length) ints = Arrays.copyOf(ints, size * 2);
                ints[size++] = (int) value; // min and max: taken from the ints when needed (settleRange)
                return;
            }
            general();
        }
        if (value < min) min = value;
        if (value > max) max = value;
        grow();
        if (value > EXACT || value < -EXACT) {
            if (wideIntegers == null) wideIntegers = new HashMap<>();
            wideIntegers.put(size, value);
        }
        kinds[size] = INTEGER;
        numbers[size++] = value;
    }

    void addDecimal(double value) {
        general();
        grow();
        integersOnly = false;
        kinds[size] = DECIMAL;
        numbers[size++] = value;
    }

    void addText(String text) {
        general();
        grow();
        integersOnly = false;
        kinds[size] = TEXT;
        numbers[size++] = textCode(text);
    }

    /** The text's index in the dictionary, added when new. */
    private int textCode(String text) {
        Integer code = dictionaryIndex.get(text);
        if (code == null) {
            code = dictionary.size();
            dictionary.add(text);
            dictionaryIndex.put(text, code);
        }
        return code;
    }

    /** Leaves the int-only form for kinds and doubles (once, at the first cell that is not an int). */
    private void general() {
        if (ints == null) return;
        settleRange();
        kinds = new byte[ints.length];
        Arrays.fill(kinds, 0, size, INTEGER);
        numbers = new double[ints.length];
        for (int i = 0; i < size; i++) numbers[i] = ints[i];
        ints = null;
    }

    /**
     * Folds the int cells into {@link #min} and {@link #max}: while the column is all ints they are not updated per
     * cell. Idempotent; called before either is read.
     */
    private void settleRange() {
        if (ints == null) return;
        long lo = min, hi = max;
        for (int i = 0; i < size; i++) {
            int v = ints[i];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        min = lo;
        max = hi;
    }

    private void grow() {
        if (size == kinds.length) {
            int capacity = kinds.length * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
        }
    }

    /** The cell as {@link Csv#read} types it: Long, Double, String or null. */
    Object value(int row) {
        if (ints != null) return Long.valueOf(ints[row]);
        return switch (kinds[row]) {
            case INTEGER -> wideIntegers != null && wideIntegers.containsKey(row) ? wideIntegers.get(row)
                    : Long.valueOf((long) numbers[row]);
            case DECIMAL -> numbers[row];
            case TEXT -> dictionary.get((int) numbers[row]);
            default -> null;
        };
    }

    /** Numbers as doubles; missing cells and texts (which are not numbers, or they would have been typed) as NaN. */
    double[] doubles() {
        if (ints != null) {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) out[i] = ints[i];
            return out;
        }
        double[] out = Arrays.copyOf(numbers, size);
        for (int i = 0; i < size; i++) if (kinds[i] == MISSING || kinds[i] == TEXT) out[i] = Double.NaN;
        return out;
    }

    /** See {@link Table#coded}: numbers keyed by their double value, texts by dictionary code, without boxing. */
    Table.Coded coded() {
        if (ints != null && size == 0) return new Table.Coded(new int[0], new Object[0], 0);
        settleRange();
        if (integersOnly && min > -1_000_000_000_000_000L && max < 1_000_000_000_000_000L && max >= min && max - min < 1 << 20) return codedIntegers();
        int[] codes = new int[size];
        int missing = 0;
        List<Object> values = new ArrayList<>();
        DoubleIndex numeric = new DoubleIndex();
        int[] textCodes = new int[dictionary.size()];
        Arrays.fill(textCodes, -1);
        for (int i = 0; i < size; i++) {
            byte kind = kinds[i];
            double v = numbers[i];
            if (kind == TEXT) {
                int t = (int) v;
                if (textCodes[t] < 0) {
                    textCodes[t] = values.size();
                    values.add(dictionary.get(t));
                }
                codes[i] = textCodes[t];
            } else if (kind == MISSING || Double.isNaN(v)) {
                codes[i] = -1;
                missing++;
            } else {
                int c = numeric.indexOf(v, values.size());
                if (c == values.size()) values.add(Table.numericKey(v));
                codes[i] = c;
            }
        }
        return new Table.Coded(codes, values.toArray(), missing);
    }

    /**
     * Small-range integer codes by direct lookup, the values ascending: each cell's offset from the minimum first, then
     * (only when some value in the range is absent) its rank among the values present.
     */
    private Table.Coded codedIntegers() {
        int lowest = (int) min, range = (int) (max - min) + 1, missing = 0;
        boolean[] present = new boolean[range];
        int[] codes = new int[size];
        if (ints != null) {
            for (int i = 0; i < size; i++) present[codes[i] = ints[i] - lowest] = true;
        } else {
            for (int i = 0; i < size; i++) {
                if (kinds[i] == MISSING) {
                    codes[i] = -1;
                    missing++;
                } else present[codes[i] = (int) ((long) numbers[i] - lowest)] = true;
            }
        }
        int[] rank = new int[range];
        List<Object> values = new ArrayList<>();
        for (int slot = 0; slot < range; slot++) {
            if (!present[slot]) continue;
            rank[slot] = values.size();
            values.add((long) lowest + slot);
        }
        if (values.size() < range) for (int i = 0; i < size; i++) if (codes[i] >= 0) codes[i] = rank[codes[i]];
        return new Table.Coded(codes, values.toArray(), missing);
    }

    /** Open addressing from a double value (−0 and +0 as one) to the code first given to it. */
    private static final class DoubleIndex {
        private long[] keys = new long[64];
        private int[] codes = new int[64];
        private boolean[] used = new boolean[64];
        private int count;

        /** The code of {@code v}, or {@code next} after registering it. */
        int indexOf(double v, int next) {
            long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
            int mask = keys.length - 1;
            int slot = (int) (mix(bits) & mask);
            while (used[slot]) {
                if (keys[slot] == bits) return codes[slot];
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = bits;
            codes[slot] = next;
            if (++count * 2 > keys.length) rehash();
            return next;
        }

        private void rehash() {
            long[] oldKeys = keys;
            int[] oldCodes = codes;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            codes = new int[keys.length];
            used = new boolean[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (!oldUsed[i]) continue;
                int slot = (int) (mix(oldKeys[i]) & mask);
                while (used[slot]) slot = (slot + 1) & mask;
                used[slot] = true;
                keys[slot] = oldKeys[i];
                codes[slot] = oldCodes[i];
            }
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            return x ^ (x >>> 33);
        }
    }
}
