package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.esvflow.esv.CellStatistic;
import org.esvflow.esv.FishnetProcess;
import org.esvflow.esv.TestGrids;
import org.esvflow.gd.SampleProcess;
import org.esvflow.hai.CompositeHaiProcess;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;

/** The one fishnet: its rule on hand-computed grids, and ESV, HAI and GeoDetector laying the same cells. */
class FishnetTest {

    @Test
    void cellsCoverTheExtentAsArcGisAndQgisLayThem() {
        // 10 × 7 pixels of 30 m: 300 m × 210 m. Cells of 290 m: ⌈300/290⌉ = 2 columns, ⌈210/290⌉ = 1 row.
        // Pixel centres are at 15, 45, …, 285 m: all inside [0, 290) → column 0; column 1 ([290, 580)) overlaps the
        // raster by 10 m and holds no pixel centre.
        GridGeometry2D grid = TestGrids.utm(10, 7);
        Fishnet net = new Fishnet(grid, 290, "cellSize");
        assertEquals(2, net.columns);
        assertEquals(1, net.rows);
        for (int x = 0; x < 10; x++) assertEquals(0, net.column(x));
        // lattice pixels of column 0: centres 15 … 285 (x = 0 … 9) → 10; column 1 [290, 580): 315 … 555 (x = 10 … 18) → 9;
        // row 0 [0, 290): 15 … 285 → 10 rows; so cell 0 holds 10 × 10 lattice pixels, cell 1 9 × 10
        assertEquals(100, net.latticePixels(0));
        assertEquals(90, net.latticePixels(1));
        // centre of cell 1: 500 000 + 1.5 × 290 = 500 435 east, 4 400 000 − 145 north
        assertEquals(500_435, net.centreX(1), 0);
        assertEquals(4_399_855, net.centreY(1), 0);
        // only whole cells: ⌊300/290⌋ = 1 column, ⌊210/290⌋ = 0 rows: no cell, no pixel in one
        Fishnet whole = new Fishnet(grid, 290, Fishnet.PartialCells.WHOLE, Fishnet.MAX_CELLS, "cellSize");
        assertEquals(1, whole.columns);
        assertEquals(0, whole.rows);
        assertEquals(-1, whole.cell(0, 0));
    }

    @Test
    void pixelsGoToTheCellHoldingTheirCentre() {
        // 30 m pixels, 45 m cells (1.5 pixels): pixel centres 15, 45, 75, 105 m; cell edges 0, 45, 90, 135 m.
        // Centre 45 lies on an edge and goes east (half-open cells): columns 0, 1, 1, 2
        Fishnet net = new Fishnet(TestGrids.utm(4, 1), 45, "cellSize");
        assertEquals(3, net.columns); // ⌈120/45⌉ = ⌈2.67⌉
        assertEquals(List.of(0, 1, 1, 2), List.of(net.column(0), net.column(1), net.column(2), net.column(3)));
        // centres of the cells at 22.5, 67.5, 112.5 m lie in pixels 0, 2, 3
        assertEquals(List.of(0, 2, 3), List.of(net.centrePixelColumn(0), net.centrePixelColumn(1), net.centrePixelColumn(2)));
        // a whole number of cells up to rounding (0.3 × 10 = 3.0000000000000004 pixels of 0.1) is not one more cell
        Fishnet exact = new Fishnet(Rasters.grid(30, 30, 0, 30, 0.1, TestGrids.utm(1, 1).getCoordinateReferenceSystem2D()),
                0.3, "cellSize");
        assertEquals(10, exact.columns);
        assertEquals(10, exact.rows);
    }

    @Test
    void badCellSizesNameTheInput() {
        GridGeometry2D grid = TestGrids.utm(10, 7);
        assertEquals("cellSize", assertThrows(InvalidInputException.class, () -> new Fishnet(grid, 20, "cellSize")).getInput());
        assertEquals("cellSize", assertThrows(InvalidInputException.class, () -> new Fishnet(grid, -1, "cellSize")).getInput());
        assertEquals("cellSize", assertThrows(InvalidInputException.class, () -> new Fishnet(grid, Double.NaN, "cellSize")).getInput());
        assertEquals("size", assertThrows(InvalidInputException.class,
                () -> new Fishnet(grid, 30, Fishnet.PartialCells.COVER, 69, "size")).getInput()); // 70 cells
    }

    /** Value = column + 10 · row on 10 × 7 pixels of 30 m. */
    private static GridCoverage2D ramp(GridGeometry2D grid) {
        return TestGrids.of("v", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> x + 10 * y);
    }

    @Test
    void esvHaiAndGeoDetectorLayTheSameCells() throws Exception {
        GridGeometry2D grid = TestGrids.utm(10, 7);
        GridCoverage2D v = ramp(grid);
        GridCoverage2D other = TestGrids.of("w", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 1 + x * y);
        // 120 m cells = 4 pixels: ⌈10/4⌉ = 3 columns (pixel columns 0–3, 4–7, 8–9), ⌈7/4⌉ = 2 rows (0–3, 4–6).
        // Mean of column + 10·row over a cell = mean column + 10 · mean row:
        //   columns: 1.5, 5.5, 8.5; rows: 1.5, 5 → cell (0,0) 16.5, (0,2) 23.5, (1,0) 51.5, (1,2) 58.5
        Map<String, Double> expected = new TreeMap<>();
        double[] meanColumn = {1.5, 5.5, 8.5}, meanRow = {1.5, 5};
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) expected.put(key(500_000 + (c + 0.5) * 120, 4_400_000 - (r + 0.5) * 120), meanColumn[c] + 10 * meanRow[r]);

        Map<String, Object> esv = new FishnetProcess().execute(v, 120.0, CellStatistic.MEAN, null);
        Map<String, Double> esvCells = cells((Table) esv.get("cells"), "x_center", "y_center", "mean");

        Map<String, Object> hai = new CompositeHaiProcess().execute(List.of(v, other), "v,w", null, null, null, null, null, 120.0, null, null);
        Map<String, Double> haiCells = cells((Table) hai.get("cells"), "x", "y", "v");

        Map<String, Object> gd = new SampleProcess().execute(v, "v", null, List.of(other), "w", null, SampleProcess.Design.FISHNET,
                120.0, SampleProcess.Aggregate.MEAN, 0.0, null, null, null);
        Map<String, Double> gdCells = cells((Table) gd.get("samples"), "x_coord", "y_coord", "v");

        assertSameCells(expected, esvCells, "esv:Fishnet");
        assertSameCells(expected, haiCells, "hai:CompositeHai");
        assertSameCells(expected, gdCells, "gd:Sample");

        // the cell rasters of ESV and HAI are the fishnet's cell grid: 3 × 2 cells of 120 m from the raster corner
        GridGeometry2D cellGrid = new Fishnet(grid, 120, "cellSize").cellGrid();
        assertTrue(Grids.sameGrid(cellGrid, ((GridCoverage2D) esv.get("grid")).getGridGeometry()), "esv:Fishnet grid");
        assertTrue(Grids.sameGrid(cellGrid, ((GridCoverage2D) hai.get("cellHai")).getGridGeometry()), "hai:CompositeHai grid");
        assertEquals(3, cellGrid.getGridRange2D().width);
        assertEquals(2, cellGrid.getGridRange2D().height);

        // 10 × 20 pixels in 290 m cells: two columns for every user (HAI had one, ESV two, before the fishnet was
        // one); rows ⌈600/290⌉ = 3, each with a pixel centre (585 m lies in [580, 870))
        GridGeometry2D tall = TestGrids.utm(10, 20);
        GridCoverage2D v2 = ramp(tall), other2 = TestGrids.of("w", tall, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 1 + x * y);
        GridGeometry2D esv290 = ((GridCoverage2D) new FishnetProcess().execute(v2, 290.0, CellStatistic.MEAN, null).get("grid")).getGridGeometry();
        GridGeometry2D hai290 = ((GridCoverage2D) new CompositeHaiProcess().execute(List.of(v2, other2), "v,w", null, null, null, null, null,
                290.0, null, null).get("cellHai")).getGridGeometry();
        assertEquals(2, esv290.getGridRange2D().width);
        assertEquals(3, esv290.getGridRange2D().height);
        assertTrue(Grids.sameGrid(esv290, hai290));
    }

    /** Same cell centres exactly, same means to rounding (HAI weights pixels by their 0.09 ha). */
    private static void assertSameCells(Map<String, Double> expected, Map<String, Double> actual, String who) {
        assertEquals(expected.keySet(), actual.keySet(), who + ": cell centres");
        for (String k : expected.keySet()) assertEquals(expected.get(k), actual.get(k), 1e-12, who + ": mean of cell " + k);
    }

    private static String key(double x, double y) {
        return x + "," + y;
    }

    private static Map<String, Double> cells(Table t, String x, String y, String value) {
        Map<String, Double> out = new TreeMap<>();
        int ix = t.indexOf(x), iy = t.indexOf(y), iv = t.indexOf(value);
        for (Object[] row : t.rows()) {
            out.put(key(((Number) row[ix]).doubleValue(), ((Number) row[iy]).doubleValue()), ((Number) row[iv]).doubleValue());
        }
        return out;
    }
}
