package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.esvflow.esv.TestGrids.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;

class ChangeProcessTest {
    // VC totals with D = 1000 (Xie 2015 row sums × D): dry land 4010, water 125610, forest 21190, built 0
    static final double DRY = 4010, WATER = 125610, FOREST = 63570.0 / 3;

    @Test
    void gainLossByTransitionSumsToNetChange() {
        GridGeometry2D grid = TestGrids.utm(3, 2);
        GridCoverage2D before = TestGrids.landUse(grid, new int[][] {{1, 1, 5}, {2, 8, 255}});
        GridCoverage2D after = TestGrids.landUse(grid, new int[][] {{8, 1, 5}, {5, 2, 1}});
        String json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32650\"}},\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"west\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500000,4399940],[500030,4399940],[500030,4400000],[500000,4400000],[500000,4399940]]]}}]}";
        Map<String, Object> out = new ChangeProcess().execute(before, after, 1000.0, null, null, null, null, null, null,
                GeoJson.read(ValueProcessTest.parse(json), "regions"), "name", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        // pixels valid at both epochs (0.09 ha each): 1→8, 1→1, 5→5, 2→5, 8→2
        double d18 = 0.09 * (0 - DRY), d25 = 0.09 * (WATER - FOREST), d82 = 0.09 * (FOREST - 0);
        Table gainLoss = (Table) out.get("gainLoss");
        double sumAll = 0;
        for (int r = 0; r < gainLoss.rowCount(); r++) {
            if ("all".equals(gainLoss.get(r, "region_id"))) sumAll += number(gainLoss, r, "delta_esv");
        }
        double before0 = 0.09 * (DRY + DRY + WATER + FOREST + 0), after0 = 0.09 * (0 + DRY + WATER + WATER + FOREST);
        assertEquals(after0 - before0, sumAll, 1e-8);
        assertEquals(d18 + d25 + d82, after0 - before0, 1e-8);
        Table summary = (Table) out.get("summary");
        int all = TestGrids.row(summary, "region_id", "all");
        assertEquals(before0, number(summary, all, "esv_before"), 1e-8);
        assertEquals(after0, number(summary, all, "esv_after"), 1e-8);
        assertEquals(d25 + d82, number(summary, all, "gain"), 1e-8);
        assertEquals(d18, number(summary, all, "loss"), 1e-8);
        assertEquals(after0 - before0, number(summary, all, "net"), 1e-8);
        assertEquals((after0 - before0) / before0, number(summary, all, "change_index"), 1e-12);
        // west region = column 0: 1→8 and 2→5
        int west = TestGrids.row(summary, "region_name", "west");
        assertEquals(d18 + d25, number(summary, west, "net"), 1e-8);
        // without correction the coefficients are the same at both epochs: all of ΔESV is land-use effect
        Table decomposition = (Table) out.get("decomposition");
        assertEquals(after0 - before0, number(decomposition, "region_id", "all", "delta"), 1e-8);
        assertEquals(after0 - before0, number(decomposition, "region_id", "all", "land_use_effect"), 1e-8);
        assertEquals(0, number(decomposition, "region_id", "all", "correction_effect"), 0);
        assertEquals(0, number(decomposition, "region_id", "all", "interaction"), 1e-8);
        GridCoverage2D change = (GridCoverage2D) out.get("change");
        assertEquals(d25, sample(change, 0, 1), 1e-3);
        assertEquals(0, sample(change, 1, 0), 0);
        assertEquals(-9999, sample(change, 2, 1), 0);
    }

    // Own two-service table in currency per ha per year, 1 ha pixels (100 m in UTM 50N):
    //   class 1 (type a): s1 = 100 (corrected by NPP), s2 = 10 (not corrected); class 2 (type b): s1 = 300, s2 = 0.
    static final Table COEFFICIENTS = Table.builder("type_code", "s1", "s2").row("a", 100.0, 10.0).row("b", 300.0, 0.0).build();
    static final Table MAPPING = Table.builder("code", "types").row(1.0, "a").row(2.0, "b").build();
    static final Table GROUPS = Table.builder("service", "factor").row("s1", "npp").row("s2", "none").build();

    static GridGeometry2D hectareGrid() throws Exception {
        return org.esvflow.raster.Rasters.grid(3, 1, 500_000, 4_400_000, 100, org.geotools.referencing.CRS.decode("EPSG:32650", true));
    }

    @Test
    void correctedChangeIsDecomposedIntoLandUseCorrectionAndInteraction() throws Exception {
        GridGeometry2D grid = hectareGrid();
        GridCoverage2D lu0 = TestGrids.landUse(grid, new int[][] {{1, 1, 2}}), lu1 = TestGrids.landUse(grid, new int[][] {{1, 2, 2}});
        GridCoverage2D npp0 = TestGrids.values(grid, new double[][] {{2, 4, 6}}), npp1 = TestGrids.values(grid, new double[][] {{1, 2, 3}});
        // area means 4 and 2, pooled reference 3 for both epochs: F0 = (2/3, 4/3, 2), F1 = (1/3, 2/3, 1)
        // VC_e(k) = s1(k)·F_e + s2(k); per pixel (1 ha) vc00 (t1 coefficients, t1 land use), vc01, vc10, vc11:
        //   pixel 0, 1→1: 230/3, 230/3, 130/3, 130/3
        //   pixel 1, 1→2: 430/3, 400,   230/3, 200
        //   pixel 2, 2→2: 600,   600,   300,   300
        // before 820, after 1630/3, Δ = −830/3; land-use effect S01 − S00 = 770/3; correction effect S10 − S00 = −400;
        // interaction Σ[(vc11 − vc10) − (vc01 − vc00)] = (200 − 230/3) − (400 − 430/3) = −400/3; 770/3 − 400 − 400/3 = −830/3
        Map<String, Object> out = new ChangeProcess().execute(lu0, lu1, null, null, COEFFICIENTS, ValueCoefficients.Unit.CURRENCY, null,
                MAPPING, null, null, null, null, null, "2013,2023", null, npp0, npp1, null, null, null, null, 3.0, 3.0, null, null,
                null, null, GROUPS, null);
        Table d = (Table) out.get("decomposition");
        assertEquals(-830.0 / 3, number(d, "region_id", "all", "delta"), 1e-9);
        assertEquals(770.0 / 3, number(d, "region_id", "all", "land_use_effect"), 1e-9);
        assertEquals(-400, number(d, "region_id", "all", "correction_effect"), 1e-9);
        assertEquals(-400.0 / 3, number(d, "region_id", "all", "interaction"), 1e-9);
        Table summary = (Table) out.get("summary");
        assertEquals(820, number(summary, "region_id", "all", "esv_before"), 1e-9);
        assertEquals(1630.0 / 3, number(summary, "region_id", "all", "esv_after"), 1e-9);
        // change index −830/3 / 820; over 10 years: × 100 / 10 %/yr
        assertEquals(-830.0 / 3 / 820, number(summary, "region_id", "all", "change_index"), 1e-12);
        assertEquals(-830.0 / 3 / 820 * 10, number(summary, "region_id", "all", "annual_rate_pct"), 1e-9);
        // gain/loss on corrected values: 1→1 −100/3 (the factor fell), 1→2 +170/3, 2→2 −300; net = Δ
        Table gainLoss = (Table) out.get("gainLoss");
        assertEquals(3, gainLoss.rowCount());
        assertEquals(170.0 / 3, number(summary, "region_id", "all", "gain"), 1e-9);
        assertEquals(-100.0 / 3 - 300, number(summary, "region_id", "all", "loss"), 1e-9);
        assertEquals(200 - 430.0 / 3, number(gainLoss, 1, "delta_esv"), 1e-9);
        assertEquals(430.0 / 3, number(gainLoss, 1, "vc_from"), 1e-9);
        GridCoverage2D change = (GridCoverage2D) out.get("change");
        assertEquals(-100.0 / 3, sample(change, 0, 0), 1e-4);
        assertEquals(170.0 / 3, sample(change, 1, 0), 1e-4);
        assertEquals(-300, sample(change, 2, 0), 1e-4);

        // second method: esv:Value of each epoch with the same reference gives the same totals, so Σ change = total(t2) − total(t1)
        double[] totals = new double[2];
        GridCoverage2D[] lu = {lu0, lu1}, npp = {npp0, npp1};
        for (int e = 0; e < 2; e++) {
            Map<String, Object> value = new ValueProcess().execute(lu[e], null, null, null, null, COEFFICIENTS,
                    ValueCoefficients.Unit.CURRENCY, null, MAPPING, null, npp[e], null, null, null, null, null, 3.0, null, null, GROUPS,
                    false, null, null, null, null, null);
            totals[e] = number((Table) value.get("totals"), "quantity", "total_esv", "value");
        }
        assertEquals(totals[1] - totals[0], number(summary, "region_id", "all", "change"), 1e-9 * totals[0]);
    }

    @Test
    void correctionNeedsBothEpochsAndComputesMissingMeans() throws Exception {
        GridGeometry2D grid = hectareGrid();
        GridCoverage2D lu0 = TestGrids.landUse(grid, new int[][] {{1, 1, 2}}), lu1 = TestGrids.landUse(grid, new int[][] {{1, 2, 2}});
        GridCoverage2D npp0 = TestGrids.values(grid, new double[][] {{2, 4, 6}}), npp1 = TestGrids.values(grid, new double[][] {{1, 2, 3}});
        org.esvflow.process.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.esvflow.process.InvalidInputException.class, () -> new ChangeProcess().execute(lu0, lu1, null, null, COEFFICIENTS,
                        ValueCoefficients.Unit.CURRENCY, null, MAPPING, null, null, null, null, null, null, null, npp0, null, null, null,
                        null, null, null, null, null, null, null, null, GROUPS, null));
        assertEquals("nppAfter", e.getInput());
        // no reference means: each epoch divides by its own area mean (4 and 2): F0 = (1/2, 1, 3/2), F1 = (1/2, 1, 3/2)
        // before = (50+10) + (100+10) + 450 = 620, after = (50+10) + 300 + 450 = 810
        Map<String, Object> out = new ChangeProcess().execute(lu0, lu1, null, null, COEFFICIENTS, ValueCoefficients.Unit.CURRENCY, null,
                MAPPING, null, null, null, null, null, null, null, npp0, npp1, null, null, null, null, null, null, null, null, null,
                null, GROUPS, null);
        Table summary = (Table) out.get("summary");
        assertEquals(620, number(summary, "region_id", "all", "esv_before"), 1e-9);
        assertEquals(810, number(summary, "region_id", "all", "esv_after"), 1e-9);
        assertEquals(0, number((Table) out.get("decomposition"), "region_id", "all", "correction_effect"), 1e-9);
        assertEquals(null, summary.get(0, "annual_rate_pct"));
    }
}
