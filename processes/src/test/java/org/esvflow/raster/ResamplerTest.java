package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

class ResamplerTest {
    static CoordinateReferenceSystem utm() throws Exception {
        return CRS.decode("EPSG:32650", true);
    }

    /** A 2×2 source of 100 m pixels from (500 000, 4 400 200): values 10 20 / 30 nodata(-1). */
    static GridCoverage2D twoByTwo() throws Exception {
        GridGeometry2D grid = Rasters.grid(2, 2, 500_000, 4_400_200, 100, utm());
        double[][] v = {{10, 20}, {30, -1}};
        return GridsTest.constantPlane(grid, DataBuffer.TYPE_FLOAT, -1,
                (x, y) -> v[(int) ((4_400_200 - y) / 100)][(int) ((x - 500_000) / 100)]);
    }

    @Test
    void nodataNeighboursDropOutAndTheOtherWeightsAreRenormalised() throws Exception {
        // 10 m target pixels around (500 100, 4 400 100), the common corner of the four source pixels
        GridGeometry2D target = Rasters.grid(2, 2, 500_090, 4_400_110, 10, utm());
        Raster r = Grids.alignTo(twoByTwo(), target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        // (0, 0): centre (500 095, 4 400 105), 0.45 / 0.55 of the way between the centres in x and y (from the upper
        // left); all valid except the lower right (weight 0.45·0.45 = 0.2025) → renormalised over the other three
        double w00 = 0.55 * 0.55, w10 = 0.45 * 0.55, w01 = 0.55 * 0.45;
        assertEquals((10 * w00 + 20 * w10 + 30 * w01) / (w00 + w10 + w01), r.getSampleDouble(0, 0, 0), 1e-5);
        // (1, 1): centre (500 105, 4 400 095) lies in the nodata source pixel itself → nodata, as gdalwarp does
        assertEquals(-1.0, r.getSampleDouble(1, 1, 0), 0);
    }

    @Test
    void edgesAreClampedInsideTheSourceAndNodataOutside() throws Exception {
        // 10 m target pixels along the top row of the source, centres at y = 4 400 195 (between the top edge and the
        // first row of centres at 4 400 150): rows clamp to row 0, so along x the value runs from 10 to 20
        GridGeometry2D target = Rasters.grid(22, 1, 499_990, 4_400_200, 10, utm());
        Raster r = Grids.alignTo(twoByTwo(), target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        assertTrue(Float.isNaN(r.getSampleFloat(0, 0, 0)) || r.getSampleFloat(0, 0, 0) == -1f, "x 499 995 is outside");
        assertEquals(10.0, r.getSampleDouble(1, 0, 0), 1e-6); // x 500 005: west of the first centre, clamped
        assertEquals(10.0, r.getSampleDouble(5, 0, 0), 1e-6); // x 500 045
        assertEquals(10.0 + 10 * 0.05, r.getSampleDouble(6, 0, 0), 1e-5); // x 500 055: 5 m of the 100 m to 20
        assertEquals(10.0 + 10 * 0.85, r.getSampleDouble(14, 0, 0), 1e-5); // x 500 135
        assertEquals(20.0, r.getSampleDouble(20, 0, 0), 1e-6); // x 500 195: east of the last centre, clamped
        assertEquals(-1.0, r.getSampleDouble(21, 0, 0), 0); // x 500 205: outside, the source's nodata
    }

    @Test
    void reprojectedPositionsMatchTheExactTransformAtEveryPixel() throws Exception {
        // value = 1000·lon + 10·lat on a 0.001° WGS 84 grid; bilinear reproduces it exactly at the exact source
        // position, so each pixel's error is the position error, at most 1e-3 pixel = 1e-6° (0.001 in value)
        GridGeometry2D geo = Rasters.grid(700, 500, 116.9, 40.0, 0.001, DefaultGeographicCRS.WGS84);
        GridCoverage2D source = GridsTest.constantPlane(geo, DataBuffer.TYPE_DOUBLE, -9999, (lon, lat) -> 1000 * lon + 10 * lat);
        GridGeometry2D target = Rasters.grid(300, 260, 510_000, 4_425_000, 30, utm());
        Raster r = Grids.alignTo(source, target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        MathTransform toLonLat = CRS.findMathTransform(utm(), DefaultGeographicCRS.WGS84);
        double worst = 0;
        double[] p = new double[2];
        for (int row = 0; row < 260; row++) {
            for (int col = 0; col < 300; col++) {
                toLonLat.transform(new double[] {510_000 + (col + 0.5) * 30, 4_425_000 - (row + 0.5) * 30}, 0, p, 0, 1);
                worst = Math.max(worst, Math.abs(1000 * p[0] + 10 * p[1] - r.getSampleDouble(col, row, 0)));
            }
        }
        assertTrue(worst <= 1e-3, "worst error " + worst);
    }

    @Test
    void aLargeSourceIsReadByWindowsAndACoarseTargetTakesTheCentrePixel() throws Exception {
        // 3000 × 3000 source (above the in-memory limit) of 10 m pixels, value = column + 3000·row (exact in float64);
        // a 100 m target pixel's centre lies in source column 10c + 5, row 10r + 5. A 256² target tile needs a
        // 2560² window, above the window limit, so tiles are split.
        assertTrue(3000L * 3000 > Resampler.IN_MEMORY_PIXELS && 2560L * 2560 > Resampler.WINDOW_PIXELS);
        GridGeometry2D fine = Rasters.grid(3000, 3000, 500_000, 4_430_000, 10, utm());
        GridCoverage2D source = GridsTest.constantPlane(fine, DataBuffer.TYPE_DOUBLE, -1,
                (x, y) -> Math.floor((x - 500_000) / 10) + 3000 * Math.floor((4_430_000 - y) / 10));
        GridGeometry2D target = Rasters.grid(300, 300, 500_000, 4_430_000, 100, utm());
        Raster r = Grids.alignTo(source, target, Grids.Resampling.NEAREST).getRenderedImage().getData();
        for (int[] p : new int[][] {{0, 0}, {255, 3}, {256, 256}, {299, 299}, {17, 290}}) {
            assertEquals((10 * p[0] + 5) + 3000.0 * (10 * p[1] + 5), r.getSampleDouble(p[0], p[1], 0), 0, "pixel " + p[0] + "," + p[1]);
        }
        // bilinear: the centre lies halfway between source centres 10c + 4 and 10c + 5 (likewise for rows), and the
        // values form a plane in (column, row), so the result is the plane at (10c + 4.5, 10r + 4.5)
        Raster b = Grids.alignTo(source, target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        for (int[] p : new int[][] {{1, 1}, {255, 3}, {256, 256}, {298, 298}}) {
            assertEquals((10 * p[0] + 4.5) + 3000.0 * (10 * p[1] + 4.5), b.getSampleDouble(p[0], p[1], 0), 1e-6, "pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void valuesAtPixelsEqualTheResampledRaster() throws Exception {
        // the large source (read tile by tile for the points) and a reprojected small one (held whole): the values at
        // chosen pixels equal the full raster's, exactly in one CRS and within the raster's position tolerance across
        GridGeometry2D fine = Rasters.grid(3000, 3000, 500_000, 4_430_000, 10, utm());
        GridCoverage2D large = GridsTest.constantPlane(fine, DataBuffer.TYPE_DOUBLE, -1,
                (x, y) -> Math.sin((x - 500_000) / 700) * 50 + (4_430_000 - y) / 100);
        GridGeometry2D coarse = Rasters.grid(300, 300, 500_003, 4_429_997, 99.7, utm());
        int[] cols = {0, 299, 17, 150, 256, 255, 3}, rows = {0, 299, 280, 150, 255, 256, 100};
        for (Grids.Resampling m : Grids.Resampling.values()) {
            Raster full = Grids.alignTo(large, coarse, m).getRenderedImage().getData();
            double[] at = Grids.valuesAt(large, coarse, m, cols, rows);
            for (int i = 0; i < cols.length; i++) {
                assertEquals(full.getSampleDouble(cols[i], rows[i], 0), at[i], 0, m + " pixel " + cols[i] + "," + rows[i]);
            }
        }
        GridGeometry2D geo = Rasters.grid(700, 500, 116.9, 40.0, 0.001, DefaultGeographicCRS.WGS84);
        GridCoverage2D wave = GridsTest.constantPlane(geo, DataBuffer.TYPE_DOUBLE, -9999,
                (lon, lat) -> Math.sin(lon * 300) * 40 + Math.cos(lat * 200) * 30);
        GridGeometry2D target = Rasters.grid(300, 260, 510_000, 4_425_000, 30, utm());
        Raster full = Grids.alignTo(wave, target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        int[] c2 = {0, 299, 120, 57, 200}, r2 = {0, 259, 130, 3, 77};
        double[] at = Grids.valuesAt(wave, target, Grids.Resampling.BILINEAR, c2, r2);
        // |gradient| ≤ 300·40 + 200·30 = 18 000 per degree, 1e-3 px of 0.001° → 0.018 at most
        for (int i = 0; i < c2.length; i++) assertEquals(full.getSampleDouble(c2[i], r2[i], 0), at[i], 0.018, "pixel " + i);
    }

    @Test
    void bilinearOfAnIntegralSourceIsFloat() throws Exception {
        GridGeometry2D grid = Rasters.grid(4, 4, 500_000, 4_400_400, 100, utm());
        GridCoverage2D dem = GridsTest.constantPlane(grid, DataBuffer.TYPE_SHORT, -32768, (x, y) -> (x - 500_000) / 100 - 0.5);
        GridGeometry2D target = Rasters.grid(1, 1, 500_190, 4_400_300, 20, utm());
        Raster r = Grids.alignTo(dem, target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        assertEquals(DataBuffer.TYPE_FLOAT, r.getDataBuffer().getDataType());
        // centre x 500 200 lies halfway between the centres of columns 1 (value 1) and 2 (value 2)
        assertEquals(1.5, r.getSampleDouble(0, 0, 0), 1e-6);
    }

    /** A 3×3 source of 10 m pixels from (500 000, 4 400 030), row-major values {@code v}, nodata −1. */
    static GridCoverage2D threeByThree(int type, double[][] v) throws Exception {
        GridGeometry2D grid = Rasters.grid(3, 3, 500_000, 4_400_030, 10, utm());
        return GridsTest.constantPlane(grid, type, -1, (x, y) -> v[(int) ((4_400_030 - y) / 10)][(int) ((x - 500_000) / 10)]);
    }

    @Test
    void averageWeighsEachSourcePixelByItsAreaInsideTheTargetPixel() throws Exception {
        // 1 2 3 / 4 5 nodata / 7 8 9 under 15 m target pixels: the upper-left one holds column 0 and row 0 whole and
        // half of column 1 and row 1, weights 1 ½ / ½ ¼: (1·1 + 2·½ + 4·½ + 5·¼) / 2.25 = 5.25 / 2.25
        GridCoverage2D source = threeByThree(DataBuffer.TYPE_SHORT, new double[][] {{1, 2, 3}, {4, 5, -1}, {7, 8, 9}});
        Raster r = Grids.alignTo(source, Rasters.grid(2, 2, 500_000, 4_400_030, 15, utm()), Grids.Resampling.AVERAGE)
                .getRenderedImage().getData();
        assertEquals(DataBuffer.TYPE_FLOAT, r.getDataBuffer().getDataType());
        assertEquals(5.25 / 2.25, r.getSampleDouble(0, 0, 0), 1e-6);
        // upper right: 2 3 / 5 nodata with weights ½ 1 / ¼ ½; the nodata pixel drops out: (1 + 3 + 1.25) / 1.75 = 3
        assertEquals((2 * 0.5 + 3 * 1 + 5 * 0.25) / 1.75, r.getSampleDouble(1, 0, 0), 1e-6);
        // lower right: 5 nodata / 8 9 with weights ¼ ½ / ½ 1: (1.25 + 4 + 9) / 1.75
        assertEquals((5 * 0.25 + 8 * 0.5 + 9 * 1) / 1.75, r.getSampleDouble(1, 1, 0), 1e-6);
        // 20 m target pixels from (−5 m, +5 m) of the source's corner overhang it by 5 m west and north; as in gdalwarp,
        // the overhang weighs on the edge pixels. First: columns −0.5…1.5 and rows −0.5…1.5 → weights 1.5 and 0.5 each
        // way: (1·2.25 + 2·0.75 + 4·0.75 + 5·0.25) / 4 = 8 / 4
        Raster o = Grids.alignTo(source, Rasters.grid(3, 1, 499_995, 4_400_035, 20, utm()), Grids.Resampling.AVERAGE)
                .getRenderedImage().getData();
        assertEquals(2.0, o.getSampleDouble(0, 0, 0), 1e-6);
        // second: columns 1.5…3.5 → column 1: 0.5, column 2: 1 + 0.5 beyond the east edge; rows 1.5 and 0.5:
        // 2·0.75 + 3·2.25 + 5·0.25 (the nodata pixel out) = 9.5 over 3.25
        assertEquals(9.5 / 3.25, o.getSampleDouble(1, 0, 0), 1e-6);
        // third: columns 3.5…5.5, wholly outside → nodata
        assertEquals(-1, o.getSampleDouble(2, 0, 0), 0);
    }

    @Test
    void modeCountsEveryPixelOnceAndBreaksTiesByWhichReachedTheCountFirst() throws Exception {
        // 20 m target pixels over 10 m classes, each covering 2×2 source pixels (scanned row by row):
        // 1 2 / 2 1 → 1 and 2 twice each; 2 reached 2 first (third pixel) → 2
        GridGeometry2D target = Rasters.grid(1, 1, 500_000, 4_400_030, 20, utm());
        double[][] tie = {{1, 2, 9}, {2, 1, 9}, {9, 9, 9}};
        assertEquals(2, Grids.alignTo(threeByThree(DataBuffer.TYPE_BYTE, tie), target, Grids.Resampling.MODE)
                .getRenderedImage().getData().getSample(0, 0, 0));
        double[][] swapped = {{2, 1, 9}, {1, 2, 9}, {9, 9, 9}};
        assertEquals(1, Grids.alignTo(threeByThree(DataBuffer.TYPE_BYTE, swapped), target, Grids.Resampling.MODE)
                .getRenderedImage().getData().getSample(0, 0, 0));
        // 15 m pixels: a pixel half inside counts as much as a whole one. Lower left: rows 1–2 × columns 0–1 =
        // 3 4 / 5 5 with weights ½ ¼ / 1 ½: 5 twice → 5 (by weight it would still be 5: 1.5 against ½ and ¼);
        // lower right: 4 nodata / 5 6 → 4, 5, 6 once each → 4 (first)
        double[][] v = {{1, 1, 2}, {3, 4, -1}, {5, 5, 6}};
        Raster r = Grids.alignTo(threeByThree(DataBuffer.TYPE_SHORT, v), Rasters.grid(2, 2, 500_000, 4_400_030, 15, utm()),
                Grids.Resampling.MODE).getRenderedImage().getData();
        assertEquals(DataBuffer.TYPE_SHORT, r.getDataBuffer().getDataType());
        assertEquals(1, r.getSample(0, 0, 0)); // 1 1 / 3 4
        assertEquals(1, r.getSample(1, 0, 0)); // 1 2 / 4 nodata: 1, 2, 4 once each → 1
        assertEquals(5, r.getSample(0, 1, 0));
        assertEquals(4, r.getSample(1, 1, 0));
        // all nodata → nodata
        double[][] none = {{-1, -1, 3}, {-1, -1, 3}, {3, 3, 3}};
        assertEquals(-1, Grids.alignTo(threeByThree(DataBuffer.TYPE_SHORT, none), target, Grids.Resampling.MODE)
                .getRenderedImage().getData().getSample(0, 0, 0));
    }

    @Test
    void sliversOfAMillionthOfAPixelDoNotCount() throws Exception {
        // a target pixel 20.000 005 m wide reaches 5e-7 of a pixel into column 2 (value 1000): left out, as by gdalwarp;
        // 20.001 m wide reaches 1e-4 pixel into it: counted with that weight, (0·2 + 1000·1e-4) / 2.0001
        GridGeometry2D grid = Rasters.grid(3, 1, 500_000, 4_400_010, 10, utm());
        GridCoverage2D source = GridsTest.constantPlane(grid, DataBuffer.TYPE_DOUBLE, -1, (x, y) -> x > 500_020 ? 1000 : 0);
        GridGeometry2D thin = Rasters.grid(1, 1, 500_000, 4_400_010, 20.000005, 10, utm());
        assertEquals(0, Grids.alignTo(source, thin, Grids.Resampling.AVERAGE).getRenderedImage().getData().getSampleDouble(0, 0, 0), 0);
        GridGeometry2D wider = Rasters.grid(1, 1, 500_000, 4_400_010, 20.001, 10, utm());
        assertEquals(1000 * 1e-4 / 2.0001, Grids.alignTo(source, wider, Grids.Resampling.AVERAGE).getRenderedImage().getData()
                .getSampleDouble(0, 0, 0), 1e-9);
    }

    @Test
    void averageAndModeRefuseAReprojection() throws Exception {
        GridGeometry2D geo = Rasters.grid(10, 10, 116.9, 40.0, 0.01, DefaultGeographicCRS.WGS84);
        GridCoverage2D source = GridsTest.constantPlane(geo, DataBuffer.TYPE_FLOAT, -1, (x, y) -> 1);
        GridGeometry2D target = Rasters.grid(10, 10, 510_000, 4_425_000, 1000, utm());
        for (Grids.Resampling m : new Grids.Resampling[] {Grids.Resampling.AVERAGE, Grids.Resampling.MODE}) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.esvflow.process.InvalidInputException.class,
                    () -> Grids.alignTo(source, target, m));
            assertEquals("resampling", e.getInput());
        }
    }
}
