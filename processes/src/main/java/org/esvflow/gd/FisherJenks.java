package org.esvflow.gd;

/**
 * Exactly optimal natural breaks (Fisher 1958, Jenks): the partition of sorted values into k contiguous classes with
 * the least total within-class sum of squares. Dynamic programme over the distinct values (weights = multiplicities),
 * D[c][j] = min_i D[c−1][i] + SS(i..j−1); the optimal split point is monotone in j (the interval sum of squares obeys
 * the quadrangle inequality), so each level is solved by divide and conquer in O(m log m): O(k · m log m) in all for m
 * distinct values, and no sampling.
 */
public final class FisherJenks {
    private final double[] values;
    private final int maxClasses;
    /**
     * Prefix sums of w, w·v and w·v² on values centred on their weighted mean, the last two carried as unevaluated
     * sums hi + lo (compensated), so that a difference of two prefix sums keeps the precision of the segment's own sum
     * instead of the whole data's.
     */
    private final double[] w, sHi, sLo, qHi, qLo;
    /** split[c][j]: start of the last class in the best partition of the first j values into c + 1 classes. */
    private final int[][] split;
    /** Least within-class sum of squares of all values in c + 1 classes. */
    private final double[] optimum;

    private FisherJenks(double[] values, long[] weights, int maxClasses) {
        this.values = values;
        int m = values.length;
        this.maxClasses = Math.min(maxClasses, m);
        double total = 0, weighted = 0;
        for (int i = 0; i < m; i++) {
            total += weights[i];
            weighted += weights[i] * values[i];
        }
        double centre = weighted / total;
        w = new double[m + 1];
        sHi = new double[m + 1];
        sLo = new double[m + 1];
        qHi = new double[m + 1];
        qLo = new double[m + 1];
        for (int i = 0; i < m; i++) {
            double v = values[i] - centre;
            w[i + 1] = w[i] + weights[i];
            accumulate(sHi, sLo, i, weights[i] * v);
            accumulate(qHi, qLo, i, weights[i] * v * v);
        }
        split = new int[this.maxClasses][m + 1];
        optimum = new double[this.maxClasses];
        // least sums of squares of the first j values in c classes (previous) and in c + 1 classes (current)
        double[] current = new double[m + 1], previous = new double[m + 1];
        for (int j = 1; j <= m; j++) current[j] = ss(0, j);
        optimum[0] = current[m];
        for (int c = 1; c < this.maxClasses; c++) {
            double[] swap = previous;
            previous = current;
            current = swap;
            solve(previous, current, c, c + 1, m, c, m - 1);
            optimum[c] = current[m];
        }
    }

    /**
     * Prepares the optimal partitions into 1..maxClasses classes of {@code sortedValues} (ascending, ties allowed,
     * no NaN).
     */
    public static FisherJenks of(double[] sortedValues, int maxClasses) {
        int m = 0;
        for (int i = 0; i < sortedValues.length; i++) {
            if (i == 0 || sortedValues[i] != sortedValues[i - 1]) m++;
        }
        double[] distinct = new double[m];
        long[] weights = new long[m];
        int d = -1;
        for (int i = 0; i < sortedValues.length; i++) {
            if (i == 0 || sortedValues[i] != sortedValues[i - 1]) distinct[++d] = sortedValues[i];
            weights[d]++;
        }
        return new FisherJenks(distinct, weights, maxClasses);
    }

    /** Same on distinct ascending values with their multiplicities. */
    static FisherJenks ofDistinct(double[] distinct, long[] weights, int maxClasses) {
        return new FisherJenks(distinct, weights, maxClasses);
    }

    /** Sum of squared deviations of the distinct values i..j−1 (with weights) from their mean. */
    double ss(int i, int j) {
        double sw = w[j] - w[i];
        double sv = (sHi[j] - sHi[i]) + (sLo[j] - sLo[i]);
        double qv = (qHi[j] - qHi[i]) + (qLo[j] - qLo[i]);
        return Math.max(0, qv - sv * sv / sw);
    }

    /** hi[i + 1] + lo[i + 1] = hi[i] + lo[i] + x, with the rounding error of the addition kept in lo (TwoSum). */
    private static void accumulate(double[] hi, double[] lo, int i, double x) {
        double a = hi[i], sum = a + x, b = sum - a;
        double error = (a - (sum - b)) + (x - b);
        hi[i + 1] = sum;
        lo[i + 1] = lo[i] + error;
    }

    /** Fills level c for j in [jLo, jHi], knowing the optimal split lies in [iLo, iHi]. */
    private void solve(double[] previous, double[] current, int c, int jLo, int jHi, int iLo, int iHi) {
        if (jLo > jHi) return;
        int j = (jLo + jHi) >>> 1;
        double best = Double.POSITIVE_INFINITY;
        int bestI = iLo;
        int last = Math.min(iHi, j - 1);
        for (int i = iLo; i <= last; i++) {
            double v = previous[i] + ss(i, j);
            if (v < best) {
                best = v;
                bestI = i;
            }
        }
        current[j] = best;
        split[c][j] = bestI;
        solve(previous, current, c, jLo, j - 1, iLo, bestI);
        solve(previous, current, c, j + 1, jHi, bestI, iHi);
    }

    /** Number of distinct values. */
    public int distinctCount() {
        return values.length;
    }

    /** Largest number of classes available (k asked, at most the number of distinct values). */
    public int maxClasses() {
        return maxClasses;
    }

    /** Least within-class sum of squares with k classes. */
    public double withinSumOfSquares(int k) {
        return optimum[k - 1];
    }

    /**
     * Breaks of the optimal k-class partition: the minimum, then the largest value of each class, so that the
     * right-closed intervals (b0, b1], (b1, b2], … with b0 included hold exactly the classes.
     */
    public double[] breaks(int k) {
        if (k < 1 || k > maxClasses) throw new IllegalArgumentException("k must be in 1.." + maxClasses);
        double[] breaks = new double[k + 1];
        breaks[0] = values[0];
        int j = values.length;
        for (int c = k - 1; c >= 0; c--) {
            breaks[c + 1] = values[j - 1];
            j = c == 0 ? 0 : split[c][j];
        }
        return breaks;
    }
}
