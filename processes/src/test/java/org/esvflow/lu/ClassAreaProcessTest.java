package org.esvflow.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.DataBuffer;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

class ClassAreaProcessTest {
    /** 4 × 3 grid, row-major: classes 1 1 2 2 / 1 3 2 255 / 3 3 3 255 (255 = nodata). */
    static final int[] CLASSES = {1, 1, 2, 2, 1, 3, 2, 255, 3, 3, 3, 255};

    static GridCoverage2D landUse(GridGeometry2D grid) {
        ComputedImage image = new ComputedImage(4, 3, 256, DataBuffer.TYPE_BYTE, r -> {
            for (int i = 0; i < CLASSES.length; i++) r.setSample(i % 4, i / 4, 0, CLASSES[i]);
        });
        return Rasters.coverage("lu", image, grid, 255);
    }

    @Test
    void projectedAreasAreCountsTimesCellArea() throws Exception {
        GridGeometry2D grid = Rasters.grid(4, 3, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        Table t = new ClassAreaProcess().execute(landUse(grid), null, null, null);
        // class 1: 3 px, class 2: 3 px, class 3: 4 px; 0.09 ha each; 10 classified pixels
        assertEquals(3, t.rowCount());
        assertEquals(3L, t.get(0, "pixels"));
        assertEquals(0.27, (double) t.get(0, "area_ha"), 1e-12);
        assertEquals(0.36, (double) t.get(2, "area_ha"), 1e-12);
        assertEquals(40.0, (double) t.get(2, "share_pct"), 1e-12);
    }

    @Test
    void geographicAreasUseEachRowsPixelArea() {
        // 1° pixels from 60°N down to 57°N: rows have different areas
        GridGeometry2D grid = Rasters.grid(4, 3, 10, 60, 1, DefaultGeographicCRS.WGS84);
        PixelArea area = PixelArea.of(grid);
        Table t = new ClassAreaProcess().execute(landUse(grid), null, null, null);
        // class 3 has one pixel in row 1 and three in row 2
        assertEquals(area.hectares(1) + 3 * area.hectares(2), (double) t.get(2, "area_ha"), 1e-6);
        // class 1: two pixels in row 0, one in row 1
        assertEquals(2 * area.hectares(0) + area.hectares(1), (double) t.get(0, "area_ha"), 1e-6);
    }

    @Test
    void perRegionAreasFollowPixelCentres() throws Exception {
        GridGeometry2D grid = Rasters.grid(4, 3, 0, 30, 10, CRS.decode("EPSG:32650", true));
        // west: x 0..20 (columns 0-1), east: x 20..40 (columns 2-3)
        String json = """
                {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32650"}},"features":[
                 {"type":"Feature","properties":{"id":"W"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[20,0],[20,30],[0,30],[0,0]]]}},
                 {"type":"Feature","properties":{"id":"E"},"geometry":{"type":"Polygon","coordinates":[[[20,0],[40,0],[40,30],[20,30],[20,0]]]}}]}""";
        Table t = new ClassAreaProcess().execute(landUse(grid), GeoJson.read(new ObjectMapper().readTree(json), "regions"), "id", null);
        // W: columns 0-1 → classes 1,1,1,3,3,3 → class 1: 3 px, class 3: 3 px; E: 2,2,2,3 (+2 nodata) → 2: 3 px, 3: 1 px
        assertEquals(4, t.rowCount());
        assertEquals("W", t.get(0, "region_id"));
        assertEquals(1L, t.get(0, "class"));
        assertEquals(0.03, (double) t.get(0, "area_ha"), 1e-12); // 3 × 100 m² = 0.03 ha
        assertEquals(50.0, (double) t.get(1, "share_pct"), 1e-12);
        assertEquals("E", t.get(2, "region_id"));
        assertEquals(75.0, (double) t.get(2, "share_pct"), 1e-12);
        assertEquals(1L, t.get(3, "pixels"));
    }
}
