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
                GeoJson.read(ValueProcessTest.parse(json), "regions"), "name", null, null, null);
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
        GridCoverage2D change = (GridCoverage2D) out.get("change");
        assertEquals(d25, sample(change, 0, 1), 1e-3);
        assertEquals(0, sample(change, 1, 0), 0);
        assertEquals(-9999, sample(change, 2, 1), 0);
    }
}
