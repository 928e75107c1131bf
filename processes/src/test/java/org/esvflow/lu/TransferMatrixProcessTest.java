package org.esvflow.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.esvflow.esv.TestGrids;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;

class TransferMatrixProcessTest {
    static final double PX = 0.09; // ha per 30 m pixel

    static int row(Table t, String period, String column, Object value) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (period.equals(t.get(r, "period")) && String.valueOf(value).equals(String.valueOf(t.get(r, column)))) return r;
        }
        throw new AssertionError("no row " + period + " " + column + "=" + value);
    }

    static double at(Table t, String period, String key, Object value, String column) {
        Object v = t.get(row(t, period, key, value), column);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @Test
    void threeEpochsGiveConsecutivePeriodsAndSpan() {
        GridGeometry2D grid = TestGrids.utm(3, 3);
        GridCoverage2D e0 = TestGrids.landUse(grid, new int[][] {{1, 1, 1}, {2, 2, 5}, {5, 5, 255}});
        GridCoverage2D e1 = TestGrids.landUse(grid, new int[][] {{1, 1, 8}, {2, 1, 5}, {5, 9, 5}});
        GridCoverage2D e2 = TestGrids.landUse(grid, new int[][] {{8, 1, 8}, {2, 1, 5}, {9, 9, 5}});
        Map<String, Object> out = new TransferMatrixProcess().execute(List.of(e0, e1, e2), "2000,2010,2020", null);
        Table matrix = (Table) out.get("matrix"), classes = (Table) out.get("classes"), periods = (Table) out.get("periods");

        // 2000→2010, pixel (2,2) is nodata in 2000: 8 pixels; 1→1 ×2, 1→8, 2→2, 2→1, 5→5 ×2, 5→9
        assertEquals(2 * PX, at(matrix, "2000-2010", "from_class", "1", "to_1"), 1e-12);
        assertEquals(PX, at(matrix, "2000-2010", "from_class", "1", "to_8"), 1e-12);
        assertEquals(3 * PX, at(matrix, "2000-2010", "from_class", "1", "total_start"), 1e-12);
        assertEquals(PX, at(matrix, "2000-2010", "from_class", "1", "transferred_out"), 1e-12);
        assertEquals(3 * PX, at(matrix, "2000-2010", "from_class", "total_end", "to_1"), 1e-12);
        assertEquals(PX, at(matrix, "2000-2010", "from_class", "transferred_in", "to_1"), 1e-12);
        assertEquals(0, at(classes, "2000-2010", "class", 1, "single_dynamic_degree_pct_per_year"), 1e-12);
        assertEquals((1.0 - 2) / 2 / 10 * 100, at(classes, "2000-2010", "class", 2, "single_dynamic_degree_pct_per_year"), 1e-9);
        assertEquals((2.0 - 3) / 3 / 10 * 100, at(classes, "2000-2010", "class", 5, "single_dynamic_degree_pct_per_year"), 1e-9);
        assertNull(classes.get(row(classes, "2000-2010", "class", 8), "single_dynamic_degree_pct_per_year"));
        // LC = changed 3 px / (2 × 8 px) / 10 y × 100
        assertEquals(3.0 / 16 / 10 * 100, at(periods, "2000-2010", "from_year", "2000", "comprehensive_dynamic_degree_pct_per_year"), 1e-9);
        assertEquals(8 * PX, at(periods, "2000-2010", "from_year", "2000", "total_ha"), 1e-12);

        // 2010→2020: 9 pixels, changes 1→8 at (0,0) and 5→9 at (0,2)
        assertEquals(2.0 / 18 / 10 * 100, at(periods, "2010-2020", "from_year", "2010", "comprehensive_dynamic_degree_pct_per_year"), 1e-9);

        // span 2000→2020: 8 pixels, changes 1→8 ×2, 2→1, 5→9 ×2 = 5 px; class 1: 3 px → 2 px over 20 years
        assertEquals(5.0 / 16 / 20 * 100, at(periods, "2000-2020", "from_year", "2000", "comprehensive_dynamic_degree_pct_per_year"), 1e-9);
        assertEquals((2.0 - 3) / 3 / 20 * 100, at(classes, "2000-2020", "class", 1, "single_dynamic_degree_pct_per_year"), 1e-9);
        assertEquals(2 * PX, at(classes, "2000-2020", "class", 8, "in_ha"), 1e-12);
        Table transitions = (Table) out.get("transitions");
        // non-zero cells: 2000-2010 {1→1, 1→8, 2→2, 2→1, 5→5, 5→9}; 2010-2020 {1→8, 1→1, 8→8, 2→2, 5→5, 5→9, 9→9};
        // 2000-2020 {1→8, 1→1, 2→2, 2→1, 5→5, 5→9}
        assertEquals(6 + 7 + 6, transitions.rowCount());

        // K and LC together, one row per period × class (classes 1, 2, 5, 8, 9 of any period): 3 periods × 5 classes
        Table degrees = (Table) out.get("dynamicDegree");
        assertEquals(List.of("period", "from_year", "to_year", "years", "class", "area_start_ha", "area_end_ha", "k_pct_per_year",
                "lc_pct_per_year"), degrees.columns());
        assertEquals(3 * 5, degrees.rowCount());
        // K of class 2, 2000→2010: 2 px → 1 px, (1 − 2)/2/10·100 = −5 %/yr; LC of that period 3/16/10·100 = 1.875 %/yr
        assertEquals(-5, at(degrees, "2000-2010", "class", 2, "k_pct_per_year"), 1e-12);
        assertEquals(1.875, at(degrees, "2000-2010", "class", 2, "lc_pct_per_year"), 1e-12);
        assertEquals(2 * PX, at(degrees, "2000-2010", "class", 2, "area_start_ha"), 1e-12);
        assertEquals(PX, at(degrees, "2000-2010", "class", 2, "area_end_ha"), 1e-12);
        // span 2000→2020, class 9: absent in 2000 (K undefined), 2 px in 2020; LC 5/16/20·100 = 1.5625 %/yr
        assertNull(degrees.get(row(degrees, "2000-2020", "class", 9), "k_pct_per_year"));
        assertEquals(1.5625, at(degrees, "2000-2020", "class", 9, "lc_pct_per_year"), 1e-12);
        assertEquals(20.0, at(degrees, "2000-2020", "class", 1, "years"), 0);
    }

    @Test
    void yearsMustMatchEpochs() {
        GridCoverage2D e = TestGrids.landUse(TestGrids.utm(1, 1), new int[][] {{1}});
        assertThrows(InvalidInputException.class, () -> new TransferMatrixProcess().execute(List.of(e, e), "2000", null));
        assertThrows(InvalidInputException.class, () -> new TransferMatrixProcess().execute(List.of(e, e), "2010,2000", null));
    }
}
