package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.esvflow.esv.TestGrids.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.OutputSelection;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class ValueProcessTest {
    @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;
    // Xie 2015 row sums (11 services), from xie2015.csv:
    // dry_land 4.01; water 125.61; coniferous 17.53, mixed_forest 23.09, broadleaf 22.95 → CLCD forest mean 63.57/3 = 21.19
    static final double DRY = 4.01, WATER = 125.61, FOREST = 63.57 / 3;
    static final double D = 1000;

    static final int[][] LU = {
        {1, 1, 5},
        {2, 8, 255}
    };

    @Test
    void auxiliaryRasterOnAnotherGridIsAligned() throws Exception {
        // land use 30 m in UTM; NPP on a 0.001° grid in EPSG:4326 covering it, constant 5: after bilinear alignment every
        // factor is 5/5 = 1
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        GridCoverage2D npp = TestGrids.of("npp", Rasters.grid(20, 30, 116.99, 39.76, 0.001, CRS.decode("EPSG:4326", true)),
                java.awt.image.DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 5);
        // the UTM 50N grid at (500000, 4400000) lies at 117.0° E, about 39.745° N, inside the NPP extent
        Map<String, Object> out = run(lu, npp, null, null, null, null, false);
        Table totals = (Table) out.get("totals");
        assertEquals(90 * (2 * DRY + WATER + FOREST), number(totals, "quantity", "total_esv", "value"), 1e-6);
        assertEquals(0, number(totals, "quantity", "uncorrected_pixels", "value"), 0);
        assertEquals(5, number((Table) out.get("factors"), "factor", "npp", "reference_mean"), 1e-6);
    }

    @Test
    void standardEquivalentFromCrops() {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        // one crop: D = (1/7) · 7000 kg/ha · 1.0 per kg = 1000, the same D as the other tests
        org.esvflow.table.Table crops = org.esvflow.table.Table.builder("crop", "sown_area_ha", "yield_kg_per_ha", "price_per_kg")
                .row("rice", 50.0, 7000.0, 1.0).build();
        Map<String, Object> out = new ValueProcess().execute(lu, null, crops, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false, null, null, null, null, null);
        assertEquals(90 * (2 * DRY + WATER + FOREST), number((Table) out.get("totals"), "quantity", "total_esv", "value"), 1e-9);
    }

    static Map<String, Object> run(GridCoverage2D lu, GridCoverage2D npp, CorrectionMode mode, SimpleFeatureCollection regions,
                                   Double nppRef, Valuation.UnknownCodes unknown, boolean services) {
        return new ValueProcess().execute(lu, D, null, null, null, null, null, null, null, unknown, npp, null, null, mode, regions,
                "name", nppRef, null, null, null, services, null, null, null, null, null);
    }

    @Test
    void uncorrectedValueOnProjectedGrid() throws Exception {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        Map<String, Object> out = run(lu, null, null, null, null, null, true);
        // every pixel is 30 m × 30 m = 0.09 ha; ESV per pixel = 0.09 × 1000 × Σ equivalents
        GridCoverage2D esv = (GridCoverage2D) out.get("esv");
        assertStaticEsvOfLu(esv);
        assertEquals(-9999.0, Rasters.nodata(esv));
        Table byClass = (Table) out.get("byClass");
        assertEquals(2 * 90 * DRY, number(byClass, "code", 1, "esv_total"), 1e-9);
        assertEquals(0.18, number(byClass, "code", 1, "area_ha"), 1e-12);
        // forest food_production = 1000 × 0.09 × mean(0.22, 0.31, 0.29)
        assertEquals(90 * (0.22 + 0.31 + 0.29) / 3, number(byClass, "code", 2, "esv_food_production"), 1e-9);
        assertTrue(byClass.get(TestGrids.row(byClass, "code", 2), "warning").toString().contains("coniferous"));
        Table totals = (Table) out.get("totals");
        assertEquals(90 * (2 * DRY + WATER + FOREST), number(totals, "quantity", "total_esv", "value"), 1e-9);
        assertEquals(0.45, number(totals, "quantity", "area_ha", "value"), 1e-12);
        Table byService = (Table) out.get("byService");
        // hydrological regulation: dry 0.27 ×2, water 102.24, forest mean(3.34, 3.51, 4.74)
        assertEquals(90 * (2 * 0.27 + 102.24 + (3.34 + 3.51 + 4.74) / 3),
                number(byService, "service", "hydrological_regulation", "esv"), 1e-9);
        GridCoverage2D services = (GridCoverage2D) out.get("services");
        assertEquals(11, services.getNumSampleDimensions());
        assertEquals(90 * 102.24, sample(services, 2, 0, 6), 1e-3); // band 7 = hydrological_regulation of water
        java.io.File file = dir.resolve("services.tif").toFile();
        org.esvflow.raster.GeoTiffs.write(services, file);
        GridCoverage2D back = org.esvflow.raster.GeoTiffs.read(file, "services");
        assertEquals(11, back.getNumSampleDimensions());
        assertEquals(90 * 102.24, sample(back, 2, 0, 6), 1e-3);
        assertEquals(-9999, sample(back, 2, 1, 10), 0);
    }

    @Test
    void geographicGridUsesEllipsoidalPixelAreas() throws Exception {
        // 2 × 2 pixels of 1° between 38° and 40° N: all water
        GridGeometry2D grid = Rasters.grid(2, 2, 100, 40, 1, CRS.decode("EPSG:4326", true));
        GridCoverage2D lu = TestGrids.landUse(grid, new int[][] {{5, 5}, {5, 5}});
        Map<String, Object> out = run(lu, null, null, null, null, null, false);
        double top = EllipsoidArea.hectares(39, 40, 1), bottom = EllipsoidArea.hectares(38, 39, 1);
        assertEquals(top * D * WATER, sample((GridCoverage2D) out.get("esv"), 1, 0), top * D * WATER * 1e-6);
        assertEquals(bottom * D * WATER, sample((GridCoverage2D) out.get("esv"), 0, 1), bottom * D * WATER * 1e-6);
        Table totals = (Table) out.get("totals");
        assertEquals(2 * (top + bottom), number(totals, "quantity", "area_ha", "value"), 1e-6 * (top + bottom));
        assertEquals(2 * (top + bottom) * D * WATER, number(totals, "quantity", "total_esv", "value"), 1e-6 * (top + bottom) * D * WATER);
    }

    @Test
    void pixelCorrectionByNpp() {
        GridGeometry2D grid = TestGrids.utm(3, 2);
        GridCoverage2D lu = TestGrids.landUse(grid, LU);
        GridCoverage2D npp = TestGrids.values(grid, new double[][] {{2, 4, 6}, {8, 10, 99}});
        Map<String, Object> out = run(lu, npp, null, null, null, null, false);
        // study mean over the 5 land-use pixels (equal areas) = (2+4+6+8+10)/5 = 6; P = npp / 6
        // P corrects every service except water_supply, hydrological_regulation (R) and soil_conservation (S).
        // dry_land: R+S services 0.02+0.27+1.03 = 1.32, P services 4.01 − 1.32 = 2.69
        // forest:   R+S mean((0.27+3.34+2.06), (0.37+3.51+2.86), (0.34+4.74+2.65)) = 20.14/3, P services = 21.19 − 20.14/3
        double forestRs = 20.14 / 3, forestP = FOREST - forestRs;
        double[] expected = {
            90 * (1.32 + 2.69 * 2 / 6), 90 * (1.32 + 2.69 * 4 / 6), 90 * (WATER - 8.29 - 102.24 - 0.93) * 6 / 6 + 90 * (8.29 + 102.24 + 0.93),
            90 * (forestRs + forestP * 8 / 6), 0
        };
        GridCoverage2D esv = (GridCoverage2D) out.get("esv");
        assertEquals(expected[0], sample(esv, 0, 0), 1e-3);
        assertEquals(expected[1], sample(esv, 1, 0), 1e-3);
        assertEquals(expected[2], sample(esv, 2, 0), 1e-3);
        assertEquals(expected[3], sample(esv, 0, 1), 1e-3);
        Table totals = (Table) out.get("totals");
        assertEquals(expected[0] + expected[1] + expected[2] + expected[3], number(totals, "quantity", "total_esv", "value"), 1e-8);
        Table byClass = (Table) out.get("byClass");
        assertEquals(expected[0] + expected[1], number(byClass, "code", 1, "esv_total"), 1e-9);
        Table factors = (Table) out.get("factors");
        assertEquals(6, number(factors, "factor", "npp", "reference_mean"), 1e-12);

        assertEquals(6, number(factors, "factor", "npp", "area_mean"), 1e-12);
        assertEquals(1, number(factors, "factor", "npp", "area_factor"), 1e-12);
        assertEquals("study area", factors.get(0, "reference"));

        // a reference mean of 4 instead: P = npp / 4; the table keeps the study-area mean 6 apart from the reference 4
        Map<String, Object> ref = run(lu, npp, null, null, 4.0, null, false);
        assertEquals(90 * (1.32 + 2.69 * 2 / 4), sample((GridCoverage2D) ref.get("esv"), 0, 0), 1e-3);
        Table refFactors = (Table) ref.get("factors");
        assertEquals(6, number(refFactors, "factor", "npp", "area_mean"), 1e-12);
        assertEquals(4, number(refFactors, "factor", "npp", "reference_mean"), 0);
        assertEquals(1.5, number(refFactors, "factor", "npp", "area_factor"), 1e-12);
        assertEquals("given", refFactors.get(0, "reference"));
        // static ESV: the same land use without factors, 90 × (2 DRY + WATER + FOREST)
        assertEquals(90 * (2 * DRY + WATER + FOREST), number((Table) ref.get("totals"), "quantity", "static_esv", "value"), 1e-9);
    }

    @Test
    void regionCorrectionByNpp() {
        GridGeometry2D grid = TestGrids.utm(3, 2);
        GridCoverage2D lu = TestGrids.landUse(grid, LU);
        GridCoverage2D npp = TestGrids.values(grid, new double[][] {{2, 4, 6}, {8, 10, 99}});
        // region west covers column 0 (x 500000–500030), east columns 1–2; in EPSG:32650 coordinates
        String json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32650\"}},\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"west\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500000,4399940],[500030,4399940],[500030,4400000],[500000,4400000],[500000,4399940]]]}},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"east\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[500030,4399940],[500090,4399940],[500090,4400000],[500030,4400000],[500030,4399940]]]}}]}";
        SimpleFeatureCollection regions = GeoJson.read(parse(json), "regions");
        Map<String, Object> out = run(lu, npp, CorrectionMode.REGION, regions, null, null, false);
        // study mean 6; west region mean over valid land use (2, 8) = 5 → P = 5/6; east (4, 6, 10) = 20/3 → P = 10/9
        GridCoverage2D esv = (GridCoverage2D) out.get("esv");
        assertEquals(90 * (1.32 + 2.69 * 5 / 6), sample(esv, 0, 0), 1e-3);
        assertEquals(90 * (1.32 + 2.69 * 10 / 9), sample(esv, 1, 0), 1e-3);
        Table factors = (Table) out.get("factors");
        assertEquals(5.0 / 6, number(factors, "region_name", "west", "area_factor"), 1e-12);
        assertEquals(10.0 / 9, number(factors, "region_name", "east", "area_factor"), 1e-12);
    }

    @Test
    void unknownCodesAreListedOrValuedZero() {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 1), new int[][] {{1, 42, 77}});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(lu, null, null, null, null, null, false));
        assertTrue(e.getMessage().contains("42, 77"), e.getMessage());
        Map<String, Object> out = run(lu, null, null, null, null, Valuation.UnknownCodes.ZERO, false);
        Table totals = (Table) out.get("totals");
        assertEquals(90 * DRY, number(totals, "quantity", "total_esv", "value"), 1e-9);
        assertEquals(0.27, number(totals, "quantity", "area_ha", "value"), 1e-12);
        assertEquals(0, sample((GridCoverage2D) out.get("esv"), 1, 0), 0);
    }

    @Test
    void pixelsWithoutFactorKeepFactorOneAndAreCounted() {
        GridGeometry2D grid = TestGrids.utm(3, 2);
        GridCoverage2D lu = TestGrids.landUse(grid, LU);
        GridCoverage2D npp = TestGrids.values(grid, new double[][] {{2, -9999, 6}, {8, 10, 99}});
        Map<String, Object> out = run(lu, npp, null, null, null, null, false);
        // mean over land-use pixels with an NPP value: (2 + 6 + 8 + 10) / 4 = 6.5; pixel (1, 0) keeps P = 1
        GridCoverage2D esv = (GridCoverage2D) out.get("esv");
        assertEquals(90 * (1.32 + 2.69 * 2 / 6.5), sample(esv, 0, 0), 1e-3);
        assertEquals(90 * DRY, sample(esv, 1, 0), 1e-3);
        Table totals = (Table) out.get("totals");
        assertEquals(1, number(totals, "quantity", "uncorrected_pixels", "value"), 0);
        assertEquals(90 * (1.32 + 2.69 * 2 / 6.5) + 90 * DRY, number((Table) out.get("byClass"), "code", 1, "esv_total"), 1e-9);
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ESV per pixel of {@link #LU} on 30 m pixels: 0.09 ha × 1000 × Σ equivalents; 0 for class 8, nodata kept. */
    static void assertStaticEsvOfLu(GridCoverage2D esv) {
        assertEquals(90 * DRY, sample(esv, 0, 0), 1e-3);
        assertEquals(90 * WATER, sample(esv, 2, 0), 1e-3);
        assertEquals(90 * FOREST, sample(esv, 0, 1), 1e-3);
        assertEquals(0, sample(esv, 1, 1), 0);
        assertEquals(-9999, sample(esv, 2, 1), 0);
    }

    /** esv:Value asked for {@code outputs} only, as the CLI's --outputs and a WPS ResponseDocument ask. */
    static Map<String, Object> runFor(GridCoverage2D lu, Valuation.UnknownCodes unknown, String... outputs) {
        return new ValueProcess().execute(lu, D, null, null, null, null, null, null, null, unknown, null, null, null, null,
                null, null, null, null, null, null, false, null, null, null, null,
                OutputSelection.only(java.util.Set.of(outputs), null));
    }

    @Test
    void theRasterAloneIsComputedWithoutTheTables() throws Exception {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), LU);
        Map<String, Object> out = runFor(lu, null, "esv");
        assertFalse(out.containsKey("byClass") || out.containsKey("totals") || out.containsKey("byService"), out.keySet().toString());
        // the same values as uncorrectedValueOnProjectedGrid
        assertStaticEsvOfLu((GridCoverage2D) out.get("esv"));
        // a table asked for brings the statistics pass back
        assertTrue(runFor(lu, null, "esv", "totals").containsKey("totals"));
    }

    @Test
    void theRasterAloneStillRefusesCodesTheMappingLacks() throws Exception {
        GridCoverage2D lu = TestGrids.landUse(TestGrids.utm(3, 2), new int[][] {{1, 77, 5}, {2, 8, 255}});
        java.io.File file = dir.resolve("esv.tif").toFile();
        GridCoverage2D esv = (GridCoverage2D) runFor(lu, null, "esv").get("esv");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> org.esvflow.raster.GeoTiffs.write(esv, file));
        assertEquals("landUse", e.getInput());
        assertTrue(e.getMessage().contains("77"), e.getMessage());
        assertFalse(file.exists(), "no half-written raster");
        // unknownCodes=ZERO values them 0, as the full run does
        GridCoverage2D zero = (GridCoverage2D) runFor(lu, Valuation.UnknownCodes.ZERO, "esv").get("esv");
        assertEquals(0, sample(zero, 1, 0), 0);
        assertEquals(90 * WATER, sample(zero, 2, 0), 1e-3);
    }
}
