package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.Raster;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;

/**
 * Three regions of two columns each on a 6 × 2 grid, built so that the region means are those of
 * {@link EntropyWeightsTest#handComputedTable}: A = 1, 2, 3 and B = 10, 10, 40.
 */
class CompositeHaiProcessTest {
    // A per pixel: region 1 mean (0+2+1+1)/4 = 1, region 2 mean 2, region 3 mean (3+3+2+4)/4 = 3
    static final double[][] A = {{0, 2, 2, 2, 3, 3}, {1, 1, 2, 2, 2, 4}};
    // B per pixel: 10, 10, and 40 with one nodata pixel in region 3 (mean of the valid three is 40)
    static final double[][] B = {{10, 10, 10, 10, 40, -9999}, {10, 10, 10, 10, 40, 40}};
    static final double W_A = 0.2960819109658653; // from EntropyWeightsTest: (1 − e_A) / (2 − e_A)

    private static Map<String, Object> run(String weights, boolean regions, Double cellSize, Integer year) throws Exception {
        GridCoverage2D a = HaiTestRasters.values("a", 6, 2, (x, y) -> A[y][x]);
        GridCoverage2D b = HaiTestRasters.values("b", 6, 2, (x, y) -> B[y][x]);
        return new CompositeHaiProcess().execute(List.of(a, b), "light,population", weights,
                regions ? List.of(HaiTestRasters.regions(new String[] {"r1", "r2", "r3"},
                        new int[][] {{0, 2, 0, 2}, {2, 4, 0, 2}, {4, 6, 0, 2}})) : null,
                "name", null, null, cellSize, year, null);
    }

    private static double number(Table t, int row, String column) {
        return ((Number) t.get(row, column)).doubleValue();
    }

    @Test
    void entropyWeightedRegions() throws Exception {
        Map<String, Object> out = run(null, true, null, 2020);
        Table regions = (Table) out.get("regions");
        assertEquals(List.of("region_set", "region_id", "region_name", "year", "area_ha", "light", "population", "light_norm",
                "population_norm", "hai"), regions.columns());
        assertEquals(1, number(regions, 0, "light"), 1e-12);
        assertEquals(40, number(regions, 2, "population"), 1e-12);
        assertEquals(0, number(regions, 0, "hai"), 1e-15);
        assertEquals(0.5 * W_A, number(regions, 1, "hai"), 1e-12);
        assertEquals(1, number(regions, 2, "hai"), 1e-12);
        assertEquals(4 * 0.09, number(regions, 0, "area_ha"), 1e-12);
        assertEquals(2020, ((Number) regions.get(0, "year")).intValue());
        Table weights = (Table) out.get("regionWeights");
        assertEquals(W_A, number(weights, 0, "weight"), 1e-12);
        assertEquals(1 - W_A, number(weights, 1, "weight"), 1e-12);
        assertEquals("entropy", weights.get(0, "method"));
        assertNull(out.get("cells"));
    }

    @Test
    void userWeightsAndFishnetCells() throws Exception {
        Map<String, Object> out = run("1,3", false, 60.0, null); // 60 m cells = the three regions
        Table cells = (Table) out.get("cells");
        assertEquals(3, cells.rowCount());
        // w = 0.25, 0.75: cell 2 has A' = 0.5, B' = 0 → 0.125
        assertEquals(0.125, number(cells, 1, "hai"), 1e-15);
        assertEquals(1, number(cells, 2, "hai"), 1e-15);
        assertEquals("user", ((Table) out.get("cellWeights")).get(0, "method"));
        Raster raster = ((GridCoverage2D) out.get("cellHai")).getRenderedImage().getData();
        assertEquals(0.125f, raster.getSampleFloat(1, 0, 0), 0);
    }

    @Test
    void needsUnitsAndConsistentLists() {
        assertEquals("regions", assertThrows(InvalidInputException.class, () -> run(null, false, null, null)).getInput());
        assertEquals("weights", assertThrows(InvalidInputException.class, () -> run("1", true, null, null)).getInput());
        assertEquals("weights", assertThrows(InvalidInputException.class, () -> run("1,-2", true, null, null)).getInput());
    }

    @Test
    void severalRegionSetsAreNormalisedEachOnItsOwn() throws Exception {
        GridCoverage2D a = HaiTestRasters.values("a", 6, 2, (x, y) -> A[y][x]);
        GridCoverage2D b = HaiTestRasters.values("b", 6, 2, (x, y) -> B[y][x]);
        var thirds = HaiTestRasters.regions(new String[] {"r1", "r2", "r3"}, new int[][] {{0, 2, 0, 2}, {2, 4, 0, 2}, {4, 6, 0, 2}});
        var halves = HaiTestRasters.regions(new String[] {"west", "east"}, new int[][] {{0, 3, 0, 2}, {3, 6, 0, 2}});
        Map<String, Object> out = new CompositeHaiProcess().execute(List.of(a, b), "light,population", null,
                List.of(thirds, halves), "name", null, "counties,provinces", null, 2020, null);
        Table regions = (Table) out.get("regions");
        assertEquals(5, regions.rowCount());
        assertEquals("counties", regions.get(0, "region_set"));
        assertEquals(0.5 * W_A, number(regions, 1, "hai"), 1e-12); // the three regions as in entropyWeightedRegions
        // west: A = (0 + 2 + 2 + 1 + 1 + 2)/6 = 8/6, B = 10; east: A = (2 + 3 + 3 + 2 + 2 + 4)/6 = 16/6, B = 140/5 = 28
        // two units: each indicator normalises to 0, 1 (p = 0, 1, e = 0), weights 0.5 and 0.5 → HAI 0 and 1
        assertEquals("provinces", regions.get(3, "region_set"));
        assertEquals(8 / 6.0, number(regions, 3, "light"), 1e-12);
        assertEquals(28, number(regions, 4, "population"), 1e-12);
        assertEquals(0, number(regions, 3, "hai"), 1e-15);
        assertEquals(1, number(regions, 4, "hai"), 1e-15);
        Table weights = (Table) out.get("regionWeights");
        assertEquals(List.of("region_set", "indicator", "min", "max", "entropy", "weight", "method"), weights.columns());
        assertEquals(W_A, number(weights, 0, "weight"), 1e-12);
        assertEquals(0.5, number(weights, 2, "weight"), 1e-15);
        assertEquals("regionSets", assertThrows(InvalidInputException.class, () -> new CompositeHaiProcess().execute(
                List.of(a, b), null, null, List.of(thirds, halves), "name", null, "same", null, null, null)).getInput());
    }
}
