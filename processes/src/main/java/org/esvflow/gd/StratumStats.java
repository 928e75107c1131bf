package org.esvflow.gd;

/**
 * Per-stratum count, mean and sum of squared deviations from the stratum mean (two passes over Y, so no cancellation),
 * and the between/within decomposition of the total sum of squares over any chosen set of strata.
 */
final class StratumStats {
    final int[] n;
    final double[] mean;
    /** Σ (y − ȳ_h)² within each stratum. */
    final double[] ss;

    private StratumStats(int[] n, double[] mean, double[] ss) {
        this.n = n;
        this.mean = mean;
        this.ss = ss;
    }

    static StratumStats of(double[] y, Strata strata) {
        int count = strata.count();
        int[] codes = strata.codes();
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

    int strata() {
        return n.length;
    }

    /** Sample variance (N_h − 1 denominator) of stratum h; NaN for a single sample. */
    double variance(int h) {
        return n[h] > 1 ? ss[h] / (n[h] - 1) : Double.NaN;
    }
}
