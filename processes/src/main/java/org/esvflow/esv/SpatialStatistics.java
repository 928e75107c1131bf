package org.esvflow.esv;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Global Moran's I (normality assumption) and Getis-Ord Gi* over symmetric binary weights; two-sided p-values from
 * the standard normal distribution.
 */
public final class SpatialStatistics {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private SpatialStatistics() {}

    public record Moran(double i, double expected, double variance, double z, double p, int n) {}

    /**
     * I = n Σ_i Σ_j w_ij (x_i − x̄)(x_j − x̄) / (S0 Σ_i (x_i − x̄)²), E(I) = −1/(n − 1),
     * Var(I) = (n² S1 − n S2 + 3 S0²) / ((n² − 1) S0²) − E(I)², with S1 = 2 Σ w_ij² and S2 = Σ_i (2 w_i.)² for
     * symmetric weights.
     */
    public static Moran moran(double[] x, SpatialWeights w) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double numerator = 0, denominator = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double di = x[i] - mean;
            denominator += di * di;
            double lag = 0;
            for (int k = 0; k < w.degree(i); k++) lag += x[w.neighbour(i, k)] - mean;
            numerator += di * lag;
            s2 += 4.0 * w.degree(i) * w.degree(i);
        }
        double s0 = w.s0(), s1 = 2 * s0;
        double moran = n * numerator / (s0 * denominator);
        double expected = -1.0 / (n - 1);
        double nn = (double) n * n;
        double variance = (nn * s1 - n * s2 + 3 * s0 * s0) / ((nn - 1) * s0 * s0) - expected * expected;
        double z = (moran - expected) / Math.sqrt(variance);
        return new Moran(moran, expected, variance, z, pValue(z), n);
    }

    /**
     * Gi* z-scores: z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √[(n Σ_j w_ij² − W_i²)/(n − 1)]), the sums including i itself
     * (w_ii = 1), W_i = Σ_j w_ij, S the population standard deviation. NaN where the denominator is 0.
     */
    public static double[] giStar(double[] x, SpatialWeights w) {
        int n = x.length;
        double mean = 0, squares = 0;
        for (double v : x) {
            mean += v;
            squares += v * v;
        }
        mean /= n;
        double s = Math.sqrt(Math.max(0, squares / n - mean * mean));
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double lag = x[i];
            for (int k = 0; k < w.degree(i); k++) lag += x[w.neighbour(i, k)];
            double wi = w.degree(i) + 1; // binary weights: Σ w = Σ w² = neighbours + self
            double denominator = s * Math.sqrt((n * wi - wi * wi) / (n - 1));
            z[i] = denominator > 0 ? (lag - mean * wi) / denominator : Double.NaN;
        }
        return z;
    }

    /** Two-sided p-value of a standard normal z. */
    public static double pValue(double z) {
        return Double.isNaN(z) ? Double.NaN : 2 * NORMAL.survivalProbability(Math.abs(z));
    }

    /** Confidence bin: ±3 (99%), ±2 (95%), ±1 (90%) by the sign of z, 0 otherwise (p ≥ 0.10 or undefined). */
    public static int bin(double z) {
        double p = pValue(z);
        if (Double.isNaN(p)) return 0;
        int level = p < 0.01 ? 3 : p < 0.05 ? 2 : p < 0.10 ? 1 : 0;
        return z > 0 ? level : -level;
    }
}
