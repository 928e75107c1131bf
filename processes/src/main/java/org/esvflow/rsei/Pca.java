package org.esvflow.rsei;

import java.util.Arrays;
import java.util.Comparator;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealVector;

/**
 * Principal components of a covariance matrix: eigenvalues in decreasing order, unit eigenvectors as loadings, and
 * the share of variance of each component. The first component is oriented so that the loading of a chosen
 * indicator is not negative (for RSEI: NDVI), because the sign of an eigenvector is arbitrary; the signs of the
 * other components are left as the decomposition returns them.
 */
public final class Pca {
    private final double[] eigenvalues;
    private final double[][] loadings; // loadings[component][indicator]
    private final boolean flipped;

    private Pca(double[] eigenvalues, double[][] loadings, boolean flipped) {
        this.eigenvalues = eigenvalues;
        this.loadings = loadings;
        this.flipped = flipped;
    }

    /**
     * @param covariance symmetric d×d covariance matrix
     * @param orientBy index of the indicator whose loading on PC1 must be ≥ 0
     */
    public static Pca of(double[][] covariance, int orientBy) {
        int d = covariance.length;
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(covariance));
        double[] values = eigen.getEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double[] sorted = new double[d];
        double[][] vectors = new double[d][];
        for (int k = 0; k < d; k++) {
            sorted[k] = values[order[k]];
            RealVector v = eigen.getEigenvector(order[k]);
            vectors[k] = v.unitVector().toArray();
        }
        return orient(sorted, vectors, orientBy);
    }

    /** Applies the orientation rule to already computed components (exposed for tests of the rule itself). */
    static Pca orient(double[] eigenvalues, double[][] loadings, int orientBy) {
        double[][] copy = new double[loadings.length][];
        for (int k = 0; k < loadings.length; k++) copy[k] = loadings[k].clone();
        boolean flip = copy[0][orientBy] < 0;
        if (flip) {
            for (int i = 0; i < copy[0].length; i++) copy[0][i] = -copy[0][i];
        }
        return new Pca(eigenvalues.clone(), copy, flip);
    }

    public int size() {
        return eigenvalues.length;
    }

    /** Eigenvalue of component {@code k} (0 = PC1), in decreasing order. */
    public double eigenvalue(int k) {
        return eigenvalues[k];
    }

    /** Loading of indicator {@code i} on component {@code k}; each component is a unit vector. */
    public double loading(int k, int i) {
        return loadings[k][i];
    }

    /** The loadings of component {@code k}. */
    public double[] component(int k) {
        return loadings[k].clone();
    }

    /** A copy of all loadings, {@code [component][indicator]}. */
    double[][] componentsForTest() {
        double[][] copy = new double[loadings.length][];
        for (int k = 0; k < loadings.length; k++) copy[k] = loadings[k].clone();
        return copy;
    }

    /** Percentage of the total variance carried by component {@code k}. */
    public double variancePercent(int k) {
        double total = 0;
        for (double v : eigenvalues) total += Math.max(0, v);
        return total == 0 ? 0 : 100.0 * Math.max(0, eigenvalues[k]) / total;
    }

    /** True when PC1 was negated by the orientation rule. */
    public boolean flipped() {
        return flipped;
    }
}
