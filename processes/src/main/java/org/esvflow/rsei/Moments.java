package org.esvflow.rsei;

/**
 * Count, mean vector and co-moment matrix C[i][j] = Σ (x_i − mean_i)(x_j − mean_j) of d-dimensional observations,
 * accumulated in double so that merging blocks gives the exact covariance of all pixels in one streaming pass.
 * Observations are added one by one (Welford's update) or block by block (two passes inside the block, then the
 * pairwise merge of Chan, Golub and LeVeque); both avoid the cancellation of the naive Σx·y − n·x̄·ȳ form.
 */
public final class Moments {
    private final int dimension;
    private long count;
    private final double[] mean;
    private final double[][] comoment;

    public Moments(int dimension) {
        this.dimension = dimension;
        this.mean = new double[dimension];
        this.comoment = new double[dimension][dimension];
    }

    /** Adds one observation (Welford). */
    public void add(double[] x) {
        count++;
        double[] delta = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            delta[i] = x[i] - mean[i];
            mean[i] += delta[i] / count;
        }
        for (int i = 0; i < dimension; i++) {
            double after = x[i] - mean[i];
            for (int j = 0; j < dimension; j++) comoment[j][i] += delta[j] * after;
        }
    }

    /**
     * The moments of a block held in memory: {@code values[i][k]} is coordinate i of observation k, for the first
     * {@code n} observations.
     */
    public static Moments ofBlock(double[][] values, int n) {
        Moments m = new Moments(values.length);
        if (n == 0) return m;
        int d = values.length;
        m.count = n;
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int k = 0; k < n; k++) sum += values[i][k];
            m.mean[i] = sum / n;
        }
        for (int i = 0; i < d; i++) {
            double[] xi = values[i];
            double mi = m.mean[i];
            for (int j = i; j < d; j++) {
                double[] xj = values[j];
                double mj = m.mean[j];
                double s = 0;
                for (int k = 0; k < n; k++) s += (xi[k] - mi) * (xj[k] - mj);
                m.comoment[i][j] = s;
                m.comoment[j][i] = s;
            }
        }
        return m;
    }

    /** Merges {@code other} into this (Chan et al.: C = C_a + C_b + δδᵀ · n_a n_b / n). */
    public void merge(Moments other) {
        if (other.count == 0) return;
        if (count == 0) {
            count = other.count;
            for (int i = 0; i < dimension; i++) {
                mean[i] = other.mean[i];
                System.arraycopy(other.comoment[i], 0, comoment[i], 0, dimension);
            }
            return;
        }
        double na = count, nb = other.count, n = na + nb;
        double[] delta = new double[dimension];
        for (int i = 0; i < dimension; i++) delta[i] = other.mean[i] - mean[i];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                comoment[i][j] += other.comoment[i][j] + delta[i] * delta[j] * na * nb / n;
            }
            mean[i] += delta[i] * nb / n;
        }
        count += other.count;
    }

    public long count() {
        return count;
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Sample covariance matrix (divisor n − 1), the convention of R's cov/prcomp and ENVI's PCA. */
    public double[][] covariance() {
        if (count < 2) throw new IllegalStateException("covariance needs at least two observations, got " + count);
        double[][] c = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) c[i][j] = comoment[i][j] / (count - 1);
        }
        return c;
    }
}
