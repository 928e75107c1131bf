package org.esvflow.raster;

import java.awt.geom.AffineTransform;
import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.crs.ProjectedCRS;
import org.geotools.api.referencing.datum.Ellipsoid;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import si.uom.SI;

/**
 * Area of one pixel in hectares, per grid row.
 *
 * <p>Projected CRS: the planar cell area (|det| of the grid-to-CRS transform, converted to m²), the same in every row.
 * Geographic CRS: the exact area of the ellipsoidal quadrilateral between the row's two parallels and one pixel width
 * of longitude, which shrinks with latitude (about cos φ).
 */
public final class PixelArea {
    private static final double M2_PER_HA = 10_000.0;
    private final double[] hectaresByRow;

    private PixelArea(double[] hectaresByRow) {
        this.hectaresByRow = hectaresByRow;
    }

    public static PixelArea of(GridGeometry2D grid) {
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (t.getShearX() != 0 || t.getShearY() != 0) {
            throw new InvalidInputException("grid", "rotated grids are not supported: " + Grids.describe(grid));
        }
        int height = grid.getGridRange2D().height;
        double[] areas = new double[height];
        CoordinateReferenceSystem crs = grid.getCoordinateReferenceSystem2D();
        CoordinateReferenceSystem horizontal = CRS.getHorizontalCRS(crs);
        if (horizontal instanceof GeographicCRS geographic) {
            Ellipsoid ellipsoid = geographic.getDatum().getEllipsoid();
            double a = ellipsoid.getSemiMajorAxis();
            double b = ellipsoid.getSemiMinorAxis();
            double dLonRad = Math.toRadians(Math.abs(t.getScaleX()));
            for (int row = 0; row < height; row++) {
                double lat1 = t.getTranslateY() + row * t.getScaleY();
                double lat2 = lat1 + t.getScaleY();
                areas[row] = ellipsoidalBandArea(a, b, lat1, lat2) * dLonRad / M2_PER_HA;
            }
        } else if (horizontal instanceof ProjectedCRS) {
            double toMetre = metresPerUnit(horizontal);
            double area = Math.abs(t.getScaleX() * t.getScaleY()) * toMetre * toMetre / M2_PER_HA;
            java.util.Arrays.fill(areas, area);
        } else {
            throw new InvalidInputException("grid", "a geographic or projected CRS is required, got " + crs.getName());
        }
        return new PixelArea(areas);
    }

    /**
     * A per-pixel quantity (e.g. currency per pixel per year) as a density per hectare, computed lazily: each valid
     * pixel divided by its true area. Resolution-independent, so one map style fits every grid.
     */
    public static GridCoverage2D perHectare(GridCoverage2D perPixel, String name) {
        PixelArea area = of(perPixel.getGridGeometry());
        double nodata = Rasters.nodata(perPixel);
        return Blocks.map(name, java.util.List.of(perPixel), java.awt.image.DataBuffer.TYPE_FLOAT, nodata, (in, out) -> {
            int x0 = out.getMinX(), y0 = out.getMinY(), w = out.getWidth(), h = out.getHeight();
            float[] v = in[0].getSamples(x0, y0, w, h, 0, (float[]) null);
            for (int i = 0; i < v.length; i++) {
                if (!Rasters.isNodata(v[i], nodata)) v[i] = (float) (v[i] / area.hectares(y0 + i / w));
            }
            Samples.put(out, x0, y0, w, h, 0, v);
        });
    }

    /** Hectares covered by one pixel of {@code row} (0 = top row). */
    public double hectares(int row) {
        return hectaresByRow[row];
    }

    /** True when every row has the same pixel area (projected grids). */
    public boolean isUniform() {
        return hectaresByRow.length == 0 || hectaresByRow[0] == hectaresByRow[hectaresByRow.length - 1];
    }

    /**
     * Area in m² per radian of longitude between parallels {@code lat1} and {@code lat2} (degrees) on the ellipsoid
     * with semi-axes {@code a} ≥ {@code b}: b² · [g(φ2) − g(φ1)], g(φ) = sinφ / (2(1 − e² sin²φ)) + atanh(e sinφ) / (2e).
     */
    static double ellipsoidalBandArea(double a, double b, double lat1, double lat2) {
        double e2 = 1 - (b * b) / (a * a);
        return Math.abs(b * b * (g(Math.toRadians(lat2), e2) - g(Math.toRadians(lat1), e2)));
    }

    private static double g(double phi, double e2) {
        double s = Math.sin(phi);
        if (e2 == 0) return s;
        double e = Math.sqrt(e2);
        double es = e * s;
        return s / (2 * (1 - e2 * s * s)) + 0.25 / e * Math.log((1 + es) / (1 - es));
    }

    @SuppressWarnings("unchecked")
    private static double metresPerUnit(CoordinateReferenceSystem crs) {
        Unit<?> unit = crs.getCoordinateSystem().getAxis(0).getUnit();
        if (unit == null || !unit.isCompatible(SI.METRE)) {
            throw new InvalidInputException("grid", "projected CRS axis unit is not a length: " + unit);
        }
        return ((Unit<Length>) unit).getConverterTo(SI.METRE).convert(1.0);
    }
}
