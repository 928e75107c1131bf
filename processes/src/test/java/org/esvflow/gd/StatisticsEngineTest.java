package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.gd.GeoDetectorOptions.Variance;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

/**
 * {@link GeoDetector#run} (overlay grids keyed by code pairs, factor strata merged from grid margins, detectors sharing
 * per-stratum stats) against the detectors one by one on sample arrays (each factor's own two passes, overlays built
 * as {@link Strata#overlay} code arrays, risk recomputed per factor): every number to 1e-12.
 */
class StatisticsEngineTest {

    @Test
    void sharedStatisticsEqualTheDetectorsOneByOne() {
        for (Singletons singletons : Singletons.values()) {
            SplittableRandom random = new SplittableRandom(11);
            int n = 3000;
            double[] y = new double[n];
            List<Strata> factors = new ArrayList<>();
            int[][] codes = new int[4][n];
            for (int i = 0; i < n; i++) {
                // a large offset (1e4) over a unit spread: the regime where one-pass sums of squares would cancel
                y[i] = 1e4 + random.nextGaussian();
                for (int f = 0; f < 4; f++) {
                    codes[f][i] = random.nextInt(3 + 2 * f);
                    y[i] += 0.3 * f * codes[f][i];
                }
            }
            codes[3][17] = 9; // a single-sample stratum
            for (int f = 0; f < 4; f++) {
                Object[] labels = new Object[10];
                for (int c = 0; c < labels.length; c++) labels[c] = "s" + c;
                factors.add(Strata.ofCodes("x" + f, codes[f], labels));
            }
            GeoDetectorOptions options = GeoDetectorOptions.defaults().withSingletons(singletons).withVariance(Variance.POPULATION);
            GeoDetector.Report report = GeoDetector.run(y, factors, options, null);

            List<FactorDetector.Result> single = new ArrayList<>();
            for (Strata s : factors) single.add(FactorDetector.detect(y, s, options));
            for (int f = 0; f < 4; f++) {
                FactorDetector.Result r = single.get(f);
                assertNear(r.q(), report.factor().get(f, "q"));
                assertNear(r.f(), report.factor().get(f, "F"));
                assertNear(r.lambda(), report.factor().get(f, "lambda"));
                assertNear(r.p(), report.factor().get(f, "p_value"));
                assertEquals(r.strata(), report.factor().get(f, "strata"));
                assertEquals(r.singletons(), report.factor().get(f, "singletons"));
            }
            int p = 0, risk = 0, means = 0;
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++, p++) {
                    InteractionDetector.Result r = InteractionDetector.detect(y, factors.get(a), factors.get(b),
                            single.get(a).q(), single.get(b).q(), options);
                    assertNear(r.q12(), report.interaction().get(p, "q12"));
                    assertEquals(r.overlay().strata(), report.interaction().get(p, "overlay_strata"));
                    assertEquals(r.overlay().singletons(), report.interaction().get(p, "overlay_singletons"));
                    assertEquals(r.kind().label(), report.interaction().get(p, "interaction"));
                    EcologicalDetector.Result e = EcologicalDetector.detect(single.get(a), single.get(b), options);
                    assertNear(e.f(), report.ecological().get(p, "F"));
                    assertNear(e.p(), report.ecological().get(p, "p_value"));
                }
            }
            for (Strata s : factors) {
                RiskDetector.Result r = RiskDetector.detect(y, s, options.alpha());
                for (RiskDetector.Stratum st : r.strata()) {
                    Table t = report.riskMeans();
                    assertEquals(st.label(), t.get(means, "stratum"));
                    assertEquals(st.n(), t.get(means, "n"));
                    assertNear(st.mean(), t.get(means, "mean"));
                    assertNear(st.variance(), t.get(means++, "variance"));
                }
                for (RiskDetector.Pair pair : r.pairs()) {
                    assertNear(pair.t(), report.risk().get(risk, "t"));
                    assertNear(pair.df(), report.risk().get(risk, "df"));
                    assertNear(pair.p(), report.risk().get(risk++, "p_value"));
                }
            }
            assertEquals(means, report.riskMeans().rowCount());
            assertEquals(risk, report.risk().rowCount());
        }
    }

    /**
     * Overlays summed from grids of factor groups (GeoDetector.pairsByGroups) against overlays built pair by pair: a
     * mix of joined groups, factors left alone (one of 40 strata, the odd one out) and one of 70 strata outside the
     * groups, so every pair kind is taken: within a group, across groups, group with a lone factor, and the pairs
     * left to the per-factor passes.
     */
    @Test
    void groupedOverlaysEqualThePairsOneByOne() {
        SplittableRandom random = new SplittableRandom(29);
        int n = 4000;
        int[] strata = {2, 70, 3, 4, 9, 40, 5};
        double[] y = new double[n];
        int[][] codes = new int[strata.length][n];
        for (int i = 0; i < n; i++) {
            y[i] = 5e3 + random.nextGaussian();
            for (int f = 0; f < strata.length; f++) {
                codes[f][i] = random.nextInt(strata[f]);
                y[i] += 0.2 * (f % 3) * codes[f][i];
            }
        }
        List<Strata> factors = new ArrayList<>();
        for (int f = 0; f < strata.length; f++) {
            Object[] labels = new Object[strata[f]];
            for (int c = 0; c < labels.length; c++) labels[c] = c;
            factors.add(Strata.ofCodes("x" + f, codes[f], labels));
        }
        // the grouping this test is meant to take: (x0, x4) and (x2, x6) joined, x5 and x3 alone, x1 outside
        List<int[]> groups = GeoDetector.groups(factors);
        assertEquals(List.of("[5]", "[0, 4]", "[2, 6]", "[3]"), groups.stream().map(java.util.Arrays::toString).toList());
        GeoDetectorOptions options = GeoDetectorOptions.defaults();
        GeoDetector.Report report = GeoDetector.run(y, factors, options, null);
        int p = 0;
        for (int a = 0; a < strata.length; a++) {
            for (int b = a + 1; b < strata.length; b++, p++) {
                InteractionDetector.Result r = InteractionDetector.detect(y, factors.get(a), factors.get(b),
                        FactorDetector.q(y, factors.get(a), options.singletons()),
                        FactorDetector.q(y, factors.get(b), options.singletons()), options);
                assertEquals("x" + a, report.interaction().get(p, "factor_a"));
                assertEquals("x" + b, report.interaction().get(p, "factor_b"));
                assertNear(r.q12(), report.interaction().get(p, "q12"));
                assertEquals(r.overlay().strata(), report.interaction().get(p, "overlay_strata"));
                assertEquals(r.overlay().singletons(), report.interaction().get(p, "overlay_singletons"));
            }
        }
        assertEquals(p, report.interaction().rowCount());
    }

    /** Relative 1e-12 (absolute for values below 1). */
    private static void assertNear(double expected, Object actual) {
        double a = ((Number) actual).doubleValue();
        if (Double.isNaN(expected)) {
            assertEquals(Double.NaN, a);
            return;
        }
        assertEquals(expected, a, 1e-12 * Math.max(1, Math.abs(expected)));
    }
}
