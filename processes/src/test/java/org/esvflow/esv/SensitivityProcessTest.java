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
                null, null, null, null, null, null, null, null, null, null, null, false, null);
        return number((Table) out.get("totals"), "quantity", "total_esv", "value");
    }

    @Test
    void coefficientsMatchFullRecomputation() throws Exception {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(4, 2), new int[][] {{1, 1, 2, 5}, {4, 2, 8, 9}});
        Table t = new SensitivityProcess().execute(lu, 1000.0, null, null, null, null, null, null, 0.5, null);
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
}
