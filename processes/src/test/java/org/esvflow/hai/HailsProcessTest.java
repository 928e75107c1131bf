package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;

/**
 * The hand grid (CLCD codes, 255 nodata), 30 m pixels of 0.09 ha:
 * <pre>
 *   8 8 1 2
 *   8 1 1 2
 *   5 4 . 2
 * </pre>
 * CI: impervious 8 → 1, cropland 1 → 0.2, forest 2 → 0, water 5 → 0, grassland 4 → 0.067.
 */
class HailsProcessTest {
    static final int N = 255;
    static final int[][] GRID = {{8, 8, 1, 2}, {8, 1, 1, 2}, {5, 4, N, 2}};

    private static Map<String, Object> run(Table coefficients, Classification cls, Integer window, Double cell,
                                           boolean withRegions, int[][] grid) throws Exception {
        return new HailsProcess().execute(HaiTestRasters.classes(grid), cls, coefficients, window, cell,
                withRegions ? HaiTestRasters.regions(new String[] {"west", "east"}, new int[][] {{0, 2, 0, 3}, {2, 4, 0, 3}}) : null,
                "name", null, null);
    }

    private static double number(Table t, int row, String column) {
        return ((Number) t.get(row, column)).doubleValue();
    }

    @Test
    void wholeRasterRegionsAndClasses() throws Exception {
        Map<String, Object> out = run(null, Classification.CLCD, null, null, true, GRID);
        Table total = (Table) out.get("total");
        // 11 classified pixels: Σ CI = 3·1 + 3·0.2 + 3·0 + 0 + 0.067 = 3.667; HAILS = 3.667 / 11 = 0.33336…
        assertEquals(11, number(total, 0, "pixels"));
        assertEquals(11 * 0.09, number(total, 0, "area_ha"), 1e-12);
        assertEquals(3.667 * 0.09, number(total, 0, "cle_area_ha"), 1e-12);
        assertEquals(3.667 / 11, number(total, 0, "hails_index"), 1e-12);
        assertEquals(100 * 3.667 / 11, number(total, 0, "hails_pct"), 1e-10);
        assertEquals(5, number(total, 0, "grade"));
        assertEquals("very high", total.get(0, "grade_name"));
        Table regions = (Table) out.get("regions");
        // west (columns 0–1): 8 8 8 1 5 4 → (3 + 0.2 + 0.067) / 6 = 3.267 / 6 = 0.5445
        assertEquals(3.267 / 6, number(regions, 0, "hails_index"), 1e-12);
        // east (columns 2–3): 1 2 1 2 2 (one nodata) → 0.4 / 5 = 0.08 → 8 %: low
        assertEquals(0.08, number(regions, 1, "hails_index"), 1e-12);
        assertEquals("low", regions.get(1, "grade_name"));
        Table classes = (Table) out.get("classes");
        assertEquals(5, classes.rowCount()); // codes 1, 2, 4, 5, 8
        assertEquals(8, ((Number) classes.get(4, "code")).intValue());
        assertEquals(3 * 0.09, number(classes, 4, "cle_area_ha"), 1e-12);
    }

    @Test
    void movingWindowClipsAtEdgesAndSkipsNodata() throws Exception {
        Map<String, Object> out = run(null, Classification.CLCD, 3, null, false, GRID);
        Raster hails = ((GridCoverage2D) out.get("hails")).getRenderedImage().getData();
        Raster grade = ((GridCoverage2D) out.get("hailsGrade")).getRenderedImage().getData();
        // (1,1): all 9 neighbours but the nodata one: 8 8 1 8 1 1 5 4 → 3.667 / 8 = 45.8375 %
        assertEquals(45.8375f, hails.getSampleFloat(1, 1, 0), 1e-4f);
        // (0,0) corner: 8 8 / 8 1 → 3.2 / 4 = 80 %
        assertEquals(80f, hails.getSampleFloat(0, 0, 0), 1e-4f);
        // (3,2) corner: 1 2 / nodata 2 → 0.2 / 3 = 6.667 %: low
        assertEquals(100 * 0.2 / 3, hails.getSampleFloat(3, 2, 0), 1e-4f);
        assertEquals(2, grade.getSample(3, 2, 0));
        // (2,2) is nodata itself
        assertEquals(-9999f, hails.getSampleFloat(2, 2, 0), 0);
        assertEquals(0, grade.getSample(2, 2, 0));
        // a 1-pixel window is the pixel's own coefficient
        Raster single = ((GridCoverage2D) run(null, Classification.CLCD, 1, null, false, GRID).get("hails"))
                .getRenderedImage().getData();
        assertEquals(20f, single.getSampleFloat(2, 0, 0), 1e-5f);
        assertEquals(6.7f, single.getSampleFloat(1, 2, 0), 1e-5f);
    }

    @Test
    void fishnetOfTwoByTwoPixelCells() throws Exception {
        Map<String, Object> out = run(null, Classification.CLCD, null, 60.0, false, GRID);
        Table cells = (Table) out.get("cellTable");
        assertEquals(4, cells.rowCount());
        // r0c0: 8 8 8 1 → 3.2/4 = 80 %; r0c1: 1 2 1 2 → 0.4/4 = 10 % (medium, 10 is the lower bound);
        // r1c0: 5 4 → 0.067/2 = 3.35 %; r1c1: nodata 2 → 0 %
        assertEquals("r0c0", cells.get(0, "cell_id"));
        assertEquals(80, number(cells, 0, "hails_pct"), 1e-10);
        assertEquals(10, number(cells, 1, "hails_pct"), 1e-10);
        assertEquals("medium", cells.get(1, "grade_name"));
        assertEquals(3.35, number(cells, 2, "hails_pct"), 1e-10);
        assertEquals(0, number(cells, 3, "hails_pct"), 0);
        assertEquals(1, number(cells, 3, "pixels"));
        assertEquals(HaiTestRasters.ORIGIN_X + 90, number(cells, 1, "x"), 1e-9); // centre of the second 60 m column
        assertEquals(HaiTestRasters.ORIGIN_Y - 90, number(cells, 2, "y"), 1e-9);
        Raster raster = ((GridCoverage2D) out.get("cells")).getRenderedImage().getData();
        assertEquals(2, raster.getWidth());
        assertEquals(80f, raster.getSampleFloat(0, 0, 0), 1e-5f);
        assertEquals(3.35f, raster.getSampleFloat(0, 1, 0), 1e-5f);
    }

    @Test
    void casTableAndUserTable() throws Exception {
        // CAS: 51 urban 1, 12 dry land 0.2, 43 reservoir 0.067, 24 orchard 0.133 → (1 + 0.2 + 0.067 + 0.133)/4 = 0.35
        int[][] cas = {{51, 12}, {43, 24}};
        Table total = (Table) run(null, Classification.CAS, null, null, false, cas).get("total");
        assertEquals(0.35, number(total, 0, "hails_index"), 1e-12);
        // a user table taking the 0.600 reservoir coefficient: (1 + 0.2 + 0.6 + 0.133)/4 = 0.48325
        Table own = Table.builder("code", "ci").row(51L, 1.0).row(12L, 0.2).row(43L, 0.6).row(24L, 0.133).build();
        total = (Table) run(own, null, null, null, false, cas).get("total");
        assertEquals(0.48325, number(total, 0, "hails_index"), 1e-12);
    }

    @Test
    void unknownCodesAndBadParametersAreRejected() {
        Table partial = Table.builder("code", "ci").row(8L, 1.0).row(1L, 0.2).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(partial, null, null, null, false, GRID));
        assertEquals("coefficients", e.getInput());
        assertTrue(e.getMessage().contains("[2, 4, 5]"), e.getMessage());
        assertEquals("windowSize", assertThrows(InvalidInputException.class,
                () -> run(null, Classification.CLCD, 4, null, false, GRID)).getInput());
        Table bad = Table.builder("code", "ci").row(8L, 1.5).build();
        assertEquals("coefficients", assertThrows(InvalidInputException.class,
                () -> run(bad, null, null, null, false, GRID)).getInput());
    }
}
