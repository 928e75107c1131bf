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
}
