package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.esv.TestGrids;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

/** gd:Sample on a hand grid: cell means, majorities and their shares, the valid-pixel fraction, change and seeds. */
class SampleProcessTest {
    static final double N = -1; // nodata

    /** 6 × 4 pixels of 10 m from (500 000, 4 000 040); 20 m cells are 2 × 2 pixels: 3 columns × 2 rows of cells. */
    static final GridGeometry2D GRID = grid(6, 4);

    static final double[][] Y = {
        {1, 2, 3, 4, 5, 6},
        {3, 4, 5, N, 7, 8},
        {0, 0, 9, 9, N, N},
        {0, 4, 9, 9, N, 2}};
    static final double[][] CLASS = {
        {1, 1, 2, 3, 5, 5},
        {1, 2, 3, 3, 5, 5},
        {7, 7, 4, 4, 6, 6},
        {7, 8, 4, 4, 6, 6}};

    static GridGeometry2D grid(int w, int h) {
        try {
            return Rasters.grid(w, h, 500_000, 4_000_040, 10, CRS.decode("EPSG:32650", true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static GridCoverage2D raster(String name, double[][] v) {
        return TestGrids.of(name, GRID, DataBuffer.TYPE_FLOAT, N, (x, y) -> v[y][x]);
    }

    /** Column index = pixel column (a continuous factor). */
    static GridCoverage2D column() {
        return TestGrids.of("col", GRID, DataBuffer.TYPE_FLOAT, N, (x, y) -> x);
    }

    static Map<String, Object> sample(GridCoverage2D yBefore, SampleProcess.Aggregate aggregate, Double minValidFraction) {
        return new SampleProcess().execute(raster("y", Y), "esv", yBefore, List.of(raster("cls", CLASS), column()), "cls,col", "cls",
                SampleProcess.Design.FISHNET, 20.0, aggregate, minValidFraction, null, null, null);
    }

    /** Rows as lists of numbers (x, y as offsets in 10 m pixels from the corner, to read them as cells). */
    static List<List<Double>> rows(Table t) {
        List<List<Double>> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            List<Double> row = new ArrayList<>();
            row.add(((Double) r[0] - 500_000) / 10);
            row.add((4_000_040 - (Double) r[1]) / 10);
            for (int i = 2; i < r.length; i++) row.add(((Number) r[i]).doubleValue());
            out.add(row);
        }
        return out;
    }

    @Test
    void cellMeansMajoritiesSharesAndTheValidFraction() {
        Map<String, Object> out = sample(null, null, null); // defaults: MEAN, at least half the cell valid
        Table t = (Table) out.get("samples");
        assertEquals(List.of("x_coord", "y_coord", "esv", "cls", "col", "cls_share"), t.columns());
        // A pixel counts when Y and every factor are valid there. Cell by cell (centres at 1, 3, 5 pixels):
        //  (0,0) Y 1 2 3 4 → 2.5; classes 1 1 1 2 → 1, share 3/4; col 0 1 0 1 → 0.5
        //  (0,1) Y 3 4 5 (4th is nodata) → 4; classes 2 3 3 → 3, share 2/3; col 2 3 2 → 7/3; 3 of 4 valid ≥ 0.5
        //  (0,2) Y 5 6 7 8 → 6.5; classes 5 5 5 5 → 5, share 1; col → 4.5
        //  (1,0) Y 0 0 0 4 → 1; classes 7 7 7 8 → 7, share 3/4; col → 0.5
        //  (1,1) Y 9 9 9 9 → 9; classes 4 → 4, share 1; col → 2.5
        //  (1,2) only the pixel with Y 2 valid: 1 of 4 < 0.5 → dropped
        assertEquals(List.of(
                List.of(1.0, 1.0, 2.5, 1.0, 0.5, 0.75),
                List.of(3.0, 1.0, 4.0, 3.0, 7.0 / 3, 2.0 / 3),
                List.of(5.0, 1.0, 6.5, 5.0, 4.5, 1.0),
                List.of(1.0, 3.0, 1.0, 7.0, 0.5, 0.75),
                List.of(3.0, 3.0, 9.0, 4.0, 2.5, 1.0)), rows(t));
        assertEquals(1, out.get("dropped"));
        assertEquals(7L, t.rows().get(3)[3], "categorical values stay integers");

        // with a quarter enough, cell (1,2) is kept: Y 2, class 6 (share 1), col 5
        Table quarter = (Table) sample(null, SampleProcess.Aggregate.MEAN, 0.25).get("samples");
        assertEquals(List.of(5.0, 3.0, 2.0, 6.0, 5.0, 1.0), rows(quarter).get(5));
    }

    @Test
    void majorityTakesTheMostFrequentValueAndTheSmallestOnTies() {
        Table t = (Table) sample(null, SampleProcess.Aggregate.MAJORITY, null).get("samples");
        // Y: (0,0) 1 2 3 4 all once → 1; (0,1) 3 4 5 → 3; (0,2) → 5; (1,0) 0 0 0 4 → 0; (1,1) → 9.
        // col: (0,0) 0 1 0 1 tie → 0; (0,1) 2 3 2 → 2; (0,2) 4 5 4 5 → 4; (1,0) → 0; (1,1) → 2
        List<List<Double>> rows = rows(t);
        assertEquals(List.of(1.0, 3.0, 5.0, 0.0, 9.0), rows.stream().map(r -> r.get(2)).toList());
        assertEquals(List.of(0.0, 2.0, 4.0, 0.0, 2.0), rows.stream().map(r -> r.get(4)).toList());
        assertEquals(List.of(1.0, 3.0, 5.0, 7.0, 4.0), rows.stream().map(r -> r.get(3)).toList());
    }

    @Test
    void centreTakesThePixelAtTheCellCentre() {
        Map<String, Object> out = sample(null, SampleProcess.Aggregate.CENTRE, null);
        // cell centres at pixel coordinates 1, 3, 5 (column) and 1, 3 (row): pixels (1,1) (1,3) (1,5) (3,1) (3,3) (3,5)
        // with Y 4, nodata, 8, 4, 9, 2 → five samples, one dropped
        assertEquals(List.of(4.0, 8.0, 4.0, 9.0, 2.0), rows((Table) out.get("samples")).stream().map(r -> r.get(2)).toList());
        assertEquals(1, out.get("dropped"));
        assertEquals(List.of("x_coord", "y_coord", "esv", "cls", "col"), ((Table) out.get("samples")).columns());
    }

    @Test
    void changeIsTheMeanOfThePixelDifferences() {
        // before: 1 everywhere but nodata at pixel (0,0) → cell (0,0) keeps Y 2 3 4 minus 1: mean 2; (0,1) 3 4 5 − 1 → 3
        GridCoverage2D before = TestGrids.of("b", GRID, DataBuffer.TYPE_FLOAT, N, (x, y) -> x == 0 && y == 0 ? N : 1);
        Map<String, Object> out = sample(before, null, null);
        List<List<Double>> rows = rows((Table) out.get("samples"));
        assertEquals(List.of(2.0, 3.0, 5.5, 0.0, 8.0), rows.stream().map(r -> r.get(2)).toList());
        // cell (0,0) lost the pixel of class 1 at (0,0): classes 1 1 2 → 1, share 2/3
        assertEquals(2.0 / 3, rows.get(0).get(5), 1e-15);
        GridCoverage2D elsewhere = TestGrids.of("b", grid(5, 4), DataBuffer.TYPE_FLOAT, N, (x, y) -> 1);
        assertEquals("yBefore", assertThrows(InvalidInputException.class, () -> sample(elsewhere, null, null)).getInput());
        assertEquals("minValidFraction", assertThrows(InvalidInputException.class, () -> sample(null, null, 1.5)).getInput());
    }

    @Test
    void randomSamplesAreReproducibleBySeed() {
        GridCoverage2D y = TestGrids.of("y", grid(40, 30), DataBuffer.TYPE_FLOAT, N, (x, r) -> x + 100 * r);
        GridCoverage2D f = TestGrids.of("f", grid(40, 30), DataBuffer.TYPE_BYTE, 255, (x, r) -> 1 + x / 10);
        java.util.function.IntFunction<Table> draw = seed -> (Table) new SampleProcess().execute(y, "y", null, List.of(f), "f", "f",
                SampleProcess.Design.RANDOM, null, null, null, 50, seed, null).get("samples");
        Table a = draw.apply(7), again = draw.apply(7), other = draw.apply(8);
        assertEquals(org.esvflow.table.Csv.toString(a), org.esvflow.table.Csv.toString(again), "same seed, same samples");
        assertNotEquals(org.esvflow.table.Csv.toString(a), org.esvflow.table.Csv.toString(other), "another seed, other samples");
        assertEquals(50, a.rowCount());
        java.util.Set<Double> distinct = new java.util.HashSet<>();
        for (Object[] r : a.rows()) {
            // each sample is the pixel under its coordinates: value = col + 100·row, class = 1 + col/10
            int col = (int) Math.floor(((Double) r[0] - 500_000) / 10), row = (int) Math.floor((4_000_040 - (Double) r[1]) / 10);
            assertEquals(col + 100.0 * row, (Double) r[2], 0);
            assertEquals((long) (1 + col / 10), r[3]);
            distinct.add((Double) r[2]);
        }
        assertEquals(50, distinct.size(), "pixels drawn without replacement");
    }
}
