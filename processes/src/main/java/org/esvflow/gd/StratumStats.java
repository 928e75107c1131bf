package org.esvflow.gd;

import java.util.Arrays;

/**
 * Per-stratum count, mean and sum of squared deviations from the stratum mean: the sufficient statistics of every
 * detector. Computed in two passes over Y (so no cancellation), merged exactly across strata or blocks by the
 * pairwise update of Chan, Golub and LeVeque (1979): for parts i of one stratum, n = Σ n_i, ȳ = Σ n_i ȳ_i / n,
 * SS = Σ [SS_i + n_i (ȳ_i − ȳ)²].
 */
final class StratumStats {
    final int[] n;
    final double[] mean;
    /** Σ (y − ȳ_h)² within each stratum. */
    final double[] ss;

    StratumStats(int[] n, double[] mean, double[] ss) {
        this.n = n;
        this.mean = mean;
        this.ss = ss;
    }

    static StratumStats of(double[] y, Strata strata) {
        return of(y, strata.codes(), strata.count());
    }

    /** Stats of {@code count} strata given each sample's code in 0..count−1. */
    static StratumStats of(double[] y, int[] codes, int count) {
        int[] n = new int[count];
        double[] sum = new double[count];
        for (int i = 0; i < y.length; i++) {
            n[codes[i]]++;
            sum[codes[i]] += y[i];
        }
        double[] mean = new double[count];
        for (int h = 0; h < count; h++) mean[h] = sum[h] / n[h];
        double[] ss = new double[count];
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - mean[codes[i]];
            ss[codes[i]] += d * d;
        }
        return new StratumStats(n, mean, ss);
    }

    /**
     * The overlay of two stratifications as a dense grid of cells {@code a · countB + b} (empty cells have n = 0),
     * two passes over Y: the same sums as {@link #of} on the overlay's codes, without building them.
     */
    static StratumStats grid(double[] y, int[] a, int[] b, int countB, int cells) {
        int[] n = new int[cells];
        double[] sum = new double[cells];
        for (int i = 0; i < y.length; i++) {
            int cell = a[i] * countB + b[i];
            n[cell]++;
            sum[cell] += y[i];
        }
        double[] mean = new double[cells];
        for (int h = 0; h < cells; h++) mean[h] = n[h] == 0 ? 0 : sum[h] / n[h];
        double[] ss = new double[cells];
        for (int i = 0; i < y.length; i++) {
            int cell = a[i] * countB + b[i];
            double d = y[i] - mean[cell];
            ss[cell] += d * d;
        }
        return new StratumStats(n, mean, ss);
    }

    /** The non-empty cells only, in cell order. */
    StratumStats nonEmpty() {
        int kept = 0;
        for (int c : n) if (c > 0) kept++;
        if (kept == n.length) return this;
        int[] kn = new int[kept];
        double[] km = new double[kept], ks = new double[kept];
        for (int h = 0, j = 0; h < n.length; h++) {
            if (n[h] == 0) continue;
            kn[j] = n[h];
            km[j] = mean[h];
            ks[j++] = ss[h];
        }
        return new StratumStats(kn, km, ks);
    }

    /** Merges {@code other} (same strata) into this, cell by cell (Chan et al.); n must stay within int. */
    void merge(StratumStats other) {
        for (int h = 0; h < n.length; h++) merge(h, other.n[h], other.mean[h], other.ss[h]);
    }

    /** Merges a part of stratum h holding {@code count} samples of mean {@code m} and squared deviations {@code s}. */
    void merge(int h, int count, double m, double s) {
        if (count == 0) return;
        if (n[h] == 0) {
            n[h] = count;
            mean[h] = m;
            ss[h] = s;
            return;
        }
        int total = Math.addExact(n[h], count);
        double delta = m - mean[h];
        ss[h] += s + delta * delta * ((double) n[h] * count / total);
        mean[h] += delta * count / total;
        n[h] = total;
    }

    static StratumStats empty(int count) {
        return new StratumStats(new int[count], new double[count], new double[count]);
    }

    StratumStats copy() {
        return new StratumStats(n.clone(), mean.clone(), ss.clone());
    }

    int strata() {
        return n.length;
    }

    /** Sample variance (N_h − 1 denominator) of stratum h; NaN for a single sample. */
    double variance(int h) {
        return n[h] > 1 ? ss[h] / (n[h] - 1) : Double.NaN;
    }

    @Override
    public String toString() {
        return "StratumStats" + Arrays.toString(n);
    }
}
