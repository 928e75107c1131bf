package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;

class RseiProcessTest {
    static final int W = 300, H = 270; // two blocks in each direction: block merging and tiling are exercised

    private static Map<String, Object> run(List<GridCoverage2D> b, Sensor sensor, Scaling scaling, double clip,
                                           SimpleFeatureCollection regions) {
        return new RseiProcess().execute(b.get(0), b.get(1), b.get(2), b.get(3), b.get(4), b.get(5), b.get(6),
                sensor, scaling, true, 0.0, clip, true, regions, "name", null, null);
    }

    /** Everything computed again with all pixels in memory, a naive two-pass covariance and Jacobi rotations. */
    static final class Reference {
        final List<double[]> indicators = new ArrayList<>();
        final List<int[]> positions = new ArrayList<>();
        int water, nodata;
        final double[] lower = new double[4], upper = new double[4];
        double[] eigenvalues;
        double[] pc1;
        double pc1Min = Double.POSITIVE_INFINITY, pc1Max = Double.NEGATIVE_INFINITY;
        final double[][] rsei;

        Reference(SyntheticScene scene, Sensor sensor, double clipFraction) {
            rsei = new double[scene.height][scene.width];
            for (double[] row : rsei) java.util.Arrays.fill(row, Double.NaN);
            for (int y = 0; y < scene.height; y++) {
                for (int x = 0; x < scene.width; x++) {
                    if (scene.isNodata(x, y)) {
                        nodata++;
                        continue;
                    }
                    double[] v = new double[7];
                    for (int b = 0; b < 7; b++) v[b] = (float) scene.value(b, x, y); // as stored in the float32 bands
                    if ((v[1] - v[4]) / (v[1] + v[4]) > 0) {
                        water++;
                        continue;
                    }
                    double[] ind = new double[4];
                    Indicators.compute(sensor, v[0], v[1], v[2], v[3], v[4], v[5], v[6], ind);
                    indicators.add(ind);
                    positions.add(new int[] {x, y});
                }
            }
            int n = indicators.size();
            for (int i = 0; i < 4; i++) {
                double[] column = new double[n];
                for (int k = 0; k < n; k++) column[k] = indicators.get(k)[i];
                lower[i] = ExactQuantilesTest.sortedQuantile(column, clipFraction);
                upper[i] = ExactQuantilesTest.sortedQuantile(column, 1 - clipFraction);
            }
            double[][] normalised = new double[4][n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < 4; i++) {
                    double x = Math.max(lower[i], Math.min(upper[i], indicators.get(k)[i]));
                    normalised[i][k] = (x - lower[i]) / (upper[i] - lower[i]);
                }
            }
            double[][] cov = covariance(normalised, n);
            double[][] vectors = new double[4][];
            eigenvalues = PcaTest.jacobi(cov, vectors);
            pc1 = vectors[0].clone();
            if (pc1[Indicators.NDVI] < 0) for (int i = 0; i < 4; i++) pc1[i] = -pc1[i];
            double[] p = new double[n];
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < 4; i++) p[k] += pc1[i] * normalised[i][k];
                pc1Min = Math.min(pc1Min, p[k]);
                pc1Max = Math.max(pc1Max, p[k]);
            }
            for (int k = 0; k < n; k++) {
                int[] xy = positions.get(k);
                rsei[xy[1]][xy[0]] = (p[k] - pc1Min) / (pc1Max - pc1Min);
            }
        }

        static double[][] covariance(double[][] x, int n) {
            double[] mean = new double[4];
            for (int i = 0; i < 4; i++) {
                for (int k = 0; k < n; k++) mean[i] += x[i][k];
                mean[i] /= n;
            }
            double[][] c = new double[4][4];
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) {
                    for (int k = 0; k < n; k++) c[i][j] += (x[i][k] - mean[i]) * (x[j][k] - mean[j]);
                    c[i][j] /= n - 1;
                }
            return c;
        }

        double regionMean(int x0, int x1, int y0, int y1) {
            double sum = 0;
            int count = 0;
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++)
                    if (!Double.isNaN(rsei[y][x])) {
                        sum += rsei[y][x];
                        count++;
                    }
            return sum / count;
        }
    }

    static double statistic(Table t, String name) {
        for (Object[] row : t.rows()) if (row[0].equals(name)) return ((Number) row[1]).doubleValue();
        throw new AssertionError("no statistic " + name);
    }

    /** Two rectangles in pixel units, as GeoJSON in the scene's UTM CRS: mountains (left) and city (right). */
    static SimpleFeatureCollection regions() throws Exception {
        String json = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::32650\"}},\"features\":["
                + feature("mountains", 0, 120, 10, H) + "," + feature("city", 200, W, 10, H) + "]}";
        return GeoJson.read(new ObjectMapper().readTree(json), "regions");
    }

    private static String feature(String name, int x0, int x1, int y0, int y1) {
        double ax = SyntheticScene.ORIGIN_X + x0 * SyntheticScene.PIXEL, bx = SyntheticScene.ORIGIN_X + x1 * SyntheticScene.PIXEL;
        double ay = SyntheticScene.ORIGIN_Y - y0 * SyntheticScene.PIXEL, by = SyntheticScene.ORIGIN_Y - y1 * SyntheticScene.PIXEL;
        return String.format(java.util.Locale.ROOT, "{\"type\":\"Feature\",\"properties\":{\"name\":\"%s\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}}",
                name, ax, ay, bx, ay, bx, by, ax, by, ax, ay);
    }

    @Test
    void everyPixelMatchesAnIndependentInMemoryComputation() throws Exception {
        SyntheticScene scene = new SyntheticScene(W, H, 0);
        Reference ref = new Reference(scene, Sensor.OLI, 0);
        Map<String, Object> out = run(scene.physicalBands(), Sensor.OLI, Scaling.NONE, 0, regions());

        Table pca = (Table) out.get("pca");
        for (int k = 0; k < 4; k++) {
            assertEquals(ref.eigenvalues[k], ((Number) pca.get(k, "eigenvalue")).doubleValue(), 1e-9 * ref.eigenvalues[0]);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(ref.pc1[i], ((Number) pca.get(0, Indicators.NAMES[i])).doubleValue(), 1e-8);
        }
        Raster rsei = ((GridCoverage2D) out.get("rsei")).getRenderedImage().getData();
        Raster grade = ((GridCoverage2D) out.get("grade")).getRenderedImage().getData();
        Raster ndvi = ((GridCoverage2D) out.get("ndvi")).getRenderedImage().getData();
        int[] gradePixels = new int[6];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double expected = ref.rsei[y][x];
                if (Double.isNaN(expected)) {
                    assertEquals(RseiProcess.NODATA, rsei.getSampleDouble(x, y, 0));
                    assertEquals(0, grade.getSample(x, y, 0));
                    assertEquals(RseiProcess.NODATA, ndvi.getSampleDouble(x, y, 0));
                } else {
                    assertEquals((float) expected, rsei.getSampleFloat(x, y, 0), 1e-6f, "rsei at " + x + "," + y);
                    // grade from the reference value, by the interval rule written out
                    float f = (float) expected;
                    int g = f < 0.2f ? 1 : f < 0.4f ? 2 : f < 0.6f ? 3 : f < 0.8f ? 4 : 5;
                    assertEquals(g, grade.getSample(x, y, 0));
                    gradePixels[g]++;
                }
            }
        }
        Table stats = (Table) out.get("statistics");
        int valid = ref.indicators.size();
        assertEquals(valid, statistic(stats, "valid_pixels"));
        assertEquals(ref.water, statistic(stats, "water_pixels"));
        assertEquals(ref.nodata, statistic(stats, "nodata_pixels"));
        assertEquals(valid * 0.09, statistic(stats, "valid_area_ha"), 1e-6); // 30 m × 30 m = 0.09 ha
        assertEquals(0.0, statistic(stats, "pc1_min") - ref.pc1Min, 1e-9);
        assertEquals(ref.regionMean(0, W, 0, H), statistic(stats, "mean_rsei"), 1e-9);
        Table grades = (Table) out.get("grades");
        for (int g = 1; g <= 5; g++) {
            assertEquals(gradePixels[g], ((Number) grades.get(g - 1, "pixels")).longValue());
            assertEquals(gradePixels[g] * 0.09, ((Number) grades.get(g - 1, "area_ha")).doubleValue(), 1e-6);
        }
        Table regions = (Table) out.get("regions");
        assertEquals("mountains", regions.get(0, "region_id"));
        assertEquals(ref.regionMean(0, 120, 10, H), ((Number) regions.get(0, "mean_rsei")).doubleValue(), 1e-9);
        assertEquals(ref.regionMean(200, W, 10, H), ((Number) regions.get(1, "mean_rsei")).doubleValue(), 1e-9);
    }

    @Test
    void mountainsScoreHigherThanTheCityInEveryEpoch() throws Exception {
        for (int epoch = 0; epoch < 3; epoch++) {
            SyntheticScene scene = new SyntheticScene(W, H, epoch);
            Map<String, Object> out = run(scene.physicalBands(), Sensor.OLI, Scaling.NONE, 0, regions());
            Table regions = (Table) out.get("regions");
            double mountains = ((Number) regions.get(0, "mean_rsei")).doubleValue();
            double city = ((Number) regions.get(1, "mean_rsei")).doubleValue();
            double pc1Share = statistic((Table) out.get("statistics"), "pc1_variance_pct");
            System.out.printf(java.util.Locale.ROOT, "epoch %d: mean RSEI mountains %.4f, city %.4f, PC1 %.2f %% of variance%n",
                    epoch, mountains, city, pc1Share);
            assertTrue(mountains > city + 0.5, "epoch " + epoch + ": " + mountains + " vs " + city);
            assertTrue(pc1Share > 80, "PC1 share " + pc1Share);
        }
    }

    @Test
    void percentileClipUsesExactQuantiles() throws Exception {
        SyntheticScene scene = new SyntheticScene(W, H, 1);
        Reference ref = new Reference(scene, Sensor.OLI, 0.02);
        Map<String, Object> out = run(scene.physicalBands(), Sensor.OLI, Scaling.NONE, 2.0, null);
        Table stats = (Table) out.get("statistics");
        for (int i = 0; i < 4; i++) {
            assertEquals(ref.lower[i], statistic(stats, Indicators.NAMES[i] + "_lower"), 0);
            assertEquals(ref.upper[i], statistic(stats, Indicators.NAMES[i] + "_upper"), 0);
        }
        Raster rsei = ((GridCoverage2D) out.get("rsei")).getRenderedImage().getData();
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x += 5) {
                if (!Double.isNaN(ref.rsei[y][x])) assertEquals((float) ref.rsei[y][x], rsei.getSampleFloat(x, y, 0), 1e-6f);
            }
        }
        assertNull(out.get("regions"));
    }

    @Test
    void collection2NumbersAreScaledBeforeTheIndicators() {
        SyntheticScene scene = new SyntheticScene(W, H, 0);
        Map<String, Object> dn = run(scene.collection2Bands(), Sensor.OLI, Scaling.LANDSAT_C2_L2, 0, null);
        Map<String, Object> physical = run(scene.physicalBands(), Sensor.OLI, Scaling.NONE, 0, null);
        Table a = (Table) dn.get("statistics"), b = (Table) physical.get("statistics");
        assertEquals(statistic(b, "valid_pixels"), statistic(a, "valid_pixels"));
        // DN rounding moves reflectance by at most 0.5·0.0000275 and LST by 0.5·0.00341802 K
        assertEquals(statistic(b, "lst_max"), statistic(a, "lst_max"), 0.5 * Scaling.ST_SCALE + 1e-9);
        assertEquals(statistic(b, "ndvi_max"), statistic(a, "ndvi_max"), 1e-3);
        assertEquals(statistic(b, "mean_rsei"), statistic(a, "mean_rsei"), 1e-3);
    }

    @Test
    void sensorPresetChangesOnlyWetness() {
        SyntheticScene scene = new SyntheticScene(W, H, 0);
        Table tm = (Table) run(scene.physicalBands(), Sensor.TM, Scaling.NONE, 0, null).get("statistics");
        Table oli = (Table) run(scene.physicalBands(), Sensor.OLI, Scaling.NONE, 0, null).get("statistics");
        assertEquals(statistic(oli, "ndvi_min"), statistic(tm, "ndvi_min"), 0);
        assertEquals(statistic(oli, "ndbsi_max"), statistic(tm, "ndbsi_max"), 0);
        assertNotEquals(statistic(oli, "wet_min"), statistic(tm, "wet_min"));
        // the wettest pixel is the same forest pixel under both presets; check TM's value by its coefficients
        Reference ref = new Reference(scene, Sensor.TM, 0);
        assertEquals(ref.lower[Indicators.WET], statistic(tm, "wet_min"), 0);
    }

    @Test
    void runsThroughTheProcessApiWithDefaults() {
        SyntheticScene scene = new SyntheticScene(W, H, 0);
        List<GridCoverage2D> b = scene.physicalBands();
        Map<String, Object> inputs = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) inputs.put(SyntheticScene.BANDS[i], b.get(i));
        Map<String, Object> out = org.geotools.process.Processors
                .createProcess(new org.geotools.feature.NameImpl("rsei", "Rsei")).execute(inputs, null);
        Map<String, Object> direct = run(b, Sensor.OLI, Scaling.NONE, 0, null);
        assertEquals(statistic((Table) direct.get("statistics"), "mean_rsei"),
                statistic((Table) out.get("statistics"), "mean_rsei"), 0);
        assertNull(out.get("ndvi")); // indicators default to false
    }

    @Test
    void rejectsBadInputs() {
        SyntheticScene scene = new SyntheticScene(W, H, 0);
        List<GridCoverage2D> b = new ArrayList<>(scene.physicalBands());
        GridCoverage2D small = new SyntheticScene(W - 1, H, 0).physicalBands().get(6);
        b.set(6, small);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(b, Sensor.OLI, Scaling.NONE, 0, null));
        assertEquals("lst", e.getInput());
        List<GridCoverage2D> ok = scene.physicalBands();
        assertEquals("clipPercent", assertThrows(InvalidInputException.class,
                () -> run(ok, Sensor.OLI, Scaling.NONE, 50, null)).getInput());
        assertEquals(-9999.0, Rasters.nodata(ok.get(0)));
    }
}
