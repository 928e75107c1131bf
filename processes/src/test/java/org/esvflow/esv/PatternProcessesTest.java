package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.esvflow.esv.TestGrids.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;

class PatternProcessesTest {

    @Test
    void zonalSummaryCountsEveryPixelOfEachRegion() {
        GridCoverage2D values = TestGrids.values(TestGrids.utm(3, 2), new double[][] {{1, 2, 3}, {4, -9999, 6}});
        String json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32650\"}},\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"west\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500000,4399940],[500030,4399940],[500030,4400000],[500000,4400000],[500000,4399940]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"east\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500030,4399940],[500090,4399940],[500090,4400000],[500030,4400000],[500030,4399940]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"outside\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[600000,4399940],[600030,4399940],[600030,4400000],[600000,4400000],[600000,4399940]]]}}]}";
        SimpleFeatureCollection regions = GeoJson.read(ValueProcessTest.parse(json), "regions");
        Table t = new ZonalSummaryProcess().execute(values, List.of(regions), "name", null, null, null, null, null);
        // west: column 0 = {1, 4}; east: columns 1–2 = {2, 3, 6} (one nodata pixel)
        assertEquals(5, number(t, "region_name", "west", "sum"), 0);
        assertEquals(0.18, number(t, "region_name", "west", "area_ha"), 1e-12);
        assertEquals(11, number(t, "region_name", "east", "sum"), 0);
        assertEquals(11 / 3.0, number(t, "region_name", "east", "mean"), 1e-12);
        assertEquals(2, number(t, "region_name", "east", "min"), 0);
        assertEquals(11 / 0.27, number(t, "region_name", "east", "density_per_ha"), 1e-9);
        assertEquals(0, number(t, "region_name", "outside", "pixels"), 0);
        assertNull(t.get(TestGrids.row(t, "region_name", "outside"), "sum"));
        assertEquals(-1, t.indexOf("region_set"));
    }

    /**
     * Two region sets in one pass, a density raster (per ha) with a second band. 3 × 2 pixels of 0.09 ha; set
     * "halves": west = column 0, east = columns 1–2 (as above); set "all": one polygon over the whole grid.
     * Band 1 (density) {{1, 2, 3}, {4, nodata, 6}}, band 2 {{10, 20, 30}, {40, 50, 60}} (counted where band 1 is valid).
     * west: sum = (1 + 4) · 0.09 = 0.45, band 2 (10 + 40) · 0.09 = 4.5, per ha 4.5 / 0.18 = 25;
     * all: sum = 16 · 0.09 = 1.44 over 5 pixels = 0.45 ha, band 2 (10+20+30+40+60) · 0.09 = 14.4, per ha 32.
     */
    @Test
    void zonalSummaryOfADensityOverTwoRegionSets() {
        var grid = TestGrids.utm(3, 2);
        double[][] b1 = {{1, 2, 3}, {4, -9999, 6}}, b2 = {{10, 20, 30}, {40, 50, 60}};
        var image = new org.esvflow.raster.ComputedImage(3, 2, 256, java.awt.image.DataBuffer.TYPE_FLOAT, 2, tile -> {
            for (int y = 0; y < 2; y++) for (int x = 0; x < 3; x++) {
                tile.setSample(x, y, 0, b1[y][x]);
                tile.setSample(x, y, 1, b2[y][x]);
            }
        });
        GridCoverage2D values = org.esvflow.raster.Rasters.coverage("two", image, grid, -9999);
        String crs = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32650\"}},\"features\":[";
        String halves = crs + "{\"type\":\"Feature\",\"properties\":{\"id\":\"W\",\"label\":\"west\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500000,4399940],[500030,4399940],[500030,4400000],[500000,4400000],[500000,4399940]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"id\":\"E\",\"label\":\"east\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500030,4399940],[500090,4399940],[500090,4400000],[500030,4400000],[500030,4399940]]]}}]}";
        String all = crs + "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500000,4399940],[500090,4399940],[500090,4400000],[500000,4400000],[500000,4399940]]]}}]}";
        List<SimpleFeatureCollection> sets = List.of(GeoJson.read(ValueProcessTest.parse(halves), "regions"),
                GeoJson.read(ValueProcessTest.parse(all), "regions"));
        Table t = new ZonalSummaryProcess().execute(values, sets, "id,code", "label,", "halves,all", true, "b2", null);
        assertEquals(List.of("region_set", "region_id", "region_name", "pixels", "area_ha", "sum", "mean", "min", "max",
                "density_per_ha", "sum_b2", "b2_per_ha"), t.columns());
        assertEquals(3, t.rowCount());
        int west = TestGrids.row(t, "region_id", "W"), whole = TestGrids.row(t, "region_id", "A");
        assertEquals("halves", t.get(west, "region_set"));
        assertEquals("west", t.get(west, "region_name"));
        assertEquals(0.45, number(t, west, "sum"), 1e-12);
        assertEquals(2.5, number(t, west, "mean"), 1e-12);
        assertEquals(4.5, number(t, west, "sum_b2"), 1e-12);
        assertEquals(25, number(t, west, "b2_per_ha"), 1e-12);
        assertEquals("all", t.get(whole, "region_set"));
        assertEquals("A", t.get(whole, "region_name"));
        assertEquals(5, number(t, whole, "pixels"), 0);
        assertEquals(1.44, number(t, whole, "sum"), 1e-12);
        assertEquals(3.2, number(t, whole, "density_per_ha"), 1e-12);
        assertEquals(14.4, number(t, whole, "sum_b2"), 1e-12);
        assertEquals(32, number(t, whole, "b2_per_ha"), 1e-12);
    }

    @Test
    void fishnetWithClippedEdgeCells() {
        // 5 × 3 pixels of 30 m, cells of 60 m: 3 columns × 2 rows, the last column and row are clipped
        double[][] v = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, -9999}};
        GridCoverage2D values = TestGrids.values(TestGrids.utm(5, 3), v);
        Map<String, Object> out = new FishnetProcess().execute(values, 60.0, CellStatistic.DENSITY, null);
        Table cells = (Table) out.get("cells");
        assertEquals(5, cells.rowCount()); // cell (row 1, col 2) holds only the nodata pixel
        // cell 0 = pixels (0..1, 0..1): 1+2+6+7 = 16 over 0.36 ha
        assertEquals(16, number(cells, "cell_id", 0, "sum"), 0);
        assertEquals(4, number(cells, "cell_id", 0, "mean"), 0);
        // cell 2 (row 0, col 2) = pixels (4, 0..1): 5 + 10
        assertEquals(15, number(cells, "cell_id", 2, "sum"), 0);
        assertEquals(500_150, number(cells, "cell_id", 2, "x_center"), 0);
        // cell 3 (row 1, col 0) = 11 + 12
        assertEquals(23, number(cells, "cell_id", 3, "sum"), 0);
        GridCoverage2D grid = (GridCoverage2D) out.get("grid");
        assertEquals(16 / 0.36, sample(grid, 0, 0), 1e-3);
        assertEquals(-9999, sample(grid, 2, 1), 0);
        SimpleFeatureCollection polygons = (SimpleFeatureCollection) out.get("polygons");
        assertEquals(5, polygons.size());
        // clipped cell 2 covers x 500120–500150, y 4399940–4400000: 30 m × 60 m
        double areaCell2 = -1;
        try (var it = polygons.features()) {
            while (it.hasNext()) {
                var f = it.next();
                if (((Number) f.getAttribute("cell_id")).intValue() == 2) areaCell2 = ((org.locationtech.jts.geom.Geometry) f.getDefaultGeometry()).getArea();
            }
        }
        assertEquals(1800, areaCell2, 1e-6);
    }

    @Test
    void hotSpotsOnFishnetMatchIndependentStatistics() {
        // 8 × 8 pixels, cells of 2 × 2 pixels (60 m) → 4 × 4 cells; the value of every pixel of cell (r, c) is CELL[r][c]
        double[][] cell = {{1, 1, 2, 3}, {1, 2, 3, 9}, {2, 4, 9, 10}, {3, 8, 11, 12}};
        GridCoverage2D values = TestGrids.of("v", TestGrids.utm(8, 8), java.awt.image.DataBuffer.TYPE_FLOAT, -9999,
                (x, y) -> cell[y / 2][x / 2]);
        Map<String, Object> out = new HotSpotsProcess().execute(values, 60.0, CellStatistic.MEAN, SpatialWeights.Kind.QUEEN, null, null);
        int[] rows = new int[16], cols = new int[16];
        double[] x = new double[16];
        for (int i = 0; i < 16; i++) {
            rows[i] = i / 4;
            cols[i] = i % 4;
            x[i] = cell[rows[i]][cols[i]];
        }
        double[][] w = SpatialStatisticsTest.dense(rows, cols, true, 0);
        double[] moran = SpatialStatisticsTest.moranDense(x, w);
        Table m = (Table) out.get("moran");
        assertEquals(moran[0], number(m, "statistic", "moran_i", "value"), 1e-12);
        assertEquals(moran[1], number(m, "statistic", "z", "value"), 1e-10);
        Table cells = (Table) out.get("cells");
        for (int i = 0; i < 16; i++) {
            double z = SpatialStatisticsTest.giDense(x, w, i);
            assertEquals(z, number(cells, "cell_id", i, "gi_z"), 1e-10);
            assertEquals(SpatialStatistics.bin(z), number(cells, "cell_id", i, "gi_bin"), 0);
        }
        // the high corner (row 3, col 3) is a hot spot at 95 % or more
        assertEquals(true, number(cells, "cell_id", 15, "gi_bin") >= 2);
    }
}
