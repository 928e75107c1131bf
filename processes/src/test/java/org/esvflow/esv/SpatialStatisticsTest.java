package org.esvflow.esv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class SpatialStatisticsTest {
    // 4 × 5 grid with one empty cell (row 1, col 2), values chosen unevenly
    static final double[][] VALUES = {
        {1, 2, 3, 4, 9},
        {2, 8, Double.NaN, 5, 7},
        {0, 1, 6, 6, 8},
        {3, 3, 2, 10, 12}
    };

    /** Dense weight matrix built directly from the neighbour rule, for the independent computation. */
    static double[][] dense(int[] rows, int[] cols, boolean queen, double distance) {
        int n = rows.length;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                int dr = Math.abs(rows[i] - rows[j]), dc = Math.abs(cols[i] - cols[j]);
                boolean neighbour = queen ? dr <= 1 && dc <= 1 : Math.sqrt(dr * dr + dc * dc) <= distance;
                w[i][j] = neighbour ? 1 : 0;
            }
        }
        return w;
    }

    /** Moran's I and its normality z by the textbook formulas with general S1, S2. */
    static double[] moranDense(double[] x, double[][] w) {
        int n = x.length;
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double num = 0, den = 0, s0 = 0, s1 = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            den += (x[i] - mean) * (x[i] - mean);
            double rowSum = 0, colSum = 0;
            for (int j = 0; j < n; j++) {
                num += w[i][j] * (x[i] - mean) * (x[j] - mean);
                s0 += w[i][j];
                s1 += 0.5 * (w[i][j] + w[j][i]) * (w[i][j] + w[j][i]);
                rowSum += w[i][j];
                colSum += w[j][i];
            }
            s2 += (rowSum + colSum) * (rowSum + colSum);
        }
        double i = n / s0 * num / den, e = -1.0 / (n - 1);
        double var = (n * n * s1 - n * s2 + 3 * s0 * s0) / ((n * n - 1.0) * s0 * s0) - e * e;
        return new double[] {i, (i - e) / Math.sqrt(var)};
    }

    /** Gi* z with w_ii = 1 added to the matrix. */
    static double giDense(double[] x, double[][] w, int i) {
        int n = x.length;
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        double s = Math.sqrt(var / n);
        double lag = 0, wSum = 0, w2 = 0;
        for (int j = 0; j < n; j++) {
            double wij = i == j ? 1 : w[i][j];
            lag += wij * x[j];
            wSum += wij;
            w2 += wij * wij;
        }
        return (lag - mean * wSum) / (s * Math.sqrt((n * w2 - wSum * wSum) / (n - 1)));
    }

    @Test
    void moranAndGiStarMatchDenseComputation() {
        int count = 0;
        for (double[] r : VALUES) for (double v : r) if (!Double.isNaN(v)) count++;
        int[] rows = new int[count], cols = new int[count];
        double[] x = new double[count];
        int k = 0;
        for (int r = 0; r < VALUES.length; r++) {
            for (int c = 0; c < VALUES[r].length; c++) {
                if (Double.isNaN(VALUES[r][c])) continue;
                rows[k] = r;
                cols[k] = c;
                x[k++] = VALUES[r][c];
            }
        }
        for (boolean queen : new boolean[] {true, false}) {
            // cells 1000 m wide; band 2100 m reaches (0,±2), (±1,±1), (±2,0) but not (±1,±2) at 2236 m
            SpatialWeights w = SpatialWeights.grid(rows, cols, queen ? SpatialWeights.Kind.QUEEN : SpatialWeights.Kind.DISTANCE_BAND,
                    1000, 1000, 2100);
            double[][] dense = dense(rows, cols, queen, 2.1);
            double[] expected = moranDense(x, dense);
            SpatialStatistics.Moran m = SpatialStatistics.moran(x, w);
            assertEquals(expected[0], m.i(), 1e-12);
            assertEquals(expected[1], m.z(), 1e-10);
            assertEquals(2 * (1 - NormalDistribution.of(0, 1).cumulativeProbability(Math.abs(expected[1]))), m.p(), 1e-12);
            double[] gi = SpatialStatistics.giStar(x, w);
            for (int i = 0; i < count; i++) assertEquals(giDense(x, dense, i), gi[i], 1e-10, "cell " + i);
        }
    }

    @Test
    void checkerboardWithRookWeightsHasMoranMinusOne() {
        // alternating 0/1: every rook pair has deviations +½ and −½, so I = n·(−¼·S0) / (S0·n·¼) = −1
        int[] rows = new int[16], cols = new int[16];
        double[] x = new double[16];
        for (int i = 0; i < 16; i++) {
            rows[i] = i / 4;
            cols[i] = i % 4;
            x[i] = (rows[i] + cols[i]) % 2;
        }
        SpatialWeights rook = SpatialWeights.grid(rows, cols, SpatialWeights.Kind.DISTANCE_BAND, 1, 1, 1);
        assertEquals(-1, SpatialStatistics.moran(x, rook).i(), 1e-12);
        assertEquals(24 * 2, rook.s0(), 0); // 4×4 grid: 24 rook adjacencies, counted both ways
    }

    @Test
    void binsFollowTwoSidedConfidence() {
        assertEquals(3, SpatialStatistics.bin(2.6));   // p = 0.0093
        assertEquals(2, SpatialStatistics.bin(2.0));   // p = 0.0455
        assertEquals(1, SpatialStatistics.bin(-1.7) * -1); // p = 0.0891, cold
        assertEquals(0, SpatialStatistics.bin(1.6));   // p = 0.1096
        assertEquals(-3, SpatialStatistics.bin(-3));
    }
}
