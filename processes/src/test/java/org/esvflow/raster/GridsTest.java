package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

class GridsTest {
    static GridCoverage2D constantPlane(GridGeometry2D grid, int type, double nodata, PlaneValue value) {
        java.awt.geom.AffineTransform t = (java.awt.geom.AffineTransform) grid.getGridToCRS2D(
                org.geotools.api.metadata.spatial.PixelOrientation.UPPER_LEFT);
        ComputedImage image = new ComputedImage(grid.getGridRange2D().width, grid.getGridRange2D().height, 256, type, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++)
                    r.setSample(x, y, 0, value.at(t.getTranslateX() + (x + 0.5) * t.getScaleX(), t.getTranslateY() + (y + 0.5) * t.getScaleY()));
        });
        return Rasters.coverage("plane", image, grid, nodata);
    }

    interface PlaneValue {
        double at(double x, double y);
    }

    @Test
    void bilinearAlignmentOfACoarserPlaneIsExactInTheInterior() throws Exception {
        CoordinateReferenceSystem utm = CRS.decode("EPSG:32650", true);
        // source: 500 m pixels shifted by 250 m; a plane z = 0.001·x + 0.002·y − 9000 is reproduced exactly by bilinear
        GridGeometry2D coarse = Rasters.grid(40, 40, 499_750, 4_410_250, 500, utm);
        GridCoverage2D npp = constantPlane(coarse, DataBuffer.TYPE_DOUBLE, -9999, (x, y) -> 0.001 * x + 0.002 * y - 9000);
        GridGeometry2D target = Rasters.grid(300, 300, 500_000, 4_410_000, 30, utm);
        GridCoverage2D aligned = Grids.alignTo(npp, target, Grids.Resampling.BILINEAR);
        assertTrue(Grids.sameGrid(target, aligned.getGridGeometry()));
        Raster r = aligned.getRenderedImage().getData();
        for (int[] p : new int[][] {{10, 10}, {150, 77}, {299, 299}, {0, 200}}) {
            double x = 500_000 + (p[0] + 0.5) * 30, y = 4_410_000 - (p[1] + 0.5) * 30;
            // positions are exact for one CRS: only rounding of ~1e4-sized terms remains
            assertEquals(0.001 * x + 0.002 * y - 9000, r.getSampleDouble(p[0], p[1], 0), 1e-9, "pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void nearestAlignmentKeepsClassesAndFillsOutsideWithNodata() throws Exception {
        CoordinateReferenceSystem utm = CRS.decode("EPSG:32650", true);
        // 100 m classes: class = 1 + column index mod 3 of the 100 m cell; the target extends 200 m west of the source
        GridGeometry2D source = Rasters.grid(10, 10, 500_000, 4_401_000, 100, utm);
        GridCoverage2D classes = constantPlane(source, DataBuffer.TYPE_BYTE, 255, (x, y) -> 1 + ((int) ((x - 500_000) / 100)) % 3);
        GridGeometry2D target = Rasters.grid(40, 40, 499_800, 4_401_000, 25, utm);
        Raster r = Grids.alignTo(classes, target, Grids.Resampling.NEAREST).getRenderedImage().getData();
        assertEquals(255, r.getSample(0, 5, 0)); // x centre 499 812.5 is west of the source: nodata
        assertEquals(1, r.getSample(8, 5, 0)); // x centre 500 012.5: first source column → class 1
        assertEquals(2, r.getSample(12, 5, 0)); // x centre 500 112.5: second column → class 2
        assertEquals(3, r.getSample(16, 5, 0)); // x centre 500 212.5: third column → class 3
    }

    @Test
    void geographicSourceIsReprojectedOntoTheUtmGrid() throws Exception {
        CoordinateReferenceSystem utm = CRS.decode("EPSG:32650", true);
        // precipitation varying with longitude only: p = 100·lon; the UTM target pixel centre's longitude gives the value
        GridGeometry2D geo = Rasters.grid(200, 200, 116.5, 40.5, 0.005, DefaultGeographicCRS.WGS84);
        GridCoverage2D precip = constantPlane(geo, DataBuffer.TYPE_DOUBLE, -9999, (lon, lat) -> 100 * lon);
        GridGeometry2D target = Rasters.grid(50, 50, 500_000, 4_450_000, 1000, utm);
        Raster r = Grids.alignTo(precip, target, Grids.Resampling.BILINEAR).getRenderedImage().getData();
        var toLonLat = CRS.findMathTransform(utm, DefaultGeographicCRS.WGS84);
        double[] lonLat = new double[2];
        toLonLat.transform(new double[] {500_000 + 20.5 * 1000, 4_450_000 - 30.5 * 1000}, 0, lonLat, 0, 1);
        // bilinear reproduces a plane in the source's own coordinates; interpolated positions are within 1e-3 source
        // pixel (0.005°) of the exact ones, i.e. within 100 × 5e-6 of the value
        assertEquals(100 * lonLat[0], r.getSampleDouble(20, 30, 0), 100 * 5e-6);
    }

    @Test
    void mismatchedGridsAreReportedWithBothGrids() throws Exception {
        CoordinateReferenceSystem utm = CRS.decode("EPSG:32650", true);
        GridCoverage2D lu = constantPlane(Rasters.grid(10, 10, 500_000, 4_400_000, 30, utm), DataBuffer.TYPE_BYTE, 255, (x, y) -> 1);
        GridCoverage2D npp = constantPlane(Rasters.grid(10, 10, 500_000, 4_400_000, 500, utm), DataBuffer.TYPE_FLOAT, -9999, (x, y) -> 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Grids.requireSameGrid(lu, "landUse", npp, "npp"));
        assertEquals("npp", e.getInput());
        assertTrue(e.getMessage().contains("pixel 500") && e.getMessage().contains("pixel 30"), e.getMessage());
        assertTrue(e.getMessage().contains("landUse"), e.getMessage());
        assertSame(lu, Grids.alignTo(lu, lu.getGridGeometry(), Grids.Resampling.NEAREST));
    }
}
