package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;

class SensitivityProcessTest {

    /** Total ESV by esv:Value with the Xie 2015 table in which every coefficient of {@code type} is multiplied by {@code factor}. */
    static double totalWithScaledType(GridCoverage2D lu, String type, double factor) throws Exception {
        Table xie = Csv.read(new InputStreamReader(ValueCoefficients.class.getResourceAsStream("xie2015.csv"), StandardCharsets.UTF_8));
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : xie.rows()) {
            Object[] copy = row.clone();
            if (type.equals(row[0])) for (int c = 3; c <= 13; c++) copy[c] = ((Number) row[c]).doubleValue() * factor;
            rows.add(copy);
        }
        Map<String, Object> out = new ValueProcess().execute(lu, 1000.0, null, null, null, new Table(xie.columns(), rows), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, false, null, null, null, null, null);
        return number((Table) out.get("totals"), "quantity", "total_esv", "value");
    }

    @Test
    void coefficientsMatchFullRecomputation() throws Exception {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(4, 2), new int[][] {{1, 1, 2, 5}, {4, 2, 8, 9}});
        Table t = new SensitivityProcess().execute(lu, null, SensitivityProcess.By.TYPE, null, 1000.0, null, null, null, null, null, null, 0.5, null);
        double base = totalWithScaledType(lu, "dry_land", 1.0);
        for (String type : List.of("dry_land", "coniferous", "water", "steppe", "wetland")) {
            for (double adj : new double[] {0.5, -0.5}) {
                double esv = totalWithScaledType(lu, type, 1 + adj);
                double cs = ((esv - base) / base) / adj;
                int row = -1;
                for (int r = 0; r < t.rowCount(); r++) {
                    if (type.equals(t.get(r, "type")) && number(t, r, "adjustment_pct") == 100 * adj) row = r;
                }
                assertEquals(esv, number(t, row, "esv_adjusted"), 1e-8, type + " " + adj);
                assertEquals(cs, number(t, row, "cs"), 1e-12, type + " " + adj);
            }
        }
        // types no class uses (paddy) are left out; built_up (value 0) has CS 0
        for (int r = 0; r < t.rowCount(); r++) {
            if ("built_up".equals(t.get(r, "type"))) assertEquals(0, number(t, r, "cs"), 0);
            assertEquals(false, "paddy".equals(t.get(r, "type")));
        }
    }

    /**
     * Two classes by hand. 3 × 1 pixels of 30 m (0.09 ha): cropland (1 → dry_land), cropland, water (5 → water),
     * D = 1000 CNY. Xie 2015 Σ VC: dry_land 0.85+0.40+0.02+0.67+0.36+0.10+0.27+1.03+0.12+0.13+0.06 = 4.01 eq → 4010
     * CNY/ha/yr; water 0.80+0.23+8.29+0.77+2.29+5.55+102.24+0.93+0.07+2.55+1.89 = 125.61 eq → 125 610 CNY/ha/yr.
     * ESV_cropland = 0.18 ha · 4010 = 721.8; ESV_water = 0.09 · 125 610 = 11 304.9; total 12 026.7 CNY/yr.
     * +50 % of cropland's coefficients: 12 026.7 + 360.9 = 12 387.6 → CS = (360.9 / 12 026.7) / 0.5 = 721.8 / 12 026.7.
     */
    @Test
    void perClassByHandOnTwoClasses() {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 1), new int[][] {{1, 1, 5}});
        Table t = new SensitivityProcess().execute(lu, null, null, 2013, 1000.0, null, null, null, null, null, null, null, null);
        assertEquals(List.of("year", "code", "label", "cs_plus", "cs_minus", "esv_class", "esv_base", "esv_plus", "esv_minus"), t.columns());
        assertEquals(2, t.rowCount());
        assertEquals(2013, ((Number) t.get(0, "year")).intValue());
        assertEquals(1, ((Number) t.get(0, "code")).intValue());
        assertEquals("cropland", t.get(0, "label"));
        assertEquals(721.8, number(t, 0, "esv_class"), 1e-9);
        assertEquals(12_026.7, number(t, 0, "esv_base"), 1e-9);
        assertEquals(12_387.6, number(t, 0, "esv_plus"), 1e-9);
        assertEquals(11_665.8, number(t, 0, "esv_minus"), 1e-9);
        assertEquals(721.8 / 12_026.7, number(t, 0, "cs_plus"), 1e-12);
        assertEquals(721.8 / 12_026.7, number(t, 0, "cs_minus"), 1e-12);
        assertEquals(11_304.9 / 12_026.7, number(t, 1, "cs_plus"), 1e-12);
        assertEquals(11_304.9 / 12_026.7, number(t, 1, "cs_minus"), 1e-12);
    }

    /**
     * From an esv:Value byClass table (the pipeline's corrected ESV): classes 1 and 2 worth 300 and 100 CNY/yr.
     * +50 % of class 1: 400 → 550, CS = (150/400)/0.5 = 0.75; −50 %: 250, CS = (−150/400)/(−0.5) = 0.75; class 2: 0.25.
     */
    @Test
    void perClassFromAnEsvTable() {
        Table byClass = Table.builder("code", "label", "esv_total").row(1L, "cropland", 300.0).row(2L, "forest", 100.0).build();
        Table t = new SensitivityProcess().execute(null, byClass, null, null, null, null, null, null, null, null, null, 0.5, null);
        assertEquals(List.of("code", "label", "cs_plus", "cs_minus", "esv_class", "esv_base", "esv_plus", "esv_minus"), t.columns());
        assertEquals(0.75, number(t, 0, "cs_plus"), 1e-15);
        assertEquals(0.75, number(t, 0, "cs_minus"), 1e-15);
        assertEquals(550, number(t, 0, "esv_plus"), 0);
        assertEquals(250, number(t, 0, "esv_minus"), 0);
        assertEquals(0.25, number(t, 1, "cs_plus"), 1e-15);
    }

    /**
     * On the corrected ESV, against a second method: esv:Value recomputed with class 1's coefficients really scaled
     * by 1.5 and 0.5 (an own coefficient table in which class 1's type is scaled), with an NPP correction that varies
     * per pixel. The linear shortcut of by=CLASS must agree with the full recomputation.
     */
    @Test
    void perClassOnCorrectedEsvMatchesRecomputation() {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), new int[][] {{1, 1, 2}, {2, 1, 2}});
        GridCoverage2D npp = TestGrids.values(TestGrids.utm(3, 2), new double[][] {{100, 300, 200}, {50, 400, 250}});
        Table mapping = Table.builder("code", "types", "label").row(1L, "a", "one").row(2L, "b", "two").build();
        double base = correctedTotal(lu, npp, mapping, 1.0);
        Table byClass = (Table) valueRun(lu, npp, mapping, 1.0).get("byClass");
        Table t = new SensitivityProcess().execute(null, byClass, null, null, null, null, null, null, null, null, null, 0.5, null);
        for (double adj : new double[] {0.5, -0.5}) {
            double esv = correctedTotal(lu, npp, mapping, 1 + adj);
            double cs = ((esv - base) / base) / adj;
            assertEquals(cs, number(t, 0, adj > 0 ? "cs_plus" : "cs_minus"), 1e-9, "class 1, " + adj);
            assertEquals(esv, number(t, 0, adj > 0 ? "esv_plus" : "esv_minus"), Math.abs(esv) * 1e-12, "class 1, " + adj);
        }
    }

    private static double correctedTotal(GridCoverage2D lu, GridCoverage2D npp, Table mapping, double scaleOfA) {
        return number((Table) valueRun(lu, npp, mapping, scaleOfA).get("totals"), "quantity", "total_esv", "value");
    }

    /** esv:Value, pixel NPP correction, types a and b valued in CNY: food_production (npp group) and water_supply (precipitation, absent). */
    private static Map<String, Object> valueRun(GridCoverage2D lu, GridCoverage2D npp, Table mapping, double scaleOfA) {
        Table coefficients = Table.builder("type_code", "food_production", "water_supply")
                .row("a", 100.0 * scaleOfA, 40.0 * scaleOfA).row("b", 30.0, 7.0).build();
        return new ValueProcess().execute(lu, 1.0, null, null, null, coefficients, ValueCoefficients.Unit.CURRENCY, null, mapping,
                null, npp, null, null, null, null, null, null, null, null, null, false, null, null, null, null, null);
    }
}
