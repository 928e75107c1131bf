package org.esvflow.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class ZonesTest {
    /**
     * Grid: 6 × 4 pixels of 10 m, upper-left corner (0, 40) in UTM 50N. Region A is the square x 0..30, y 10..40 with a
     * hole x 10..20, y 20..30; region B is the triangle (30,0) (60,0) (60,30).
     */
    static final String GEOJSON = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32650"}},
             "features":[
              {"type":"Feature","id":"a","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[
                 [[0,10],[30,10],[30,40],[0,40],[0,10]], [[10,20],[20,20],[20,30],[10,30],[10,20]]]}},
              {"type":"Feature","id":"b","properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[
                 [[30,0],[60,0],[60,30],[30,0]]]}}]}""";

    @Test
    void pixelCentresInsidePolygonsGetTheirZone() throws Exception {
        SimpleFeatureCollection regions = GeoJson.read(new ObjectMapper().readTree(GEOJSON), "regions");
        GridGeometry2D grid = Rasters.grid(6, 4, 0, 40, 10, CRS.decode("EPSG:32650", true));
        Zones zones = Zones.of(regions, "code", null, grid, "regions");
        int[] z = new int[24];
        zones.fill(0, 0, 6, 4, z);
        // Pixel centres are at x = 5, 15, ..., 55 and y = 35, 25, 15, 5 (rows top to bottom). On each row a polygon
        // covers the half-open spans [left, right) between its boundary crossings, so a centre exactly on a boundary
        // belongs to the polygon east of it and shared edges never count a pixel twice.
        // A: spans [0, 30) on rows y = 35, 25, 15, minus the hole [10, 20) on y = 25 → the centre (15, 25) is out.
        // B: the diagonal edge crosses at x = y + 30 and the east edge at 60: y 25 → [55, 60); y 15 → [45, 60);
        // y 5 → [35, 60); y 35 is above the triangle.
        int[] expected = {
            1, 1, 1, 0, 0, 0,
            1, 0, 1, 0, 0, 2,
            1, 1, 1, 0, 2, 2,
            0, 0, 0, 2, 2, 2};
        assertArrayEquals(expected, z);
        assertEquals("A", zones.id(1));
        assertEquals("B", zones.id(2));
        // a window: columns 4-5 of rows 2-3 only
        int[] window = new int[4];
        zones.fill(4, 2, 2, 2, window);
        assertArrayEquals(new int[] {2, 2, 2, 2}, window);
    }
}
