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

    /**
     * The overlays of factor {@code a} with each factor {@code b[j]} in one pass over Y: for each j a dense grid of
     * cells {@code a · countB[j] + b[j]} (empty cells have n = 0). Each cell sums d = y − shift[a] and d², shift being
     * the mean of a's stratum, so SS = Σd² − (Σd)²/n without the cancellation of raw sums: summed over cells its error
     * is a few ulps of Σ(y − ȳ_a)² ≤ SST, which leaves q12 exact to ~1e-15. One pass instead of two per pair, and a
     * and Y read once for all j.
     */
    static StratumStats[] grids(double[] y, int[] a, double[] shift, int countA, int[][] b, int[] countB) {
        GridLayout grid = new GridLayout(countA, countB);
        int k = b.length;
        int[] base = grid.base;
        int[] n = new int[grid.cells()];
        double[] s1 = new double[n.length], s2 = new double[n.length];
        for (int i = 0; i < y.length; i++) {
            int ca = a[i], row = ca * k;
            double d = y[i] - shift[ca], d2 = d * d;
            for (int j = 0; j < k; j++) {
                int cell = base[row + j] + b[j][i];
                n[cell]++;
                s1[cell] += d;
                s2[cell] += d2;
            }
        }
        return grid.split(n, s1, s2, shift);
    }

    /**
     * {@link #grids} on codes of at most 256 values held in bytes (read as unsigned): the groups of factors of
     * GeoDetector, a quarter of the memory of int codes.
     */
    static StratumStats[] grids(double[] y, byte[] a, double[] shift, int countA, byte[][] b, int[] countB) {
        GridLayout grid = new GridLayout(countA, countB);
        int k = b.length;
        int[] base = grid.base;
        int[] n = new int[grid.cells()];
        double[] s1 = new double[n.length], s2 = new double[n.length];
        for (int i = 0; i < y.length; i++) {
            int ca = a[i] & 0xff, row = ca * k;
            double d = y[i] - shift[ca], d2 = d * d;
            for (int j = 0; j < k; j++) {
                int cell = base[row + j] + (b[j][i] & 0xff);
                n[cell]++;
                s1[cell] += d;
                s2[cell] += d2;
            }
        }
        return grid.split(n, s1, s2, shift);
    }

    /**
     * The cells of {@link #grids}: grid j occupies [offset[j], offset[j + 1]), and {@code base[ca · k + j]} is its
     * first cell of a's stratum ca (looked up instead of computed in the inner loop).
     */
    private static final class GridLayout {
        final int countA;
        final int[] countB, offset, base;

        GridLayout(int countA, int[] countB) {
            int k = countB.length;
            this.countA = countA;
            this.countB = countB;
            offset = new int[k + 1];
            for (int j = 0; j < k; j++) offset[j + 1] = offset[j] + countA * countB[j];
            base = new int[countA * k];
            for (int ca = 0; ca < countA; ca++) for (int j = 0; j < k; j++) base[ca * k + j] = offset[j] + ca * countB[j];
        }

        int cells() {
            return offset[countB.length];
        }

        /** Each grid's cells as stratum statistics: mean = shift of a's stratum + Σd / n, SS = Σd² − (Σd)² / n. */
        StratumStats[] split(int[] n, double[] s1, double[] s2, double[] shift) {
            StratumStats[] out = new StratumStats[countB.length];
            for (int j = 0; j < countB.length; j++) {
                int size = countA * countB[j];
                int[] nj = new int[size];
                double[] mean = new double[size], ss = new double[size];
                for (int h = 0; h < size; h++) {
                    int c = offset[j] + h, count = n[c];
                    nj[h] = count;
                    if (count == 0) continue;
                    mean[h] = shift[h / countB[j]] + s1[c] / count;
                    ss[h] = Math.max(0, s2[c] - s1[c] * s1[c] / count);
                }
                out[j] = new StratumStats(nj, mean, ss);
            }
            return out;
        }
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
