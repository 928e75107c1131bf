package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
    static final double EPS = 1e-12;

    @Test
    void closedForm2x2() {
        // [[4, 2], [2, 1]]: λ = (a+c)/2 ± √(((a−c)/2)² + b²) = 2.5 ± √(2.25 + 4) = 2.5 ± 2.5 → 5 and 0;
        // eigenvector of 5: (b, λ − a) = (2, 1), unit (2, 1)/√5
        Pca pca = Pca.of(new double[][] {{4, 2}, {2, 1}}, 0);
        assertEquals(5, pca.eigenvalue(0), EPS);
        assertEquals(0, pca.eigenvalue(1), EPS);
        assertEquals(2 / Math.sqrt(5), pca.loading(0, 0), EPS);
        assertEquals(1 / Math.sqrt(5), pca.loading(0, 1), EPS);
        assertEquals(100, pca.variancePercent(0), EPS);
    }

    @Test
    void closedForm4x4CompoundSymmetry() {
        // 0.01·I + 0.02·J (J all ones): λ1 = 0.01 + 4·0.02 = 0.09 with eigenvector (1,1,1,1)/2, λ2..4 = 0.01;
        // PC1 share = 0.09 / (0.09 + 3·0.01) = 75 %
        double[][] c = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) c[i][j] = 0.02 + (i == j ? 0.01 : 0);
        }
        Pca pca = Pca.of(c, Indicators.NDVI);
        assertEquals(0.09, pca.eigenvalue(0), EPS);
        for (int k = 1; k < 4; k++) assertEquals(0.01, pca.eigenvalue(k), EPS);
        for (int i = 0; i < 4; i++) assertEquals(0.5, pca.loading(0, i), EPS);
        assertEquals(75, pca.variancePercent(0), 1e-10);
    }

    @Test
    void agreesWithAnIndependentJacobiDecomposition() {
        Random random = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            double[][] a = new double[4][4];
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) a[i][j] = random.nextGaussian();
            double[][] c = new double[4][4]; // AᵀA is symmetric positive semi-definite, like a covariance
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    for (int k = 0; k < 4; k++) c[i][j] += a[k][i] * a[k][j];
            Pca pca = Pca.of(c, Indicators.NDVI);
            double[][] vectors = new double[4][];
            double[] values = jacobi(c, vectors);
            for (int k = 0; k < 4; k++) {
                assertEquals(values[k], pca.eigenvalue(k), 1e-9 * values[0]);
                // eigenvectors agree up to sign
                double dot = 0;
                for (int i = 0; i < 4; i++) dot += vectors[k][i] * pca.loading(k, i);
                assertEquals(1, Math.abs(dot), 1e-8);
            }
            assertTrue(pca.loading(0, Indicators.NDVI) >= 0);
        }
    }

    @Test
    void orientationFlipsADeliberatelyNegativePc1() {
        double[] eigenvalues = {0.09, 0.02, 0.01, 0.005};
        double[][] loadings = {
            {-0.5, -0.4, 0.6, 0.469041575982343}, // NDVI loads negatively: must be flipped
            {0.1, 0.2, 0.3, 0.9},
            {0.7, -0.1, 0.1, 0.7},
            {0.5, 0.5, 0.5, 0.5}};
        Pca pca = Pca.orient(eigenvalues, loadings, Indicators.NDVI);
        assertTrue(pca.flipped());
        assertEquals(0.5, pca.loading(0, Indicators.NDVI), 0);
        assertEquals(0.4, pca.loading(0, Indicators.WET), 0);
        assertEquals(-0.6, pca.loading(0, Indicators.LST), 0);
        assertEquals(-0.469041575982343, pca.loading(0, Indicators.NDBSI), 0);
        assertEquals(0.1, pca.loading(1, 0), 0); // other components untouched
        Pca already = Pca.orient(eigenvalues, pca.componentsForTest(), Indicators.NDVI);
        assertFalse(already.flipped());
    }

    @Test
    void pc1OfAnEcologyLikeCovarianceLoadsNdviPositiveAndHeatNegative() {
        // NDVI and WET rise together, LST and NDBSI fall against them
        double[][] c = {
            {0.040, 0.020, -0.030, -0.030},
            {0.020, 0.030, -0.020, -0.025},
            {-0.030, -0.020, 0.035, 0.025},
            {-0.030, -0.025, 0.025, 0.040}};
        Pca pca = Pca.of(c, Indicators.NDVI);
        assertTrue(pca.loading(0, Indicators.NDVI) > 0);
        assertTrue(pca.loading(0, Indicators.WET) > 0);
        assertTrue(pca.loading(0, Indicators.LST) < 0);
        assertTrue(pca.loading(0, Indicators.NDBSI) < 0);
        // the same matrix with every sign of the eigen solver's choice: negating c's eigenvectors is not possible
        // from outside, so check the orientation on the negated vector explicitly
        double[][] negated = pca.componentsForTest();
        for (int i = 0; i < 4; i++) negated[0][i] = -negated[0][i];
        Pca again = Pca.orient(new double[] {1, 0, 0, 0}, negated, Indicators.NDVI);
        assertTrue(again.flipped());
        assertEquals(pca.loading(0, Indicators.LST), again.loading(0, Indicators.LST), 0);
    }

    /** Cyclic Jacobi rotations: eigenvalues in decreasing order, unit eigenvectors in {@code vectors}. */
    static double[] jacobi(double[][] matrix, double[][] vectors) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double cos = 1 / Math.sqrt(t * t + 1), sin = t * cos;
                    for (int k = 0; k < n; k++) { // A ← A·J
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = cos * akp - sin * akq;
                        a[k][q] = sin * akp + cos * akq;
                    }
                    for (int k = 0; k < n; k++) { // A ← Jᵀ·A
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = cos * apk - sin * aqk;
                        a[q][k] = sin * apk + cos * aqk;
                    }
                    for (int k = 0; k < n; k++) { // V ← V·J
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = cos * vkp - sin * vkq;
                        v[k][q] = sin * vkp + cos * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        for (int k = 0; k < n; k++) {
            values[k] = a[order[k]][order[k]];
            vectors[k] = new double[n];
            for (int i = 0; i < n; i++) vectors[k][i] = v[i][order[k]];
        }
        return values;
    }
}
