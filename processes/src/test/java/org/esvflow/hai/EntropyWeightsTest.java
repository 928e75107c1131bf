package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EntropyWeightsTest {

    @Test
    void handComputedTable() {
        // three units, indicators A = 1, 2, 3 and B = 10, 10, 40
        double[][] raw = {{1, 10}, {2, 10}, {3, 40}};
        double[] min = new double[2], max = new double[2];
        double[][] x = EntropyWeights.normalise(raw, min, max);
        // A → 0, 0.5, 1; B → 0, 0, 1
        assertArrayEquals(new double[] {0, 0}, x[0], 0);
        assertArrayEquals(new double[] {0.5, 0}, x[1], 0);
        assertArrayEquals(new double[] {1, 1}, x[2], 0);
        assertArrayEquals(new double[] {1, 10}, min, 0);
        assertArrayEquals(new double[] {3, 40}, max, 0);
        double[] e = EntropyWeights.entropy(x);
        // A: p = 0, 1/3, 2/3; e = −[(1/3) ln(1/3) + (2/3) ln(2/3)] / ln 3 = 0.6365142 / 1.0986123 = 0.5793802
        // B: p = 0, 0, 1; e = −(1 · ln 1) / ln 3 = 0
        assertEquals(0.5793802, e[0], 1e-7);
        assertEquals(-((1.0 / 3) * Math.log(1.0 / 3) + (2.0 / 3) * Math.log(2.0 / 3)) / Math.log(3), e[0], 1e-15);
        assertEquals(0, e[1], 0);
        double[] w = EntropyWeights.weights(e);
        // d = 1 − e = 0.4206198 and 1; w = d / 1.4206198 → 0.2960819, 0.7039181
        assertEquals(0.2960819, w[0], 1e-7);
        assertEquals(0.7039181, w[1], 1e-7);
        assertEquals(1, w[0] + w[1], 1e-15);
        double[] hai = EntropyWeights.composite(x, w);
        assertEquals(0, hai[0], 0);
        assertEquals(0.5 * w[0], hai[1], 1e-15); // 0.1480410
        assertEquals(1, hai[2], 1e-15);
    }

    @Test
    void aConstantIndicatorGetsNoWeight() {
        double[][] raw = {{5, 1}, {5, 2}, {5, 4}};
        double[] min = new double[2], max = new double[2];
        double[][] x = EntropyWeights.normalise(raw, min, max);
        double[] w = EntropyWeights.weights(EntropyWeights.entropy(x));
        assertEquals(0, w[0], 0);
        assertEquals(1, w[1], 0);
    }
}
