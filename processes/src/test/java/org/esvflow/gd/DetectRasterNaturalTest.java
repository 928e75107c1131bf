package org.esvflow.gd;

import static org.esvflow.gd.DetectRasterProcessTest.join;
import static org.esvflow.gd.DetectRasterProcessTest.q;
import static org.esvflow.gd.DetectRasterProcessTest.raster;
import static org.esvflow.gd.DetectRasterProcessTest.run;
import static org.esvflow.gd.DetectRasterProcessTest.utm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;

/** gd:DetectRaster with NATURAL breaks, against Fisher–Jenks on every pixel's value held in memory. */
class DetectRasterNaturalTest {

    /** The first-pass bucket of a value (top 20 bits of its 32-bit key). */
    static int bucket(double v) {
        return DetectRasterProcess.key32((float) v) >>> DetectRasterProcess.LOW_BITS;
    }

    @Test
    void integersBelow4096InMagnitudeFallInDistinctBuckets() {
        // the claim that makes NATURAL exact on 8-bit rasters; it does not hold for all 16-bit values
        Set<Integer> seen = new HashSet<>();
        for (int v = -4095; v <= 4095; v++) assertTrue(seen.add(bucket(v)), "bucket of " + v + " shared");
        assertEquals(bucket(4096), bucket(4097)); // from 4096 on a bucket spans 2 integers (16 near 65535)
        assertEquals(bucket(65520), bucket(65535));
    }

    @Test
    void fewDistinctValuesGiveExactNaturalBreaks() throws Exception {
        int w = 600, h = 400, k = 5;
        GridGeometry2D grid = Rasters2.grid(w, h);
        DoubleBinaryOperator fy = (c, r) -> (float) (1e3 + 20 * Math.sin(c * 0.02) + r * 0.05 + (c * 13 + r * 7) % 11);
        // 8-bit with a nodata row, skewed so that the breaks are not equal intervals
        DoubleBinaryOperator fb = (c, r) -> r == 7 ? 255 : (int) (Math.pow(((c * 31 + r * 17) % 200) / 200.0, 2) * 200);
        // 16-bit signed, values in [−3000, 3000] (distinct buckets)
        DoubleBinaryOperator fs = (c, r) -> (int) Math.round(3000 * Math.sin(c * 0.011) * Math.cos(r * 0.007));
        // float32 with 40 distinct non-integer values
        DoubleBinaryOperator ff = (c, r) -> (float) (0.37 * ((Math.floor(c / 15) + Math.floor(r / 40)) % 40) - 3.1);
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, fy);
        GridCoverage2D b = raster(grid, DataBuffer.TYPE_BYTE, 255, fb);
        GridCoverage2D s = raster(grid, DataBuffer.TYPE_SHORT, -32768, fs);
        GridCoverage2D f = raster(grid, DataBuffer.TYPE_FLOAT, -9999, ff);

        int n = 0;
        double[] yv = new double[w * h], bv = new double[w * h], sv = new double[w * h], fv = new double[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (fb.applyAsDouble(c, r) == 255) continue;
                yv[n] = (float) fy.applyAsDouble(c, r);
                bv[n] = fb.applyAsDouble(c, r);
                sv[n] = fs.applyAsDouble(c, r);
                fv[n++] = (float) ff.applyAsDouble(c, r);
            }
        }
        yv = Arrays.copyOf(yv, n);
        double[][] xs = {Arrays.copyOf(bv, n), Arrays.copyOf(sv, n), Arrays.copyOf(fv, n)};
        Map<String, Object> out = run(y, List.of(b, s, f), "b,s,f", null, "NATURAL", k);
        Table disc = (Table) out.get("discretization");
        String[] names = {"b", "s", "f"};
        int[][] codes = new int[3][];
        for (int i = 0; i < 3; i++) {
            // Fisher–Jenks on all n values sorted (FisherJenks.of, not the weighted-bucket path), classes by value
            double[] sorted = xs[i].clone();
            Arrays.sort(sorted);
            FisherJenks jenks = FisherJenks.of(sorted, k);
            double[] breaks = Discretization.unique(jenks.breaks(jenks.maxClasses()));
            codes[i] = Discretization.classify(xs[i], breaks);
            assertEquals(join(breaks), disc.get(i, "breaks"), names[i]);
            assertEquals("NATURAL", disc.get(i, "method"), names[i]);
            assertEquals(DetectRasterProcessTest.q(yv, codes[i]), q(out, names[i]), 1e-12, names[i]);
        }
        Table inter = (Table) out.get("interaction");
        assertEquals(DetectRasterProcessTest.q(yv, DetectRasterProcessTest.pair(codes[0], codes[1])),
                ((Number) inter.get(0, "q12")).doubleValue(), 1e-12);
        assertEquals(w * h - n, out.get("dropped"));
    }

    @Test
    void manyDistinctFloatsGiveBinnedBreaksWithinTheBound() throws Exception {
        int w = 500, h = 400, k = 5;
        GridGeometry2D grid = Rasters2.grid(w, h);
        // x: 200 000 pixels, nearly all distinct, in 5 overlapping humps (a continuous, not clustered, density)
        DoubleBinaryOperator fx = (c, r) -> (float) (100 + 10 * ((c * 7 + r * 3) % 5) + 6 * Math.sin(c * 0.0131 + r * 0.0071)
                + 1e-3 * ((c * 7919 + r * 104729) % 1000));
        DoubleBinaryOperator fy = (c, r) -> (float) (0.5 * fx.applyAsDouble(c, r) + 3 * Math.cos(r * 0.01) + (c % 17));
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, fy);
        GridCoverage2D x = raster(grid, DataBuffer.TYPE_FLOAT, -9999, fx);
        int n = w * h;
        double[] yv = new double[n], xv = new double[n];
        for (int r = 0, i = 0; r < h; r++) {
            for (int c = 0; c < w; c++, i++) {
                yv[i] = (float) fy.applyAsDouble(c, r);
                xv[i] = (float) fx.applyAsDouble(c, r);
            }
        }
        double[] sorted = xv.clone();
        Arrays.sort(sorted);
        FisherJenks exact = FisherJenks.of(sorted, k);
        assertTrue(exact.distinctCount() > 10_000, "many distinct values: " + exact.distinctCount());
        double[] exactBreaks = exact.breaks(k);

        Map<String, Object> out = run(y, List.of(x), "x", null, "NATURAL", k);
        Table disc = (Table) out.get("discretization");
        assertEquals("NATURAL_BINNED", disc.get(0, "method"));
        double[] got = Arrays.stream(((String) disc.get(0, "breaks")).split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertEquals(k + 1, got.length);
        int[] codes = Discretization.classify(xv, got);

        // (a) the objective. Moving each value by at most δ (its bucket's span: < 2^−11 of its magnitude, ≤ 2^−11 ·
        // max |x| here) moves √SSW of any fixed partition by at most ε = √n · δ (triangle inequality on the residual
        // norm); the binned optimum is optimal for the moved values, so √SSW(binned, x) ≤ √SSW(exact, x) + 2ε.
        double delta = Math.scalb(sorted[n - 1], -11), eps = Math.sqrt(n) * delta;
        double ssBinned = ssw(xv, codes), ssExact = exact.withinSumOfSquares(k);
        assertTrue(ssBinned >= ssExact * (1 - 1e-12), ssBinned + " < optimum " + ssExact);
        assertTrue(Math.sqrt(ssBinned) <= Math.sqrt(ssExact) + 2 * eps, ssBinned + " vs " + ssExact + ", ε " + eps);
        // (b) on this density the optimum is well determined: each binned break lies within a few buckets of the
        // exact one (bucket width here ≤ 2^−11 · 256 = 0.125, for values below 256)
        for (int i = 0; i <= k; i++) assertEquals(exactBreaks[i], got[i], 4 * 0.125, "break " + i);
        // (c) q: the pixels whose class differs sit between an exact break and a binned one. Moving one pixel from
        // class A to B changes SSW by −n_A/(n_A − 1)·(y − ȳ_A)² + n_B/(n_B + 1)·(y − ȳ_B)², at most (1 + 1/(n_A − 1))
        // · range(Y)² ≤ 1.01 · 4 · max (y − ȳ)² in size (classes of > 100 pixels), so |Δq| ≤ moved · that / SST
        int[] exactCodes = Discretization.classify(xv, exactBreaks);
        long moved = 0;
        for (int i = 0; i < n; i++) if (codes[i] != exactCodes[i]) moved++;
        double mean = Arrays.stream(yv).average().orElseThrow(), sst = 0, far = 0;
        for (double v : yv) {
            sst += (v - mean) * (v - mean);
            far = Math.max(far, (v - mean) * (v - mean));
        }
        double bound = moved * 1.01 * 4 * far / sst;
        assertTrue(bound < 0.05, "bound " + bound + " (" + moved + " pixels moved)");
        assertEquals(DetectRasterProcessTest.q(yv, exactCodes), q(out, "x"), Math.max(bound, 1e-12));
        assertEquals(DetectRasterProcessTest.q(yv, codes), q(out, "x"), 1e-9); // its own classes, exactly
    }

    @Test
    void int32AndFloat64FactorsAreRefusedByName() throws Exception {
        GridGeometry2D grid = Rasters2.grid(8, 8);
        GridCoverage2D y = raster(grid, DataBuffer.TYPE_FLOAT, -9999, (c, r) -> c + r);
        GridCoverage2D ok = raster(grid, DataBuffer.TYPE_BYTE, 255, (c, r) -> c);
        GridCoverage2D i32 = raster(grid, DataBuffer.TYPE_INT, -9999, (c, r) -> c * r);
        GridCoverage2D f64 = raster(grid, DataBuffer.TYPE_DOUBLE, -9999, (c, r) -> c * 0.5);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(y, List.of(ok, i32), "ok,elevation", null, "NATURAL", 3));
        assertTrue(e.getMessage().contains("elevation") && e.getMessage().contains("int32"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> run(y, List.of(f64, ok), "slope,ok", null, "NATURAL", 3));
        assertTrue(e.getMessage().contains("slope") && e.getMessage().contains("float64"), e.getMessage());
        // a categorical int32 factor is stratified by value, not discretized: allowed
        Map<String, Object> out = run(y, List.of(ok, i32), "ok,elevation", "elevation", "NATURAL", 3);
        assertEquals(2, ((Table) out.get("factor")).rowCount());
    }

    /** Within-class sum of squares of x under the class codes, two plain passes. */
    static double ssw(double[] x, int[] codes) {
        int classes = Arrays.stream(codes).max().orElseThrow() + 1;
        double[] sum = new double[classes], count = new double[classes];
        for (int i = 0; i < x.length; i++) {
            sum[codes[i]] += x[i];
            count[codes[i]]++;
        }
        double ss = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - sum[codes[i]] / count[codes[i]];
            ss += d * d;
        }
        return ss;
    }

    /** Square 10 m grids in UTM 50N. */
    static final class Rasters2 {
        static GridGeometry2D grid(int w, int h) throws Exception {
            return org.esvflow.raster.Rasters.grid(w, h, 500_000, 4_000_000 + 10.0 * h, 10, utm());
        }
    }
}
