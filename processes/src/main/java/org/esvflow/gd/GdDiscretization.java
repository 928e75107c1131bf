package org.esvflow.gd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.esvflow.gd.Discretization.Method;

/**
 * Breaks as the R package GD 10.8 computes them ({@code disc}, used by {@code optidisc}), for figures that must equal
 * GD's. Every method returns GD's break vector as it is: it may repeat a value, leave the minimum or the maximum
 * outside (geometric), or hold more or fewer than k + 1 breaks (sd, geometric, quantile). Where GD itself would loop
 * forever or fail, the breaks are {@code null} ("unavailable"). Where GD's rules differ from {@link Discretization}'s:
 * <ul>
 *   <li>EQUAL: the same, min + i·((max − min)/k), last break = max.</li>
 *   <li>QUANTILE: R type 7 at probabilities i·(1/k); when quantiles repeat, the quantiles at 1/(u), 1/(u + 1), …
 *       (u = distinct quantiles found) are tried in turn until one set holds at least k + 1 distinct values, which
 *       become the breaks (not merged to fewer classes). Unavailable when the data hold fewer than k + 1 distinct
 *       values (GD does not return).</li>
 *   <li>NATURAL: the O(N²·k) Jenks dynamic programme of BAMMtools' {@code getJenksBreaks} on all N values (ties
 *       included, rounding and tie rule as there), with k capped at the number of distinct values; breaks may
 *       repeat.</li>
 *   <li>GEOMETRIC: on x + 1 when min ≥ 0, k breaks (k − 1 classes) (min + 1)·r^(i−1) − 1 computed as
 *       r^i·((min + 1)/r) − 1, r = ((max + 1)/(min + 1))^(1/(k − 1)); when min &lt; 0, k + 1 breaks split between a
 *       negative and a positive geometric series in proportion to |min| and |max| (0 is not a break). The end breaks
 *       are rounded results, so the minimum or the maximum may fall outside and stay unclassified.</li>
 *   <li>SD: min, mean ± j·sd/2 (steps of sd/4 once the loop counter passes 7) strictly inside (min, max), max, for
 *       j of one parity (even j from 0, or odd j), widening until there are at least k + 1 breaks; the class count
 *       may exceed k. Unavailable when the range never holds enough steps (GD does not return).</li>
 * </ul>
 * Mean and standard deviation (N − 1) are computed from exact sums, as R's long-double sums give them.
 */
public final class GdDiscretization {
    private GdDiscretization() {}

    /**
     * Most values for GD's natural breaks: its dynamic programme takes O(N²·k) time (about 10 s for N = 50 000,
     * k = 8), and {@link FisherJenks} gives the exact optimum in O(k·N log N).
     */
    public static final int NATURAL_LIMIT = 100_000;

    /** GD's breaks for one method and k, or null where GD gives none; {@code sorted}: ascending, finite, non-empty. */
    static double[] breaks(double[] sorted, Method method, int k) {
        return switch (method) {
            case EQUAL -> equal(sorted, k);
            case QUANTILE -> quantile(sorted, k);
            case NATURAL -> Jenks.of(sorted, k).breaks(k);
            case GEOMETRIC -> geometric(sorted, k);
            case SD -> standardDeviation(sorted, k);
            case MANUAL -> throw new IllegalArgumentException("manual breaks are given, not computed");
        };
    }

    /** R's seq(min, max, length.out = k + 1): min + i·((max − min)/k), the last one max itself. */
    static double[] equal(double[] sorted, int k) {
        double min = sorted[0], max = sorted[sorted.length - 1], step = (max - min) / k;
        double[] b = new double[k + 1];
        for (int i = 0; i < k; i++) b[i] = min == max ? min : min + i * step;
        b[k] = max;
        return b;
    }

    /** Quantiles with repeats resolved GD's way (class comment); null when fewer than k + 1 distinct values. */
    static double[] quantile(double[] sorted, int k) {
        if (distinct(sorted) < k + 1) return null;
        double[] q = Discretization.unique(type7(sorted, k));
        for (int intervals = q.length; q.length < k + 1; intervals++) {
            q = Discretization.unique(type7(sorted, intervals));
        }
        return q;
    }

    /**
     * R's quantile type 7 at the probabilities of seq(0, 1, length.out = k + 1), i.e. i·(1/k): index h = 1 + (N − 1)p
     * (1-based), x[⌊h⌋] where h is whole or x[⌊h⌋] = x[⌈h⌉], else (1 − f)·x[⌊h⌋] + f·x[⌈h⌉] with f = h − ⌊h⌋.
     */
    static double[] type7(double[] sorted, int k) {
        int n = sorted.length;
        double step = 1.0 / k;
        double[] q = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            double p = i == k ? 1 : i * step;
            double index = 1 + (n - 1) * p;
            int lo = (int) Math.floor(index), hi = (int) Math.ceil(index);
            double low = sorted[lo - 1], high = sorted[hi - 1];
            if (index > lo && high != low) {
                double f = index - lo;
                q[i] = (1 - f) * low + f * high;
            } else {
                q[i] = low;
            }
        }
        return q;
    }

    /** GD's geometric breaks (class comment); null when |min| = |max| with min &lt; 0 (GD fails there). */
    static double[] geometric(double[] sorted, int k) {
        double min = sorted[0], max = sorted[sorted.length - 1];
        if (min >= 0) return geometricSeries(min, max, k);
        double below = -min, above = Math.abs(max);
        if (below == above) return null;
        double small = Math.min(below, above), large = Math.max(below, above);
        int nLarge = (int) Math.floor((k + 1) / (1 + small / large)), nSmall = k + 1 - nLarge;
        double[] smallSide = Arrays.copyOfRange(geometricSeries(0, small, nSmall + 1), 1, nSmall + 1);
        double[] largeSide = Arrays.copyOfRange(geometricSeries(0, large, nLarge + 1), 1, nLarge + 1);
        double[] negative = below < above ? smallSide : largeSide, positive = below < above ? largeSide : smallSide;
        double[] b = new double[k + 1];
        for (int i = 0; i < negative.length; i++) b[i] = -negative[negative.length - 1 - i];
        System.arraycopy(positive, 0, b, negative.length, positive.length);
        return b;
    }

    /**
     * {@code count} values from about lo to about hi in geometric progression of the values + 1, exactly as GD rounds
     * them: r = ((hi + 1)/(lo + 1))^(1/(count − 1)), x0 = (lo + 1)/r, r^i·x0 − 1 for i = 1..count.
     */
    static double[] geometricSeries(double lo, double hi, int count) {
        double ratio = rPow((hi + 1) / (lo + 1), 1.0 / (count - 1));
        double x0 = (lo + 1) / ratio;
        double[] b = new double[count];
        for (int i = 1; i <= count; i++) b[i - 1] = rPow(ratio, i) * x0 - 1;
        return b;
    }

    /**
     * R's {@code ^} for x &gt; 0: x·x for the exponent 2, 1 for x = 1 or y = 0, else the C library's pow, here
     * correctly rounded. glibc's pow errs by up to 0.52 ulp, so about 1 result in 500 (those within 0.02 ulp of a
     * rounding midpoint) differs from this by one ulp; Java's Math.pow differs from both as often, StrictMath.pow
     * about 1 in 10.
     */
    static double rPow(double x, double y) {
        if (y == 2) return x * x;
        if (x == 1 || y == 0) return 1;
        if (y == Math.rint(y) && y > 0 && y <= 64) return new BigDecimal(x).pow((int) y).doubleValue();
        return exp(ln(x).multiply(new BigDecimal(y), WIDE)).doubleValue();
    }

    /** 45 significant digits: x^y to ~1e-44 relative, far below the 1e-16 of a rounding decision. */
    private static final MathContext WIDE = new MathContext(45);
    private static final BigDecimal TINY = new BigDecimal("1e-48"), TWO = BigDecimal.valueOf(2);
    private static final BigDecimal LN2 = atanh(BigDecimal.ONE.divide(BigDecimal.valueOf(3), WIDE)).multiply(TWO);

    /** ln x = 2·atanh((m − 1)/(m + 1)) + e·ln 2 for x = m·2^e, m in [1, 2). */
    private static BigDecimal ln(double x) {
        int e = Math.getExponent(x);
        BigDecimal m = new BigDecimal(Math.scalb(x, -e));
        BigDecimal u = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), WIDE);
        return atanh(u).multiply(TWO).add(LN2.multiply(BigDecimal.valueOf(e)), WIDE);
    }

    /** atanh u = u + u³/3 + u⁵/5 + … for |u| ≤ 1/3. */
    private static BigDecimal atanh(BigDecimal u) {
        BigDecimal u2 = u.multiply(u, WIDE), power = u, sum = BigDecimal.ZERO;
        for (int k = 1; ; k += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(k), WIDE);
            sum = sum.add(term, WIDE);
            if (term.abs().compareTo(TINY) < 0) return sum;
            power = power.multiply(u2, WIDE);
        }
    }

    /** exp t = 2^j · exp(r), t = j·ln 2 + r with |r| ≤ ln 2 / 2, by its Taylor series. */
    private static BigDecimal exp(BigDecimal t) {
        int j = t.divide(LN2, WIDE).setScale(0, java.math.RoundingMode.HALF_EVEN).intValueExact();
        BigDecimal r = t.subtract(LN2.multiply(BigDecimal.valueOf(j)), WIDE), term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int n = 1; term.abs().compareTo(TINY) >= 0; n++) {
            term = term.multiply(r, WIDE).divide(BigDecimal.valueOf(n), WIDE);
            sum = sum.add(term, WIDE);
        }
        BigDecimal scale = new BigDecimal(java.math.BigInteger.TWO.pow(Math.abs(j)));
        return j >= 0 ? sum.multiply(scale, WIDE) : sum.divide(scale, WIDE);
    }

    /** GD's standard-deviation breaks (class comment); null when they never reach k + 1. */
    static double[] standardDeviation(double[] sorted, int k) {
        int n = sorted.length;
        double min = sorted[0], max = sorted[n - 1];
        if (n < 2 || min == max) return null;
        double mean = mean(sorted), sd = Math.sqrt(sumOfSquares(sorted, mean) / (n - 1));
        double extent = Math.max(mean - min, max - mean);
        for (int m = k + 1; ; m++) {
            double[] b = sdCandidate(mean, sd, min, max, m);
            if (b.length >= k + 1) return b;
            // both parities reach past the data at this step size: later m add nothing inside (GD loops forever)
            if ((m > 8 && (m - 4) / 4.0 * sd > extent) || m > 4100) return null;
        }
    }

    /** The breaks of one pass of GD's sd loop with counter m: steps j/2·sd (j/4·sd when m &gt; 7). */
    private static double[] sdCandidate(double mean, double sd, double min, double max, int m) {
        // j = (m − 1) − a for a = 2000, 1998, …, 2, keeping j ≥ 0: ascending, one parity
        int first = Math.max((m - 1) % 2, (m - 1) - 2000), last = m - 3;
        double divisor = m <= 7 ? 2 : 4;
        double[] b = new double[2 * Math.max(0, (last - first) / 2 + 1) + 2];
        int count = 0;
        b[count++] = min;
        for (int j = last; j >= first; j -= 2) {
            double v = mean - j / divisor * sd;
            if (v > min) b[count++] = v;
        }
        for (int j = first; j <= last; j += 2) {
            double v = mean + j / divisor * sd;
            if (v < max && v != b[count - 1]) b[count++] = v;
        }
        b[count++] = max;
        return Arrays.copyOf(b, count);
    }

    /** The mean from the exact sum, rounded once (R sums in long double and refines once). */
    static double mean(double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) sum = sum.add(new BigDecimal(v));
        return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
    }

    /** Σ (x − mean)², each term rounded to double as R's var computes it, summed exactly. */
    static double sumOfSquares(double[] values, double mean) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            double d = v - mean;
            sum = sum.add(new BigDecimal(d * d));
        }
        return sum.doubleValue();
    }

    static int distinct(double[] sorted) {
        int u = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) u++;
        return u;
    }

    /**
     * The Jenks dynamic programme of BAMMtools' getJenksBreaks on all sorted values (not the distinct ones), kept in
     * its own arithmetic so that rounding and ties fall as there: for each prefix of length l and each start i of its
     * last class, scanned from the end, v = Σx² − (Σx)²/w over the last class (running sums from the end), and the
     * best cost with c classes is replaced whenever the candidate is less than or EQUAL to it (so ties go to the
     * longest last class). Costs start at Float.MAX_VALUE; a single value costs 0 in any number of classes. One
     * table serves every k up to its column count: the column for c classes depends only on the column for c − 1.
     * For each prefix the class costs v are computed once and each column is then scanned on its own, which makes
     * the same comparisons in the same order per column, over contiguous memory.
     */
    static final class Jenks {
        private final double[] sorted;
        private final int columns;
        /** start[c − 1][l − 1]: 1-based first index of the last class in the best partition of l values into c. */
        private final int[][] start;

        private Jenks(double[] sorted, int columns) {
            this.sorted = sorted;
            this.columns = columns;
            int n = sorted.length;
            start = new int[columns][n];
            double[][] cost = new double[columns][n];
            for (int c = 0; c < columns; c++) {
                Arrays.fill(start[c], 1);
                Arrays.fill(cost[c], 1, n, Float.MAX_VALUE);
            }
            double[] v = new double[n + 1]; // v[i3]: cost of the last class i3..l (1-based)
            for (int l = 2; l <= n; l++) {
                double s1 = 0, s2 = 0, w = 0;
                for (int i3 = l; i3 >= 1; i3--) {
                    double x = sorted[i3 - 1];
                    s2 += x * x;
                    s1 += x;
                    w += 1;
                    v[i3] = s2 - (s1 * s1) / w;
                }
                for (int c = 1; c < columns; c++) {
                    int at = smallestArgMin(v, cost[c - 1], l);
                    double best = v[at] + cost[c - 1][at - 2];
                    if (best <= cost[c][l - 1]) {
                        cost[c][l - 1] = best;
                        start[c][l - 1] = at;
                    }
                }
                start[0][l - 1] = 1;
                cost[0][l - 1] = v[1];
            }
        }

        /**
         * The smallest i in 2..l of least v[i] + previous[i − 2]: what the scan from i = l down to 2 with "replace
         * when ≤" ends on. Four interleaved lanes, so that the comparisons do not wait on one another.
         */
        private static int smallestArgMin(double[] v, double[] previous, int l) {
            double b0 = Double.POSITIVE_INFINITY, b1 = b0, b2 = b0, b3 = b0;
            int a0 = 2, a1 = 2, a2 = 2, a3 = 2;
            int i = 2;
            for (; i + 3 <= l; i += 4) {
                double c0 = v[i] + previous[i - 2], c1 = v[i + 1] + previous[i - 1];
                double c2 = v[i + 2] + previous[i], c3 = v[i + 3] + previous[i + 1];
                if (c0 < b0) { b0 = c0; a0 = i; }
                if (c1 < b1) { b1 = c1; a1 = i + 1; }
                if (c2 < b2) { b2 = c2; a2 = i + 2; }
                if (c3 < b3) { b3 = c3; a3 = i + 3; }
            }
            for (; i <= l; i++) {
                double c0 = v[i] + previous[i - 2];
                if (c0 < b0) { b0 = c0; a0 = i; }
            }
            int at = a0;
            double best = b0;
            if (b1 < best || (b1 == best && a1 < at)) { best = b1; at = a1; }
            if (b2 < best || (b2 == best && a2 < at)) { best = b2; at = a2; }
            if (b3 < best || (b3 == best && a3 < at)) { at = a3; }
            return at;
        }

        /** The table for up to {@code maxK} classes (capped, as GD does, at the number of distinct values). */
        static Jenks of(double[] sorted, int maxK) {
            if (sorted.length > NATURAL_LIMIT) {
                throw new IllegalArgumentException("GD's natural breaks take O(N²·k) time: N = " + sorted.length
                        + " exceeds " + NATURAL_LIMIT);
            }
            return new Jenks(sorted, Math.max(1, Math.min(maxK, distinct(sorted))));
        }

        /** getJenksBreaks(x, k + 1): k + 1 breaks (fewer when capped), or null where its backtrack would run off. */
        double[] breaks(int k) {
            int classes = Math.min(k, distinct(sorted));
            if (classes > columns) throw new IllegalArgumentException("table built for " + columns + " classes");
            int[] ends = new int[classes];
            ends[classes - 1] = sorted.length;
            int end = sorted.length;
            for (int c = classes; c > 1; c--) {
                if (end < 1) return null; // GD reads before its table here
                int id = start[c - 1][end - 1] - 1;
                ends[c - 2] = id;
                end = id;
            }
            double[] b = new double[classes + 1];
            b[0] = sorted[0];
            for (int i = 1; i <= classes; i++) {
                if (ends[i - 1] < 1) return null;
                b[i] = sorted[ends[i - 1] - 1];
            }
            return b;
        }
    }
}
