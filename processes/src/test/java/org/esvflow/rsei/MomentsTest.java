package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MomentsTest {

    @Test
    void handComputedCovariance() {
        // points (1,2), (2,4), (3,7): means 2 and 13/3
        // cov xx = (1 + 0 + 1)/2 = 1
        // cov xy = [(−1)(−7/3) + 0 + (1)(8/3)]/2 = (15/3)/2 = 2.5
        // cov yy = [(49 + 1 + 64)/9]/2 = 114/18
        Moments m = new Moments(2);
        m.add(new double[] {1, 2});
        m.add(new double[] {2, 4});
        m.add(new double[] {3, 7});
        double[][] c = m.covariance();
        assertEquals(1.0, c[0][0], 1e-15);
        assertEquals(2.5, c[0][1], 1e-15);
        assertEquals(2.5, c[1][0], 1e-15);
        assertEquals(114.0 / 18, c[1][1], 1e-14);
        assertEquals(13.0 / 3, m.mean(1), 1e-15);
    }

    @Test
    void mergedBlocksEqualTwoPassCovarianceDespiteALargeOffset() {
        // values near 1e6 with unit spread: the naive Σxy − n x̄ ȳ would lose about 12 digits here
        Random random = new Random(7);
        int n = 50_000, d = 3;
        double[][] x = new double[d][n];
        for (int k = 0; k < n; k++) {
            double common = random.nextGaussian();
            x[0][k] = 1e6 + common + 0.1 * random.nextGaussian();
            x[1][k] = 1e6 - 2 * common + random.nextGaussian();
            x[2][k] = 5 + random.nextDouble();
        }
        double[][] expected = exact(x, n);
        Moments merged = new Moments(d);
        Moments welford = new Moments(d);
        int blockSize = 777;
        for (int start = 0; start < n; start += blockSize) {
            int len = Math.min(blockSize, n - start);
            double[][] block = new double[d][len];
            for (int i = 0; i < d; i++) System.arraycopy(x[i], start, block[i], 0, len);
            merged.merge(Moments.ofBlock(block, len));
        }
        for (int k = 0; k < n; k++) welford.add(new double[] {x[0][k], x[1][k], x[2][k]});
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                // accuracy relative to the scale of the pair, √(c_ii c_jj); a mean near 1e6 is itself only known
                // to ulp(1e6) ≈ 1.2e-10, which bounds what any double accumulation can reach here
                double scale = Math.sqrt(expected[i][i] * expected[j][j]);
                assertEquals(expected[i][j], merged.covariance()[i][j], 1e-10 * scale);
                assertEquals(expected[i][j], welford.covariance()[i][j], 1e-10 * scale);
            }
        }
        // the naive one-pass formula on the same data is off by orders of magnitude more: the test discriminates
        double sx = 0, sxx = 0;
        for (int k = 0; k < n; k++) {
            sx += x[0][k];
            sxx += x[0][k] * x[0][k];
        }
        double naive = (sxx - sx * sx / n) / (n - 1);
        assertTrue(Math.abs(naive - expected[0][0]) > 1e-6 * expected[0][0], "naive " + naive);
        assertEquals(n, merged.count());
    }

    /** Σxy − Σx·Σy/n in exact decimal arithmetic (50 digits for the one division), the independent reference. */
    static double[][] exact(double[][] x, int n) {
        int d = x.length;
        java.math.MathContext mc = new java.math.MathContext(50);
        java.math.BigDecimal[] sums = new java.math.BigDecimal[d];
        for (int i = 0; i < d; i++) {
            sums[i] = java.math.BigDecimal.ZERO;
            for (int k = 0; k < n; k++) sums[i] = sums[i].add(new java.math.BigDecimal(x[i][k]));
        }
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                java.math.BigDecimal s = java.math.BigDecimal.ZERO;
                for (int k = 0; k < n; k++) s = s.add(new java.math.BigDecimal(x[i][k]).multiply(new java.math.BigDecimal(x[j][k])));
                s = s.subtract(sums[i].multiply(sums[j]).divide(java.math.BigDecimal.valueOf(n), mc));
                c[i][j] = s.divide(java.math.BigDecimal.valueOf(n - 1), mc).doubleValue();
            }
        }
        return c;
    }
}
