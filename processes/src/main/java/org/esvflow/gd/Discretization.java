package org.esvflow.gd;

import java.util.Arrays;

/**
 * Breaks for continuous factors and the assignment of values to right-closed intervals (b0, b1], (b1, b2], …,
 * (b_{k−1}, b_k] with the lowest value b0 included in the first one, as R's {@code cut(include.lowest = TRUE)}.
 * Repeated breaks (ties in the data) are merged, so fewer than k classes may result. These are esvflow's own
 * definitions ({@link Convention#ESVFLOW}); R package GD 10.8's definitions of the same method names are in
 * {@link GdDiscretization} ({@link Convention#GD}).
 */
public final class Discretization {
    private Discretization() {}

    /** Whose definitions of the methods apply. */
    public enum Convention {
        /** esvflow's, documented on {@link Method}: exact natural breaks, repeated breaks merged, ends = min, max. */
        ESVFLOW,
        /**
         * R package GD 10.8's {@code disc} and {@code optidisc}, reproduced to the last bit where possible: see
         * {@link GdDiscretization} and {@link OptimalDiscretization}.
         */
        GD
    }

    public enum Method {
        /** k intervals of equal width between the minimum and the maximum. */
        EQUAL,
        /** Quantiles at i/k, R's default type 7 (linear interpolation between order statistics). */
        QUANTILE,
        /** Exactly optimal Fisher–Jenks natural breaks (least within-class sum of squares). */
        NATURAL,
        /**
         * Geometric progression from the minimum to the maximum, b_i = min · (max/min)^(i/k); when the minimum is not
         * positive the progression runs on the values shifted by 1 − min and is shifted back.
         */
        GEOMETRIC,
        /**
         * Standard deviation: interior breaks at mean + (i − k/2) · sd for i = 1..k−1 (sample sd), keeping those
         * strictly between the minimum and the maximum.
         */
        SD,
        /** Breaks given by the user; values outside [b0, b_k] are left unclassified. */
        MANUAL
    }

    /** Breaks b0 &lt; b1 &lt; … of {@code values} (NaN ignored) into at most k classes; not for {@link Method#MANUAL}. */
    public static double[] breaks(double[] values, Method method, int k) {
        double[] sorted = sortedFinite(values);
        if (sorted.length == 0) throw new IllegalArgumentException("no finite values to discretize");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1");
        return unique(switch (method) {
            case EQUAL -> equal(sorted, k);
            case QUANTILE -> quantile(sorted, k);
            case NATURAL -> {
                FisherJenks jenks = FisherJenks.of(sorted, k);
                yield jenks.breaks(jenks.maxClasses());
            }
            case GEOMETRIC -> geometric(sorted, k);
            case SD -> standardDeviation(sorted, k);
            case MANUAL -> throw new IllegalArgumentException("manual breaks are given, not computed");
        });
    }

    /**
     * Breaks under a convention; {@link Convention#GD} returns GD's break vector as it is (it may repeat a value,
     * leave an end value outside, or hold another count than k + 1), or null where GD gives none.
     */
    public static double[] breaks(double[] values, Method method, int k, Convention convention) {
        if (convention != Convention.GD) return breaks(values, method, k);
        double[] sorted = sortedFinite(values);
        if (sorted.length == 0) throw new IllegalArgumentException("no finite values to discretize");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1");
        return GdDiscretization.breaks(sorted, method, k);
    }

    static double[] sortedFinite(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    static double[] equal(double[] sorted, int k) {
        double min = sorted[0], max = sorted[sorted.length - 1], width = (max - min) / k;
        double[] b = new double[k + 1];
        for (int i = 0; i <= k; i++) b[i] = min + i * width;
        b[k] = max;
        return b;
    }

    /** R's quantile type 7: h = (n − 1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). */
    static double[] quantile(double[] sorted, int k) {
        double[] b = new double[k + 1];
        int n = sorted.length;
        for (int i = 0; i <= k; i++) {
            double h = (n - 1) * ((double) i / k);
            int lo = (int) Math.floor(h);
            double frac = h - lo;
            b[i] = lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[n - 1];
        }
        return b;
    }

    static double[] geometric(double[] sorted, int k) {
        double min = sorted[0], max = sorted[sorted.length - 1];
        double shift = min > 0 ? 0 : 1 - min;
        double lo = min + shift, ratio = (max + shift) / lo;
        double[] b = new double[k + 1];
        for (int i = 0; i <= k; i++) b[i] = lo * Math.pow(ratio, (double) i / k) - shift;
        b[0] = min;
        b[k] = max;
        return b;
    }

    static double[] standardDeviation(double[] sorted, int k) {
        int n = sorted.length;
        double mean = Arrays.stream(sorted).sum() / n;
        double ss = 0;
        for (double v : sorted) ss += (v - mean) * (v - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        double min = sorted[0], max = sorted[n - 1];
        double[] b = new double[k + 1];
        int m = 0;
        b[m++] = min;
        for (int i = 1; i < k; i++) {
            double v = mean + (i - k / 2.0) * sd;
            if (v > min && v < max) b[m++] = v;
        }
        b[m++] = max;
        return Arrays.copyOf(b, m);
    }

    /** Sorted, without repeats. */
    static double[] unique(double[] breaks) {
        double[] b = breaks.clone();
        Arrays.sort(b);
        int m = 0;
        for (int i = 0; i < b.length; i++) if (m == 0 || b[i] != b[m - 1]) b[m++] = b[i];
        return Arrays.copyOf(b, m);
    }

    /**
     * Class of each value, 0..breaks.length − 2: the first i with v ≤ b_{i+1}, v = b0 in class 0; −1 for NaN and for
     * values outside [b0, b_last].
     */
    public static int[] classify(double[] values, double[] breaks) {
        int classes = breaks.length - 1;
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= breaks[0] && v <= breaks[classes])) {
                out[i] = -1;
                continue;
            }
            int pos = Arrays.binarySearch(breaks, 1, classes + 1, v);
            out[i] = (pos >= 0 ? pos : -pos - 1) - 1;
            if (out[i] < 0) out[i] = 0;
        }
        return out;
    }

    /** Interval labels "[b0, b1]", "(b1, b2]", … in class order. */
    public static Object[] labels(double[] breaks) {
        Object[] labels = new Object[breaks.length - 1];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i == 0 ? "[" : "(") + Strata.text(breaks[i]) + ", " + Strata.text(breaks[i + 1]) + "]";
        }
        return labels;
    }

    /** The stratification of {@code values} (no NaN, all within the breaks) by {@code breaks}. */
    public static Strata strata(String name, double[] values, double[] breaks) {
        int[] codes = classify(values, breaks);
        for (int c : codes) {
            if (c < 0) throw new IllegalArgumentException(name + ": a value lies outside the breaks " + Arrays.toString(breaks));
        }
        return Strata.ofCodes(name, codes, labels(breaks));
    }
}
