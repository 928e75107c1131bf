package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactQuantilesTest {

    /** Type-7 quantile of fully held data: sort, then interpolate at h = (n − 1)p. */
    static double sortedQuantile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int k = (int) Math.floor(h);
        return k + 1 < s.length ? s[k] + (h - k) * (s[k + 1] - s[k]) : s[k];
    }

    @Test
    void handWorkedQuantilesOfTenValues() {
        // 1..10: h = 9·0.25 = 2.25 → 3 + 0.25·(4 − 3) = 3.25; h = 9·0.9 = 8.1 → 9 + 0.1·1 = 9.1
        double[] v = {7, 3, 10, 1, 9, 2, 8, 5, 4, 6};
        double[][] q = run(new double[][] {v}, new double[] {0.25, 0.9}, 3);
        assertEquals(3.25, q[0][0], 1e-15);
        assertEquals(9.1, q[0][1], 1e-15);
    }

    @Test
    void manyRefinementsStillGiveTheExactOrderStatistic() {
        Random random = new Random(3);
        int n = 200_000;
        double[] smooth = new double[n], heavy = new double[n], tied = new double[n];
        for (int k = 0; k < n; k++) {
            smooth[k] = random.nextGaussian();
            heavy[k] = Math.exp(6 * random.nextGaussian()); // spans many orders of magnitude: several refinements
            tied[k] = random.nextInt(10) < 6 ? 0.25 : random.nextDouble(); // 60 % ties at one value
        }
        double[] p = {0.01, 0.5, 0.99};
        double[][] q = run(new double[][] {smooth, heavy, tied}, p, 10); // collect only ≤ 10 values: forces refinement
        double[][] data = {smooth, heavy, tied};
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < p.length; i++) {
                assertEquals(sortedQuantile(data[s], p[i]), q[s][i], 0, "stream " + s + " p " + p[i]);
            }
        }
    }

    private static double[][] run(double[][] streams, double[] p, int collectLimit) {
        long[] counts = new long[streams.length];
        double[] min = new double[streams.length], max = new double[streams.length];
        for (int s = 0; s < streams.length; s++) {
            counts[s] = streams[s].length;
            min[s] = Arrays.stream(streams[s]).min().orElseThrow();
            max[s] = Arrays.stream(streams[s]).max().orElseThrow();
        }
        return ExactQuantiles.of(sink -> {
            for (int s = 0; s < streams.length; s++) for (double v : streams[s]) sink.accept(s, v);
        }, counts, min, max, p, collectLimit);
    }
}
