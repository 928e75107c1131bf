package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;
import org.junit.jupiter.api.Test;

class PixelAreaTest {
    // WGS 84 ellipsoid
    static final double A = 6_378_137.0, F = 1 / 298.257223563, E2 = F * (2 - F);

    /**
     * Independent check: area of a lat/lon cell as the double integral of M(φ)·N(φ)·cos φ dφ dλ, where
     * M = a(1−e²)/(1−e² sin²φ)^{3/2} is the meridional and N = a/√(1−e² sin²φ) the prime-vertical radius of curvature,
     * integrated with Simpson's rule (not the closed form used by PixelArea).
     */
    static double integratedHectares(double lat1, double lat2, double dLonDeg) {
        int n = 2000;
        double p1 = Math.toRadians(lat1), p2 = Math.toRadians(lat2), h = (p2 - p1) / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double phi = p1 + i * h, s = Math.sin(phi), w = 1 - E2 * s * s;
            double integrand = A * (1 - E2) / Math.pow(w, 1.5) * A / Math.sqrt(w) * Math.cos(phi);
            sum += integrand * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return Math.abs(sum * h / 3) * Math.toRadians(dLonDeg) / 10_000;
    }

    @Test
    void geographicPixelAreaFollowsTheEllipsoidAtTwoLatitudes() {
        // rows: the 0.01° pixel whose top edge is at 40.00°N (row 0) and the one at 20.00°N (row 2000)
        GridGeometry2D grid = Rasters.grid(10, 2001, 116.0, 40.0, 0.01, DefaultGeographicCRS.WGS84);
        PixelArea area = PixelArea.of(grid);
        assertEquals(integratedHectares(39.99, 40.00, 0.01), area.hectares(0), 1e-9 * area.hectares(0));
        assertEquals(integratedHectares(19.99, 20.00, 0.01), area.hectares(2000), 1e-9 * area.hectares(2000));
        // rough sphere-free sanity: 0.01° of longitude is 1113.2 m · cos φ at the equator's radius, 0.01° of latitude
        // about 1110 m, so ≈ 94.7 ha at 40°N and ≈ 115.8 ha at 20°N (cos 40° / cos 20° = 0.815)
        assertEquals(94.7, area.hectares(0), 0.3);
        assertEquals(115.8, area.hectares(2000), 0.3);
        assertTrue(!area.isUniform());
    }

    @Test
    void projectedPixelAreaIsTheCellSizeSquared() throws Exception {
        PixelArea utm = PixelArea.of(Rasters.grid(4, 3, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true)));
        assertEquals(0.09, utm.hectares(0), 1e-15); // 30 m × 30 m = 900 m² = 0.09 ha
        assertEquals(0.09, utm.hectares(2), 1e-15);
        assertTrue(utm.isUniform());
    }

    @Test
    void geographicAndProjectedAreasOfTheSameGroundAgree() throws Exception {
        // a 0.1° × 0.1° cell near Beijing versus its footprint in UTM 50N (scale factor ≈ 0.9996 near the central meridian)
        double geographic = PixelArea.of(Rasters.grid(1, 1, 116.95, 40.05, 0.1, DefaultGeographicCRS.WGS84)).hectares(0);
        assertEquals(integratedHectares(39.95, 40.05, 0.1), geographic, 1e-9 * geographic);
        var toUtm = CRS.findMathTransform(DefaultGeographicCRS.WGS84, CRS.decode("EPSG:32650", true));
        int n = 200;
        double[] ring = new double[2 * 4 * n];
        for (int i = 0; i < n; i++) {
            double f = (double) i / n;
            double[][] pts = {{116.95 + 0.1 * f, 40.05}, {117.05, 40.05 - 0.1 * f}, {117.05 - 0.1 * f, 39.95}, {116.95, 39.95 + 0.1 * f}};
            for (int k = 0; k < 4; k++) {
                ring[2 * (k * n + i)] = pts[k][0];
                ring[2 * (k * n + i) + 1] = pts[k][1];
            }
        }
        // reorder to walk the ring edge by edge
        double[] walk = new double[ring.length];
        int m = 0;
        for (int k = 0; k < 4; k++) for (int i = 0; i < n; i++) {
            walk[m++] = ring[2 * (k * n + i)];
            walk[m++] = ring[2 * (k * n + i) + 1];
        }
        toUtm.transform(walk, 0, walk, 0, 4 * n);
        double shoelace = 0;
        for (int i = 0; i < 4 * n; i++) {
            int j = (i + 1) % (4 * n);
            shoelace += walk[2 * i] * walk[2 * j + 1] - walk[2 * j] * walk[2 * i + 1];
        }
        double projectedHa = Math.abs(shoelace) / 2 / 10_000;
        // the UTM plane area is the true area times k² with k ≈ 0.9996 at the central meridian (117°E)
        assertEquals(geographic * 0.9996 * 0.9996, projectedHa, 1e-4 * projectedHa);
    }

    @Test
    void perHectareDividesEachPixelByItsOwnArea() {
        // geographic grid, 1° pixels from 60°N: a pixel holding 1000 currency per hectare of its own area reads 1000
        GridGeometry2D grid = Rasters.grid(3, 4, 10, 60, 1, DefaultGeographicCRS.WGS84);
        PixelArea area = PixelArea.of(grid);
        var perPixel = Rasters.coverage("esv", new ComputedImage(3, 4, 256, java.awt.image.DataBuffer.TYPE_FLOAT, r -> {
            for (int y = 0; y < 4; y++) for (int x = 0; x < 3; x++) r.setSample(x, y, 0, x == 1 && y == 2 ? -9999f : (float) (1000 * area.hectares(y)));
        }), grid, -9999);
        var density = PixelArea.perHectare(perPixel, "esv_per_ha").getRenderedImage().getData();
        assertEquals(1000, density.getSampleFloat(0, 0, 0), 1e-3);
        assertEquals(1000, density.getSampleFloat(2, 3, 0), 1e-3);
        assertEquals(-9999f, density.getSampleFloat(1, 2, 0)); // nodata stays nodata
    }
}
