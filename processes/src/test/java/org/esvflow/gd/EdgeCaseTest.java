package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

class EdgeCaseTest {
    @Test
    void toyTableWithSingleSampleAndZeroVarianceStrata() throws Exception {
        Table t = ReferenceData.table("edgecase_toy.csv");
        double[] y = t.doubles("y"); // 1, 1.5, 2 | 3, 3, 3 | 5 | 4, 4.5, 6 over strata a, b, c, d
        Strata x = ReferenceData.strata(t, "x");
        // SST = Σ(y − 3.3)² = 22.6; SSW = a 0.5 + b 0 + c 0 + d (14.5/3 mean) 13/6 = 8/3; q = 1 − (8/3)/22.6 = 59.8/67.8
        FactorDetector.Result kept = FactorDetector.detect(y, x, GeoDetectorOptions.defaults());
        assertEquals(59.8 / 67.8, kept.q(), 1e-14);
        assertEquals(4, kept.strata());
        assertEquals(1, kept.singletons());
        // dropping c: 9 samples, Σy = 28, Σy² = 106.5, SST = 106.5 − 784/9 = 174.5/9; q = 1 − 24/174.5 = 150.5/174.5
        FactorDetector.Result dropped = FactorDetector.detect(y, x, GeoDetectorOptions.defaults().withSingletons(Singletons.DROP));
        assertEquals(150.5 / 174.5, dropped.q(), 1e-14);
        assertEquals(3, dropped.strata());
        assertEquals(9, dropped.n());

        RiskDetector.Result risk = RiskDetector.detect(y, x, 0.05);
        // a vs b: s_a² = 0.25, s_b² = 0, t = −1.5/√(0.25/3) = −√27, df = n_a − 1 = 2, p = 1 − √(27/29) for t(2)
        RiskDetector.Pair ab = risk.pairs().get(0);
        assertEquals(-Math.sqrt(27), ab.t(), 1e-12);
        assertEquals(2.0, ab.df(), 1e-12);
        assertEquals(1 - Math.sqrt(27.0 / 29.0), ab.p(), 1e-12);
        // b vs c: c has one sample, so no variance: the test is undefined, not significant
        RiskDetector.Pair bc = risk.pairs().get(3);
        assertEquals("b", bc.labelA());
        assertEquals("c", bc.labelB());
        assertTrue(Double.isNaN(bc.t()) && Double.isNaN(bc.p()));
        assertEquals(false, bc.significant());
        assertTrue(Double.isNaN(risk.strata().get(2).variance()));
    }

    @Test
    void constantYIsAClearError() {
        double[] y = {2, 2, 2, 2};
        Strata x = Strata.of("x", new Object[] {1L, 1L, 2L, 2L});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FactorDetector.detect(y, x, GeoDetectorOptions.defaults()));
        assertEquals("y", e.getInput());
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
    }

    @Test
    void moreStrataThanHalfTheSamplesWarns() {
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8};
        Strata x = Strata.of("x", new Object[] {1L, 1L, 2L, 3L, 4L, 5L, 5L, 6L});
        FactorDetector.Result r = FactorDetector.detect(y, x, GeoDetectorOptions.defaults());
        assertEquals(6, r.strata());
        assertTrue(r.warning().contains("more strata (6) than half the samples"), r.warning());
        Strata coarse = Strata.of("x", new Object[] {1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L});
        assertEquals("", FactorDetector.detect(y, coarse, GeoDetectorOptions.defaults()).warning());
    }

    @Test
    void nonIntegerCodesAreCategoriesByValue() {
        Strata x = Strata.of("x", new Object[] {1.5, 2.5, 1.5, 2.0, 2L, 0.25});
        assertEquals(4, x.count()); // 0.25, 1.5, 2 (2.0 and 2 are one value), 2.5
        assertEquals(0.25, x.label(0));
        assertEquals(2L, x.label(2));
        assertEquals(x.code(3), x.code(4));
        // q by hand: y = 1, 5, 3, 4, 6, 0 → strata {0.25: 0}, {1.5: 1, 3}, {2: 4, 6}, {2.5: 5}
        // SST: mean 19/6, Σy² = 87, SST = 87 − 361/6 = 161/6; SSW = 2 + 2 = 4; q = 1 − 24/161
        double[] y = {1, 5, 3, 4, 6, 0};
        assertEquals(1 - 24.0 / 161.0, FactorDetector.q(y, x, Singletons.KEEP), 1e-14);
    }

    @Test
    void overlayIsKeyedByThePairOfCodesNotByJoinedText() {
        // "1"+"12" and "11"+"2" both read "112": joined text would merge two different overlay strata
        Strata a = Strata.of("a", new Object[] {1L, 11L, 1L, 11L});
        Strata b = Strata.of("b", new Object[] {12L, 2L, 12L, 2L});
        Strata overlay = Strata.overlay(a, b);
        assertEquals(2, overlay.count());
        assertEquals(overlay.code(0), overlay.code(2));
        assertTrue(overlay.code(0) != overlay.code(1));
    }

    @Test
    void interactionClasses() {
        assertEquals(InteractionDetector.Kind.WEAKEN_NONLINEAR, InteractionDetector.classify(0.3, 0.4, 0.2, 1e-12));
        assertEquals(InteractionDetector.Kind.WEAKEN_UNI, InteractionDetector.classify(0.3, 0.4, 0.35, 1e-12));
        assertEquals(InteractionDetector.Kind.ENHANCE_BI, InteractionDetector.classify(0.3, 0.4, 0.5, 1e-12));
        assertEquals(InteractionDetector.Kind.INDEPENDENT, InteractionDetector.classify(0.3, 0.4, 0.7 + 1e-13, 1e-12));
        assertEquals(InteractionDetector.Kind.ENHANCE_NONLINEAR, InteractionDetector.classify(0.3, 0.4, 0.8, 1e-12));
    }

    @Test
    void intervalsAreRightClosedWithTheLowestIncluded() {
        double[] breaks = {0, 1, 2, 4};
        int[] codes = Discretization.classify(new double[] {0, 0.5, 1, 1.000001, 2, 4, 4.1, -0.1, Double.NaN}, breaks);
        assertEquals(java.util.Arrays.toString(new int[] {0, 0, 0, 1, 1, 2, -1, -1, -1}), java.util.Arrays.toString(codes));
        assertEquals("[0, 1]", Discretization.labels(breaks)[0]);
        assertEquals("(1, 2]", Discretization.labels(breaks)[1]);
    }
}
