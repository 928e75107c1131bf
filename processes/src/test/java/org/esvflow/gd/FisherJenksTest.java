package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FisherJenksTest {

    /** The plain O(k·m²) dynamic programme over every split point, on the same distinct values and weights. */
    static double[] bruteForce(double[] distinct, long[] weights, int k) {
        int m = distinct.length;
        double[][] best = new double[k + 1][m + 1];
        for (double[] row : best) Arrays.fill(row, Double.POSITIVE_INFINITY);
        best[0][0] = 0;
        for (int c = 1; c <= k; c++) {
            for (int j = c; j <= m; j++) {
                for (int i = c - 1; i < j; i++) {
                    double sw = 0, sv = 0;
                    for (int t = i; t < j; t++) {
                        sw += weights[t];
                        sv += weights[t] * distinct[t];
                    }
                    double mean = sv / sw, ss = 0;
                    for (int t = i; t < j; t++) ss += weights[t] * (distinct[t] - mean) * (distinct[t] - mean);
                    best[c][j] = Math.min(best[c][j], best[c - 1][i] + ss);
                }
            }
        }
        double[] out = new double[k];
        for (int c = 1; c <= k; c++) out[c - 1] = best[c][m];
        return out;
    }

    /** Within-class sum of squares of the sorted data cut by the breaks (right-closed, lowest included). */
    static double withinSs(double[] sorted, double[] breaks) {
        int[] codes = Discretization.classify(sorted, breaks);
        int k = breaks.length - 1;
        double[] sum = new double[k];
        int[] n = new int[k];
        for (int i = 0; i < sorted.length; i++) {
            sum[codes[i]] += sorted[i];
            n[codes[i]]++;
        }
        double ss = 0;
        for (int i = 0; i < sorted.length; i++) {
            double d = sorted[i] - sum[codes[i]] / n[codes[i]];
            ss += d * d;
        }
        return ss;
    }

    @Test
    void divideAndConquerEqualsTheBruteForceOptimum() {
        SplittableRandom random = new SplittableRandom(20260101);
        for (int trial = 0; trial < 30; trial++) {
            int n = 20 + random.nextInt(120);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // clustered data with ties: rounded mixture of three normals
                double centre = new double[] {0, 4, 11}[random.nextInt(3)];
                // every fifth trial far from zero (offset 1e6), where plain prefix sums would cancel
                double offset = trial % 5 == 4 ? 1e6 : 0;
                values[i] = offset + Math.round((centre + random.nextGaussian() * (1 + trial % 3)) * 4) / 4.0;
            }
            Arrays.sort(values);
            int kMax = 2 + trial % 7;
            FisherJenks jenks = FisherJenks.of(values, kMax);
            double[] distinct = Arrays.stream(values).distinct().toArray();
            long[] weights = new long[distinct.length];
            for (double v : values) weights[Arrays.binarySearch(distinct, v)]++;
            double[] expected = bruteForce(distinct, weights, Math.min(kMax, distinct.length));
            for (int k = 1; k <= jenks.maxClasses(); k++) {
                double tolerance = 1e-9 * (1 + expected[0]);
                assertEquals(expected[k - 1], jenks.withinSumOfSquares(k), tolerance, "trial " + trial + " k " + k);
                // the breaks reproduce that optimum when the data are cut by them
                assertEquals(expected[k - 1], withinSs(values, jenks.breaks(k)), tolerance, "breaks, trial " + trial);
            }
        }
    }

    @Test
    void smallExampleByHand() {
        // 1 2 3 | 10 11 12 | 30: within SS = 2 + 2 + 0 = 4, the only 3-class partition below 50
        double[] values = {1, 2, 3, 10, 11, 12, 30};
        FisherJenks jenks = FisherJenks.of(values, 3);
        assertArrayEquals(new double[] {1, 3, 12, 30}, jenks.breaks(3));
        assertEquals(4.0, jenks.withinSumOfSquares(3), 1e-12);
    }

    @Test
    void fewerDistinctValuesThanClasses() {
        FisherJenks jenks = FisherJenks.of(new double[] {2, 2, 5, 5, 5}, 4);
        assertEquals(2, jenks.maxClasses());
        assertArrayEquals(new double[] {2, 2, 5}, jenks.breaks(2));
    }
}
