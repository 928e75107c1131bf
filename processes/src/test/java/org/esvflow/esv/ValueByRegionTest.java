package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;

/**
 * esv:Value's byRegion table (ESV per region and service category) on a hand grid. 3 × 2 pixels of 30 m (0.09 ha),
 * D = 1000 CNY, Xie 2015 with the CLCD preset: land use {{1, 1, 5}, {5, 1, nodata}} (1 cropland → dry_land, 5 water).
 * Region sets: "halves" = west (column 0) and east (columns 1–2); "all" = one polygon over the grid.
 *
 * <p>Xie 2015 equivalents per category (service_categories.csv):
 * dry_land provisioning 0.85+0.40+0.02 = 1.27, regulating 0.67+0.36+0.10+0.27 = 1.40, supporting 1.03+0.12+0.13
 * = 1.28, cultural 0.06 (Σ 4.01); water provisioning 0.80+0.23+8.29 = 9.32, regulating 0.77+2.29+5.55+102.24 =
 * 110.85, supporting 0.93+0.07+2.55 = 3.55, cultural 1.89 (Σ 125.61).
 */
class ValueByRegionTest {
    static final int[][] LU = {{1, 1, 5}, {5, 1, 255}};

    static List<SimpleFeatureCollection> regionSets() {
        String head = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32650\"}},\"features\":[";
        String halves = head + feature("W", "west", 500000, 500030) + "," + feature("E", "east", 500030, 500090) + "]}";
        String all = head + feature("A", "all", 500000, 500090) + "]}";
        return List.of(GeoJson.read(ValueProcessTest.parse(halves), "regions"), GeoJson.read(ValueProcessTest.parse(all), "regions"));
    }

    static String feature(String id, String name, int x0, int x1) {
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\"},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + x0 + ",4399940],[" + x1 + ",4399940],[" + x1 + ",4400000],[" + x0 + ",4400000],[" + x0 + ",4399940]]]}}";
    }

    static Table byRegion(GridCoverage2D npp) {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        Map<String, Object> out = new ValueProcess().execute(lu, 1000.0, null, null, null, null, null, null, null, null, npp, null,
                null, null, null, null, null, null, null, null, false, regionSets(), "id", "name", "halves,all", null);
        return (Table) out.get("byRegion");
    }

    @Test
    void uncorrectedByHand() {
        Table t = byRegion(null);
        assertEquals(List.of("region_set", "region_id", "region_name", "pixels", "area_ha", "esv_total", "esv_per_ha",
                "esv_provisioning", "esv_regulating", "esv_supporting", "esv_cultural"), t.columns());
        assertEquals(3, t.rowCount());
        int west = TestGrids.row(t, "region_id", "W"), east = TestGrids.row(t, "region_id", "E"), all = TestGrids.row(t, "region_id", "A");
        assertEquals("halves", t.get(west, "region_set"));
        assertEquals("all", t.get(all, "region_set"));
        // west = one dry_land + one water pixel: 0.09 · (4010 + 125 610) = 11 665.8
        assertEquals(11_665.8, number(t, west, "esv_total"), 1e-8);
        assertEquals(11_665.8 / 0.18, number(t, west, "esv_per_ha"), 1e-8);
        assertEquals(0.09 * (1270 + 9320), number(t, west, "esv_provisioning"), 1e-9);
        assertEquals(0.09 * (1400 + 110_850), number(t, west, "esv_regulating"), 1e-8);
        assertEquals(0.09 * (1280 + 3550), number(t, west, "esv_supporting"), 1e-9);
        assertEquals(0.09 * (60 + 1890), number(t, west, "esv_cultural"), 1e-9);
        // east = two dry_land + one water (the fourth pixel is nodata): 0.09 · (2 · 4010 + 125 610) = 12 026.7 over 0.27 ha
        assertEquals(3, number(t, east, "pixels"), 0);
        assertEquals(0.27, number(t, east, "area_ha"), 1e-12);
        assertEquals(12_026.7, number(t, east, "esv_total"), 1e-8);
        assertEquals(0.09 * (2 * 1270 + 9320), number(t, east, "esv_provisioning"), 1e-9);
        // all = both halves
        assertEquals(11_665.8 + 12_026.7, number(t, all, "esv_total"), 1e-8);
        assertEquals(5, number(t, all, "pixels"), 0);
    }

    /**
     * Pixel NPP correction: NPP {{100, 300, 200}, {50, 400, 250}}, study mean over the 5 valid land-use pixels
     * (equal areas) 1050 / 5 = 210. NPP corrects food, raw material, gas, climate, purify, nutrient, biodiversity and
     * aesthetic services (service_groups.csv); water supply, hydrology and soil stay uncorrected (no raster).
     * West provisioning: dry_land (0.85 + 0.40)·1000·100/210 + 0.02·1000, water (0.80 + 0.23)·1000·50/210 + 8.29·1000;
     * west cultural: 0.06·1000·100/210 + 1.89·1000·50/210; all × 0.09 ha.
     */
    @Test
    void correctedByHand() {
        GridCoverage2D npp = TestGrids.values(TestGrids.utm(3, 2), new double[][] {{100, 300, 200}, {50, 400, 250}});
        Table t = byRegion(npp);
        int west = TestGrids.row(t, "region_id", "W");
        double dryFactor = 100 / 210.0, waterFactor = 50 / 210.0;
        assertEquals(0.09 * ((0.85 + 0.40) * 1000 * dryFactor + 20 + (0.80 + 0.23) * 1000 * waterFactor + 8290),
                number(t, west, "esv_provisioning"), 1e-9);
        assertEquals(0.09 * (60 * dryFactor + 1890 * waterFactor), number(t, west, "esv_cultural"), 1e-9);
        // the categories add up to the total (every Xie 2015 service has a category), and the total of the
        // set "all" equals the study total of the totals table
        for (int r = 0; r < t.rowCount(); r++) {
            double sum = 0;
            for (String c : ServiceCategories.NAMES) sum += number(t, r, "esv_" + c);
            assertEquals(number(t, r, "esv_total"), sum, 1e-9 * number(t, r, "esv_total"));
        }
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        Map<String, Object> out = new ValueProcess().execute(lu, 1000.0, null, null, null, null, null, null, null, null, npp, null,
                null, null, null, null, null, null, null, null, false, null, null, null, null, null);
        double total = number((Table) out.get("totals"), "quantity", "total_esv", "value");
        assertEquals(total, number(t, TestGrids.row(t, "region_id", "A"), "esv_total"), 1e-12 * total);
    }
}
