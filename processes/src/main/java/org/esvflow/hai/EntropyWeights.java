package org.esvflow.hai;

/**
 * Min-max normalisation over units and the entropy weight method: p_ij = x_ij / Σ_i x_ij,
 * e_j = −(1 / ln n) Σ_i p_ij ln p_ij (with 0 · ln 0 = 0), w_j = (1 − e_j) / Σ_j (1 − e_j).
 * A column whose values are all equal carries no information: it normalises to 0, its entropy is taken as 1 and
 * its weight is 0.
 */
final class EntropyWeights {
    private EntropyWeights() {}

    /** Column-wise (x − min) / (max − min); {@code raw[unit][indicator]}. */
    static double[][] normalise(double[][] raw, double[] min, double[] max) {
        int n = raw.length, m = raw[0].length;
        for (int j = 0; j < m; j++) {
            min[j] = Double.POSITIVE_INFINITY;
            max[j] = Double.NEGATIVE_INFINITY;
            for (double[] row : raw) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        double[][] x = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) x[i][j] = max[j] > min[j] ? (raw[i][j] - min[j]) / (max[j] - min[j]) : 0;
        }
        return x;
    }

    /** Entropy e_j of each column of normalised values (n ≥ 2 units). */
    static double[] entropy(double[][] x) {
        int n = x.length, m = x[0].length;
        if (n < 2) throw new IllegalArgumentException("entropy weights need at least two units, got " + n);
        double[] e = new double[m];
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (double[] row : x) sum += row[j];
            if (sum == 0) {
                e[j] = 1;
                continue;
            }
            double h = 0;
            for (double[] row : x) {
                double p = row[j] / sum;
                if (p > 0) h += p * Math.log(p);
            }
            e[j] = -h / Math.log(n);
        }
        return e;
    }

    /** Weights w_j = (1 − e_j) / Σ (1 − e_j); fails when no column carries information. */
    static double[] weights(double[] entropy) {
        double total = 0;
        for (double e : entropy) total += 1 - e;
        if (!(total > 0)) throw new IllegalArgumentException("no indicator varies between the units");
        double[] w = new double[entropy.length];
        for (int j = 0; j < w.length; j++) w[j] = (1 - entropy[j]) / total;
        return w;
    }

    /** The composite index Σ_j w_j x_ij of each unit. */
    static double[] composite(double[][] x, double[] weights) {
        double[] index = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < weights.length; j++) index[i] += weights[j] * x[i][j];
        }
        return index;
    }
}
