package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class DetectRasterProcessTest {

    static GridCoverage2D raster(GridGeometry2D grid, int type, double nodata, DoubleBinaryOperator f) {
        int w = grid.getGridRange2D().width, h = grid.getGridRange2D().height;
        return Rasters.coverage("r", new ComputedImage(w, h, 256, type, t -> {
            for (int r = t.getMinY(); r < t.getMinY() + t.getHeight(); r++)
                for (int c = t.getMinX(); c < t.getMinX() + t.getWidth(); c++) t.setSample(c, r, 0, f.applyAsDouble(c, r));
        }), grid, nodata);
    }

    static Map<String, Object> run(GridCoverage2D y, List<GridCoverage2D> factors, String names, String categorical,
                                   String method, int k) {
        return new DetectRasterProcess().execute(y, factors, names, categorical, method, k, null, null, null, null,
                null, null);
    }

    static double q(Map<String, Object> out, String factor) {
        Table t = (Table) out.get("factor");
        for (int i = 0; i < t.rowCount(); i++) if (t.get(i, "factor").equals(factor)) return ((Number) t.get(i, "q")).doubleValue();
        throw new AssertionError(factor);
    }

    static CoordinateReferenceSystem utm() throws Exception {
        return CRS.decode("EPSG:32650", true);
    }

    @Test
    void handGrid() throws Exception {
        GridGeometry2D grid = Rasters.grid(4, 4, 500_000, 4_000_040, 10, utm());
        // Y(r, c) = c + 4·[r ≥ 2]: rows 0–1 are 0 1 2 3, rows 2–3 are 4 5 6 7. N = 16, mean 3.5,
        // SST = 4 rows × (3.5² + 2.5² + 1.5² + 0.5²) = 4 × 21 = 84.
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> c + (r >= 2 ? 4 : 0));
        // x = 10c + r (continuous, 16 distinct values 0..33). EQUAL k = 2: breaks 0, 16.5, 33. QUANTILE k = 2:
        // h = 15 · 0.5 = 7.5, sorted[7] = 13, sorted[8] = 20 → 16.5. Both: class 0 = cols 0–1, class 1 = cols 2–3.
        GridCoverage2D x = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> 10 * c + r);
        // b = rows 0–1 → 1, rows 2–3 → 2 (categorical)
        GridCoverage2D b = raster(grid, DataBuffer.TYPE_BYTE, 255, (c, r) -> r < 2 ? 1 : 2);
        for (String method : List.of("EQUAL", "QUANTILE")) {
            Map<String, Object> out = run(y, List.of(x, b), "x,b", "b", method, 2);
            // x: strata {0,1,0,1,4,5,4,5} (mean 2.5) and {2,3,2,3,6,7,6,7} (mean 4.5), SS = 2(6.25 + 2.25)·2 = 34
            // each → SSW = 68, q = 1 − 68/84 = 4/21
            assertEquals(4.0 / 21, q(out, "x"), 1e-12, method);
            // b: strata {0..3}×2 (mean 1.5) and {4..7}×2 (mean 5.5), SS = 2(2.25 + 0.25 + 0.25 + 2.25) = 10 each
            // → q = 1 − 20/84 = 16/21
            assertEquals(16.0 / 21, q(out, "b"), 1e-12, method);
            // overlay: 4 cells of {v, v+1, v, v+1}, SS = 1 each → q12 = 1 − 4/84 = 20/21 = q_x + q_b: Independent
            Table inter = (Table) out.get("interaction");
            assertEquals(20.0 / 21, ((Number) inter.get(0, "q12")).doubleValue(), 1e-12);
            assertEquals("Independent", inter.get(0, "interaction"));
            Table means = (Table) out.get("riskMeans");
            assertEquals(2.5, ((Number) means.get(0, "mean")).doubleValue(), 1e-12);
            assertEquals(4.5, ((Number) means.get(1, "mean")).doubleValue(), 1e-12);
            assertEquals("0 16.5 33", ((Table) out.get("discretization")).get(0, "breaks"));
            assertEquals(0, out.get("dropped"));
        }
    }

    @Test
    void multiBlockRasterEqualsAnInMemoryTwoPassComputation() throws Exception {
        int w = 700, h = 600, k = 5;
        GridGeometry2D grid = Rasters.grid(w, h, 500_000, 4_006_000, 10, utm());
        // Y with a large mean (cancellation-prone), a nodata patch; lu 1..6 with a nodata strip; x float with ties and
        // negatives; z continuous with a different pattern
        DoubleBinaryOperator fy = (c, r) -> (c < 20 && r < 30) ? -9999 : 1e4 + 50 * Math.sin(c * 0.013) + r * 0.07 + ((c * 31 + r * 17) % 13);
        DoubleBinaryOperator flu = (c, r) -> r == 599 ? 255 : 1 + ((int) (c / 120) + (int) (r / 200)) % 6;
        DoubleBinaryOperator fx = (c, r) -> Math.rint(2 * (Math.cos(r * 0.01) * 40 - 10 + c * 0.01)) / 2;
        DoubleBinaryOperator fz = (c, r) -> (float) (((c * 7 + r * 3) % 101) * 0.37 + Math.sin(c * r * 1e-4));
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_DOUBLE, -9999, fy);
        GridCoverage2D lu = raster(grid, DataBuffer.TYPE_BYTE, 255, flu);
        GridCoverage2D x = raster(grid, DataBuffer.TYPE_FLOAT, -9999, fx);
        GridCoverage2D z = raster(grid, DataBuffer.TYPE_FLOAT, -9999, fz);

        // in memory: the valid pixels' arrays
        int n = 0;
        double[] yv = new double[w * h], luv = new double[w * h], xv = new double[w * h], zv = new double[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double a = fy.applyAsDouble(c, r), b = flu.applyAsDouble(c, r);
                if (a == -9999 || b == 255) continue;
                yv[n] = a;
                luv[n] = b;
                xv[n] = (float) fx.applyAsDouble(c, r);
                zv[n++] = (float) fz.applyAsDouble(c, r);
            }
        }
        yv = Arrays.copyOf(yv, n);
        luv = Arrays.copyOf(luv, n);
        xv = Arrays.copyOf(xv, n);
        zv = Arrays.copyOf(zv, n);
        for (String method : List.of("QUANTILE", "EQUAL")) {
            Map<String, Object> out = run(y, List.of(lu, x, z), "lu,x,z", "lu", method, k);
            assertEquals(w * h - n, out.get("dropped"));
            // breaks from the sorted values (Discretization's in-memory algorithm), codes by value or class
            int[] luCodes = new int[n];
            for (int i = 0; i < n; i++) luCodes[i] = (int) luv[i];
            Discretization.Method m = Discretization.Method.valueOf(method);
            double[] xb = Discretization.unique(Discretization.breaks(xv, m, k));
            double[] zb = Discretization.unique(Discretization.breaks(zv, m, k));
            int[] xCodes = Discretization.classify(xv, xb), zCodes = Discretization.classify(zv, zb);
            Table disc = (Table) out.get("discretization");
            assertEquals(join(xb), disc.get(0, "breaks"), method);
            assertEquals(join(zb), disc.get(1, "breaks"), method);
            assertEquals(q(yv, luCodes), q(out, "lu"), 1e-9, method);
            assertEquals(q(yv, xCodes), q(out, "x"), 1e-9, method);
            assertEquals(q(yv, zCodes), q(out, "z"), 1e-9, method);
            Table inter = (Table) out.get("interaction");
            assertEquals(q(yv, pair(luCodes, xCodes)), ((Number) inter.get(0, "q12")).doubleValue(), 1e-9);
            assertEquals(q(yv, pair(luCodes, zCodes)), ((Number) inter.get(1, "q12")).doubleValue(), 1e-9);
            assertEquals(q(yv, pair(xCodes, zCodes)), ((Number) inter.get(2, "q12")).doubleValue(), 1e-9);
            assertTrue(q(out, "lu") > 0.01);
        }
    }

    static String join(double[] b) {
        StringBuilder s = new StringBuilder();
        for (double v : b) s.append(s.length() == 0 ? "" : " ").append(org.esvflow.table.Csv.format(v));
        return s.toString();
    }

    static int[] pair(int[] a, int[] b) {
        int[] c = new int[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] * 1000 + b[i];
        return c;
    }

    /** q = 1 − Σ_h Σ (y − ȳ_h)² / Σ (y − ȳ)², plain two passes over the arrays, strata keyed in a hash map. */
    static double q(double[] y, int[] codes) {
        Map<Integer, double[]> sums = new HashMap<>();
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double[] s = sums.computeIfAbsent(codes[i], c -> new double[3]);
            s[0]++;
            s[1] += y[i];
            total += y[i];
        }
        double mean = total / y.length, sst = 0, ssw = 0;
        for (int i = 0; i < y.length; i++) {
            double[] s = sums.get(codes[i]);
            double d = y[i] - s[1] / s[0], e = y[i] - mean;
            ssw += d * d;
            sst += e * e;
        }
        return 1 - ssw / sst;
    }

    @Test
    void keysOrderDoublesAndInvert() {
        double[] v = {Double.NEGATIVE_INFINITY, -1e300, -2.5, -1, -Double.MIN_VALUE, 0, Double.MIN_VALUE, 1e-300, 1, 2.5,
                1e300, Double.POSITIVE_INFINITY};
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], DetectRasterProcess.value(DetectRasterProcess.key(v[i])), 0.0);
            if (i > 0) assertTrue(DetectRasterProcess.key(v[i - 1]) < DetectRasterProcess.key(v[i]), v[i - 1] + " < " + v[i]);
        }
        assertEquals(DetectRasterProcess.key(0.0), DetectRasterProcess.key(-0.0));
    }

    @Test
    void floatKeysOrderAndInvert() {
        float[] v = {Float.NEGATIVE_INFINITY, -3e38f, -2.5f, -1, -Float.MIN_VALUE, 0, Float.MIN_VALUE, 1e-30f, 1, 2.5f,
                3e38f, Float.POSITIVE_INFINITY};
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], DetectRasterProcess.value32(DetectRasterProcess.key32(v[i])), 0.0f);
            if (i > 0) {
                assertTrue(Integer.compareUnsigned(DetectRasterProcess.key32(v[i - 1]), DetectRasterProcess.key32(v[i])) < 0,
                        v[i - 1] + " < " + v[i]);
            }
        }
        assertEquals(DetectRasterProcess.key32(0f), DetectRasterProcess.key32(-0f));
    }

    @Test
    void radixSelectOnFloatsEqualsRefinementOnDoubles() throws Exception {
        // the same float-valued factor as a float32 raster (radix select on 32-bit keys) and as a float64 raster
        // (histogram refinement on 64-bit keys): two algorithms, one set of breaks; ties, negatives and nodata
        GridGeometry2D grid = Rasters.grid(600, 520, 500_000, 4_006_000, 10, utm());
        DoubleBinaryOperator fy = (c, r) -> 100 + Math.sin(c * 0.02) * 30 + r * 0.05;
        DoubleBinaryOperator fx = (c, r) -> c % 97 == 0 ? -9999
                : (float) (Math.rint(4 * Math.cos(r * 0.013) * Math.sin(c * 0.007) * 50) / 4 - 3.3);
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_DOUBLE, -9999, fy);
        for (int k : new int[] {3, 7}) {
            Map<String, Object> f = run(y, List.of(raster(grid, DataBuffer.TYPE_FLOAT, -9999, fx)), "x", null, "QUANTILE", k);
            Map<String, Object> d = run(y, List.of(raster(grid, DataBuffer.TYPE_DOUBLE, -9999, fx)), "x", null, "QUANTILE", k);
            assertEquals(((Table) d.get("discretization")).get(0, "breaks"), ((Table) f.get("discretization")).get(0, "breaks"));
            assertEquals(((Table) d.get("discretization")).get(0, "counts"), ((Table) f.get("discretization")).get(0, "counts"));
            // the float32 factor's breaks come out of the last pass (pixels near a break kept aside, added last): the
            // same sums merged in another order
            assertEquals(q(d, "x"), q(f, "x"), 1e-12);
        }
    }

    @Test
    void everyLastPassGivesTheSameResult() throws Exception {
        // the joint table with quantile breaks resolved in the last pass, the joint table after a radix pass, and
        // per-factor/per-pair statistics after a radix pass: one set of breaks, counts, q and q12
        int w = 530, h = 610;
        GridGeometry2D grid = Rasters.grid(w, h, 500_000, 4_006_000, 10, utm());
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> c == r ? -9999 : 300 + Math.sin(c * 0.01) * 9 + r * 0.01);
        GridCoverage2D lu = raster(grid, DataBuffer.TYPE_BYTE, 255, (c, r) -> 1 + (c / 90 + r / 150) % 5);
        GridCoverage2D a = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> Math.rint(Math.cos(r * 0.02) * c * 0.3));
        GridCoverage2D b = raster(grid, DataBuffer.TYPE_USHORT, 0, (c, r) -> 1 + (c * 13 + r * 7) % 211);
        GridCoverage2D d = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> (float) (Math.sin(c * r * 1e-4) - 0.2));
        List<GridCoverage2D> factors = List.of(lu, a, b, d);
        List<Map<String, Object>> outs = new java.util.ArrayList<>();
        for (long[] limits : new long[][] {{1 << 20, 1 << 22}, {1 << 20, 0}, {0, 0}}) {
            DetectRasterProcess p = new DetectRasterProcess();
            p.maxJointCells = limits[0];
            p.maxDeferred = limits[1];
            outs.add(p.execute(y, factors, "lu,a,b,d", "lu", "QUANTILE", 6, null, null, null, null, null, null));
        }
        for (Map<String, Object> out : outs.subList(1, 3)) {
            Table d0 = (Table) outs.get(0).get("discretization"), d1 = (Table) out.get("discretization");
            for (int i = 0; i < 3; i++) {
                assertEquals(d0.get(i, "breaks"), d1.get(i, "breaks"));
                assertEquals(d0.get(i, "counts"), d1.get(i, "counts"));
            }
            for (String f : List.of("lu", "a", "b", "d")) assertEquals(q(outs.get(0), f), q(out, f), 1e-12, f);
            Table i0 = (Table) outs.get(0).get("interaction"), i1 = (Table) out.get("interaction");
            assertEquals(6, i1.rowCount());
            for (int i = 0; i < 6; i++) {
                assertEquals(((Number) i0.get(i, "q12")).doubleValue(), ((Number) i1.get(i, "q12")).doubleValue(), 1e-12);
            }
        }
    }

    @Test
    void misalignedFactorIsNamed() throws Exception {
        GridGeometry2D grid = Rasters.grid(4, 4, 500_000, 4_000_040, 10, utm());
        GridGeometry2D other = Rasters.grid(4, 4, 500_010, 4_000_040, 10, utm());
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> c);
        GridCoverage2D f = raster(other, DataBuffer.TYPE_BYTE, 255, (c, r) -> r);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(y, List.of(f), "f", "f", "EQUAL", 2));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
    }
}
