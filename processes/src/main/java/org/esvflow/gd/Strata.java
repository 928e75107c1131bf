package org.esvflow.gd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stratification of N samples: each sample carries a dense stratum code 0..L−1 and each code a label (the original
 * value: a number or a text). Codes compare by value, so 2, 2.0 and 2.5 are distinct only when their values differ;
 * numeric labels sort ascending, text labels alphabetically after them.
 */
public final class Strata {
    private final String name;
    private final int[] codes;
    private final Object[] labels;

    Strata(String name, int[] codes, Object[] labels) {
        this.name = name;
        this.codes = codes;
        this.labels = labels;
    }

    /** Stratifies by the distinct values of {@code values} (numbers or texts, no nulls). */
    public static Strata of(String name, Object[] values) {
        Map<Object, Integer> index = new HashMap<>();
        List<Object> distinct = new ArrayList<>();
        Object[] keys = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object key = key(values[i]);
            keys[i] = key;
            if (index.putIfAbsent(key, -1) == null) distinct.add(key);
        }
        distinct.sort(LABEL_ORDER);
        for (int c = 0; c < distinct.size(); c++) index.put(distinct.get(c), c);
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) codes[i] = index.get(keys[i]);
        return new Strata(name, codes, distinct.toArray());
    }

    /**
     * Stratifies by codes into distinct values (as {@link org.esvflow.table.Table#coded} gives them, each a Long, a
     * Double or a text): strata are the values present, ordered as {@link #of} orders them. The codes array is taken
     * over and renumbered in place, not copied.
     */
    public static Strata ofValues(String name, int[] codes, Object[] values) {
        return ofValues(name, codes, values, false);
    }

    /** The same; {@code allPresent}: every value has a sample (as {@code Table.coded} gives them), none is dropped. */
    static Strata ofValues(String name, int[] codes, Object[] values, boolean allPresent) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> LABEL_ORDER.compare(values[x], values[y]));
        int[] rank = new int[values.length];
        Object[] sorted = new Object[values.length];
        boolean identity = true;
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
            sorted[r] = values[order[r]];
            identity &= order[r] == r;
        }
        if (!identity) for (int i = 0; i < codes.length; i++) codes[i] = rank[codes[i]];
        return allPresent ? new Strata(name, codes, sorted) : compact(name, codes, sorted);
    }

    /** Stratifies by already computed class numbers (for example discretized intervals 0..k−1) with given labels. */
    public static Strata ofCodes(String name, int[] codes, Object[] labels) {
        for (int c : codes) {
            if (c < 0 || c >= labels.length) throw new IllegalArgumentException("code " + c + " outside 0.." + (labels.length - 1));
        }
        return compact(name, codes, labels);
    }

    /**
     * The overlay X1 ∩ X2: one stratum per pair of codes present, keyed by the pair (code1 · L2 + code2), never by
     * joining texts (which can collide, e.g. "1"+"12" and "11"+"2").
     */
    public static Strata overlay(Strata a, Strata b) {
        if (a.size() != b.size()) throw new IllegalArgumentException("strata of different sample counts");
        long width = b.count();
        long cells = (long) a.count() * width;
        int[] codes = new int[a.size()];
        List<Object> labels = new ArrayList<>();
        if (cells <= 1 << 24) {
            int[] dense = new int[(int) cells];
            Arrays.fill(dense, -1);
            for (int i = 0; i < codes.length; i++) {
                int key = (int) (a.codes[i] * width + b.codes[i]);
                int c = dense[key];
                if (c < 0) {
                    c = dense[key] = labels.size();
                    labels.add(pairLabel(a, b, a.codes[i], b.codes[i]));
                }
                codes[i] = c;
            }
        } else {
            Map<Long, Integer> sparse = new HashMap<>();
            for (int i = 0; i < codes.length; i++) {
                long key = a.codes[i] * width + b.codes[i];
                Integer c = sparse.get(key);
                if (c == null) {
                    c = labels.size();
                    sparse.put(key, c);
                    labels.add(pairLabel(a, b, a.codes[i], b.codes[i]));
                }
                codes[i] = c;
            }
        }
        return new Strata(a.name + " ∩ " + b.name, codes, labels.toArray());
    }

    /** The same stratification restricted to the samples whose {@code keep} flag is set. */
    Strata subset(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) if (k) n++;
        int[] sub = new int[n];
        for (int i = 0, j = 0; i < codes.length; i++) if (keep[i]) sub[j++] = codes[i];
        return compact(name, sub, labels);
    }

    /** Drops the labels no sample has and renumbers; the same codes array when every label is present. */
    private static Strata compact(String name, int[] codes, Object[] labels) {
        int[] remap = new int[labels.length];
        Arrays.fill(remap, -1);
        int present = 0;
        for (int c : codes) {
            if (remap[c] < 0) present++;
            remap[c] = 0;
        }
        if (present == labels.length) return new Strata(name, codes, labels);
        List<Object> kept = new ArrayList<>();
        for (int c = 0; c < labels.length; c++) {
            if (remap[c] == 0) {
                remap[c] = kept.size();
                kept.add(labels[c]);
            }
        }
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = remap[codes[i]];
        return new Strata(name, out, kept.toArray());
    }

    private static String pairLabel(Strata a, Strata b, int ca, int cb) {
        return text(a.labels[ca]) + " ∩ " + text(b.labels[cb]);
    }

    /** A label as text: integral numbers without a decimal point. */
    static String text(Object value) {
        return org.esvflow.table.Csv.format(value);
    }

    private static Object key(Object value) {
        if (value == null) throw new IllegalArgumentException("missing stratum value");
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) throw new IllegalArgumentException("NaN stratum value");
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
            return d;
        }
        return value.toString();
    }

    private static final Comparator<Object> LABEL_ORDER = (x, y) -> {
        boolean nx = x instanceof Number, ny = y instanceof Number;
        if (nx && ny) return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
        if (nx != ny) return nx ? -1 : 1;
        return x.toString().compareTo(y.toString());
    };

    public String name() {
        return name;
    }

    /** Number of samples N. */
    public int size() {
        return codes.length;
    }

    /** Number of strata L. */
    public int count() {
        return labels.length;
    }

    /** Stratum code of sample {@code i}, in 0..L−1. */
    public int code(int i) {
        return codes[i];
    }

    public Object label(int code) {
        return labels[code];
    }

    int[] codes() {
        return codes;
    }
}
