package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.esvflow.gd.Discretization.Method;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.gd.GeoDetectorOptions.Variance;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

/** The figures the GeoDetector packages publish (shared reference README), on the data shipped in test resources. */
class GeoDetectorReferenceTest {
    private static final String[] HESHUN = {"watershed", "soiltype", "elevation"};

    @Test
    void heshunFactorDetector() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        double[] y = t.doubles("incidence");
        // L, q, F, λ (sample σ²), p (R geodetector), p (scipy), λ (population σ²), p (GD, gdverse)
        double[][] expected = {
                {9, 0.637773670070423, 38.735507560362, 152.040074659891, 0.000116991385, 0.000116990439154,
                        152.866379413477, 0.000128802979870},
                {5, 0.385716842809428, 28.2561188976884, 101.374626796785, 0.363236288544, 0.363236288149704,
                        101.925575855463, 0.372145486393894},
                {7, 0.606708709727727, 45.7651249861021, 197.916592599284, 0.0408040687344, 0.040804067857058,
                        198.992226254715, 0.0433822437266}};
        for (int i = 0; i < HESHUN.length; i++) {
            double[] e = expected[i];
            FactorDetector.Result r = FactorDetector.detect(y, ReferenceData.strata(t, HESHUN[i]), GeoDetectorOptions.defaults());
            assertEquals((int) e[0], r.strata());
            assertEquals(185, r.n());
            assertEquals(25.42136, r.sst(), 1e-12);
            assertEquals(e[1], r.q(), 1e-12, HESHUN[i] + " q");
            assertEquals(e[2], r.f(), 1e-10, "F");
            assertEquals(e[3], r.lambda(), 1e-10, "λ");
            assertEquals(e[4], r.p(), 1e-9, "p against R");
            // 1e-12 relative, or half a unit of the 15th printed decimal
            assertEquals(e[5], r.p(), Math.max(1e-12 * e[5], 5e-16), "p against scipy");
            FactorDetector.Result pop = FactorDetector.detect(y, ReferenceData.strata(t, HESHUN[i]),
                    GeoDetectorOptions.defaults().withVariance(Variance.POPULATION));
            assertEquals(e[6], pop.lambda(), 1e-10, "λ population");
            assertEquals(e[7], pop.p(), 1e-9, "p against GD");
        }
    }

    @Test
    void heshunInteractionUnderBothSingletonPolicies() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        double[] y = t.doubles("incidence");
        double[][] q12 = { // kept, dropped: watershed∩soiltype, watershed∩elevation, soiltype∩elevation
                {0.735680548139531, 0.723183561450517}, {0.713596778534710, 0.710278088274182},
                {0.663523698335635, 0.662979804935323}};
        int p = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++, p++) {
                Strata sa = ReferenceData.strata(t, HESHUN[a]), sb = ReferenceData.strata(t, HESHUN[b]);
                for (int policy = 0; policy < 2; policy++) {
                    GeoDetectorOptions options = GeoDetectorOptions.defaults()
                            .withSingletons(policy == 0 ? Singletons.KEEP : Singletons.DROP);
                    double qa = FactorDetector.detect(y, sa, options).q(), qb = FactorDetector.detect(y, sb, options).q();
                    InteractionDetector.Result r = InteractionDetector.detect(y, sa, sb, qa, qb, options);
                    assertEquals(q12[p][policy], r.q12(), 1e-12, HESHUN[a] + "∩" + HESHUN[b] + " policy " + policy);
                    assertEquals(InteractionDetector.Kind.ENHANCE_BI, r.kind());
                }
            }
        }
    }

    @Test
    void heshunRiskDetector() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        RiskDetector.Result r = RiskDetector.detect(t.doubles("incidence"), ReferenceData.strata(t, "soiltype"), 0.05);
        double[] means = {6.34, 6.6875, 6.58327868852459, 5.84380952380952, 6.34707317073171};
        for (int h = 0; h < 5; h++) {
            assertEquals((long) (h + 1), r.strata().get(h).label());
            assertEquals(means[h], r.strata().get(h).mean(), 1e-13);
        }
        RiskDetector.Pair oneTwo = r.pairs().get(0);
        assertEquals(1L, oneTwo.labelA());
        assertEquals(2L, oneTwo.labelB());
        assertEquals(-3.835231076452391, oneTwo.t(), 1e-12);
        assertEquals(14.8930013810282, oneTwo.df(), 1e-10);
        assertEquals(1.64140221625620e-03, oneTwo.p(), 1e-14);
        assertEquals(true, oneTwo.significant());
        assertEquals(10, r.pairs().size());
    }

    @Test
    void heshunEcologicalDetector() throws Exception {
        Table t = ReferenceData.table("geodetector_CollectData.csv");
        double[] y = t.doubles("incidence");
        GeoDetector.Report report = GeoDetector.run(y, List.of(ReferenceData.strata(t, "watershed"),
                ReferenceData.strata(t, "elevation"), ReferenceData.strata(t, "soiltype")), GeoDetectorOptions.defaults(), null);
        Table eco = report.ecological();
        // pairs in order: watershed–elevation, watershed–soiltype, elevation–soiltype
        double[] f = {0.921012844395333, 0.589673224293209, 0.640244300480243};
        for (int i = 0; i < 3; i++) {
            assertEquals(f[i], (Double) eco.get(i, "F"), 1e-12);
            assertEquals(184.0, eco.get(i, "df_a"));
            assertEquals(184.0, eco.get(i, "df_b"));
        }
        // TWO_SIDED (default): ln F is near normal with sd √(2/184 + 2/184) = 0.147, so F = 0.921 is at z ≈ −0.56
        // (not significant) and F = 0.590, 0.640 at z ≈ −3.6, −3.0 (significant at 0.05)
        assertEquals(false, eco.get(0, "significant"));
        assertEquals(true, eco.get(1, "significant"));
        assertEquals(true, eco.get(2, "significant"));
        assertEquals(0.58, (Double) eco.get(0, "p_value"), 0.03);
        // UPPER_TAIL: every F here is below 1, so P(F' ≥ F) > 0.5
        Table upper = GeoDetector.run(y, List.of(ReferenceData.strata(t, "watershed"), ReferenceData.strata(t, "elevation"),
                ReferenceData.strata(t, "soiltype")), GeoDetectorOptions.defaults().withEcologicalTest(
                GeoDetectorOptions.EcologicalTest.UPPER_TAIL), null).ecological();
        for (int i = 0; i < 3; i++) assertEquals(false, upper.get(i, "significant"));
        // R_PACKAGES: max(q1/q2, q2/q1) against qf(0.9, 184, 184) ≈ exp(1.2816 · 0.147) = 1.21: watershed/elevation
        // 1.051 no; watershed/soiltype 1.653 and elevation/soiltype 1.573 yes
        Table r = GeoDetector.run(y, List.of(ReferenceData.strata(t, "watershed"), ReferenceData.strata(t, "elevation"),
                ReferenceData.strata(t, "soiltype")), GeoDetectorOptions.defaults().withEcologicalTest(
                GeoDetectorOptions.EcologicalTest.R_PACKAGES), null).ecological();
        assertEquals(false, r.get(0, "significant"));
        assertEquals(true, r.get(1, "significant"));
        assertEquals(true, r.get(2, "significant"));
        assertEquals(f[0], (Double) r.get(0, "F"), 1e-12);

        assertEquals(3, report.factor().rowCount());
        assertEquals(3, report.interaction().rowCount());
        assertEquals(9 + 7 + 5, report.riskMeans().rowCount());
        assertEquals(36 + 21 + 10, report.risk().rowCount());
    }

    @Test
    void ndviBreaksOpgdAndQ() throws Exception {
        Table t = ReferenceData.table("GD_ndvi_40.csv");
        assertEquals(713, t.rowCount());
        double[] y = t.doubles("NDVIchange");
        double[] temp = t.doubles("Tempchange");
        assertArrayEquals(new double[] {-0.39277, 0.51055, 1.41387, 2.31719, 3.22051},
                Discretization.breaks(temp, Method.EQUAL, 4), 1e-12);
        assertArrayEquals(new double[] {-0.39277, 0.54508, 1.13714, 1.76010, 3.22051},
                Discretization.breaks(temp, Method.NATURAL, 4), 0);
        assertArrayEquals(new double[] {-0.39277, 0.60626, 1.23631, 1.73837, 3.22051},
                Discretization.breaks(temp, Method.QUANTILE, 4), 1e-12);
        GeoDetectorOptions options = GeoDetectorOptions.defaults();
        assertEquals(0.8218334775, FactorDetector.detect(y, ReferenceData.strata(t, "Climatezone"), options).q(), 5e-11);
        assertEquals(5, FactorDetector.detect(y, ReferenceData.strata(t, "Climatezone"), options).strata());
        assertEquals(0.1411154166, FactorDetector.detect(y, ReferenceData.strata(t, "Mining"), options).q(), 5e-11);

        List<Method> methods = List.of(Method.EQUAL, Method.NATURAL, Method.QUANTILE);
        OptimalDiscretization.Result tempBest = OptimalDiscretization.optimize("Tempchange", y, temp, methods, 4, 6,
                Singletons.KEEP, null);
        assertEquals(Method.QUANTILE, tempBest.best().method());
        assertEquals(6, tempBest.best().k());
        assertArrayEquals(new double[] {-0.39277, 0.3858, 0.839753333, 1.23631, 1.54196, 1.96675, 3.22051},
                tempBest.best().breaks(), 5e-10);
        assertEquals(0.3179734572, tempBest.best().q(), 5e-11);
        assertEquals(9, tempBest.grid().size());
        assertEquals(713, java.util.Arrays.stream(tempBest.counts()).sum());
        OptimalDiscretization.Result gdpBest = OptimalDiscretization.optimize("GDP", y, t.doubles("GDP"), methods, 4, 6,
                Singletons.KEEP, null);
        assertEquals(Method.QUANTILE, gdpBest.best().method());
        assertEquals(4, gdpBest.best().k());
        assertArrayEquals(new double[] {0, 0.25, 14.57, 176.58, 16589.09}, gdpBest.best().breaks(), 1e-12);
        assertEquals(0.0959675487, gdpBest.best().q(), 5e-11);
    }

    @Test
    void ndviInteractionsUnderBothSingletonPolicies() throws Exception {
        Table t = ReferenceData.table("GD_ndvi_40.csv");
        double[] y = t.doubles("NDVIchange");
        Strata climate = ReferenceData.strata(t, "Climatezone"), mining = ReferenceData.strata(t, "Mining");
        Strata temp = Discretization.strata("Tempchange", t.doubles("Tempchange"),
                Discretization.breaks(t.doubles("Tempchange"), Method.QUANTILE, 6));
        Strata gdp = Discretization.strata("GDP", t.doubles("GDP"), Discretization.breaks(t.doubles("GDP"), Method.QUANTILE, 4));
        List<Strata> factors = List.of(climate, mining, temp, gdp);
        // overlay strata, singletons, q12 kept, q12 dropped (GD), class — README table, rows in pair order
        Object[][] expected = {
                {18, 1, 0.8344876721433065, 0.834473799464826, "Enhance, bi-"},
                {28, 2, 0.858506676836857, 0.858135345033130, "Enhance, bi-"},
                {18, 0, 0.848138619465444, 0.848138619465444, "Enhance, bi-"},
                {22, 2, 0.41597997455372127, 0.413897159078938, "Enhance, bi-"},
                {18, 0, 0.238891887477990, 0.238891887477990, "Enhance, nonlinear"},
                {24, 0, 0.375373540008779, 0.375373540008779, "Enhance, bi-"}};
        Table kept = GeoDetector.run(y, factors, GeoDetectorOptions.defaults(), null).interaction();
        Table dropped = GeoDetector.run(y, factors, GeoDetectorOptions.defaults().withSingletons(Singletons.DROP), null)
                .interaction();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], kept.get(i, "overlay_strata"), "row " + i);
            assertEquals(expected[i][1], kept.get(i, "overlay_singletons"));
            assertEquals((Double) expected[i][2], (Double) kept.get(i, "q12"), 1e-12);
            assertEquals((Double) expected[i][3], (Double) dropped.get(i, "q12"), 1e-12);
            assertEquals(expected[i][4], kept.get(i, "interaction"));
        }
    }
}
