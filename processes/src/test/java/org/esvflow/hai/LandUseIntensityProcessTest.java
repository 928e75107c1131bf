package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.Raster;
import java.util.Map;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;

class LandUseIntensityProcessTest {

    @Test
    void handGridOfHailsTest() throws Exception {
        // grades: impervious 8 → 4, cropland 1 → 3, forest 2, water 5, grassland 4 → 2
        //   8 8 1 2      4 4 3 2
        //   8 1 1 2  →   4 3 3 2
        //   5 4 . 2      2 2 . 2
        Map<String, Object> out = new LandUseIntensityProcess().execute(HaiTestRasters.classes(HailsProcessTest.GRID),
                Classification.CLCD, null, HaiTestRasters.regions(new String[] {"west", "east"},
                        new int[][] {{0, 2, 0, 3}, {2, 4, 0, 3}}), "name", null, null);
        Table total = (Table) out.get("total");
        // Σ grades = 3·4 + 3·3 + 5·2 = 31 over 11 pixels: L = 100 · 31/11
        assertEquals(100.0 * 31 / 11, ((Number) total.get(0, "lui")).doubleValue(), 1e-10);
        assertEquals(100.0 * 3 / 11, ((Number) total.get(0, "grade4_pct")).doubleValue(), 1e-10);
        assertEquals(0.0, ((Number) total.get(0, "grade1_pct")).doubleValue(), 0);
        Table regions = (Table) out.get("regions");
        // west 4 4 4 3 2 2 = 19 over 6; east 3 2 3 2 2 = 12 over 5
        assertEquals(100.0 * 19 / 6, ((Number) regions.get(0, "lui")).doubleValue(), 1e-10);
        assertEquals(240.0, ((Number) regions.get(1, "lui")).doubleValue(), 1e-10);
        Raster r = ((GridCoverage2D) out.get("intensity")).getRenderedImage().getData();
        assertEquals(400, r.getSample(0, 0, 0));
        assertEquals(300, r.getSample(2, 0, 0));
        assertEquals(0, r.getSample(2, 2, 0));
    }
}
