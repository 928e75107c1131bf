package org.esvflow.raster;

import java.awt.geom.AffineTransform;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;

/** Grid comparison and alignment of auxiliary rasters onto a reference (land-use) grid. */
public final class Grids {
    /** Relative tolerance on pixel size and origin, as a fraction of one pixel. */
    private static final double TOLERANCE = 1e-6;
    private Grids() {}

    /** How values are carried onto the target grid. */
    public enum Resampling {
        /** Classes: take the value of the source pixel containing the target pixel centre. */
        NEAREST,
        /** Continuous values: bilinear interpolation between the four nearest source pixel centres. */
        BILINEAR,
        /**
         * Continuous values onto a coarser grid: the mean of the valid source pixels under the target pixel, each
         * weighted by the fraction of its area inside (gdalwarp {@code -r average}). Grids in one CRS only.
         */
        AVERAGE,
        /**
         * Classes onto a coarser grid: the most frequent valid value among the source pixels under the target pixel,
         * each counted once however little of it is inside (gdalwarp {@code -r mode}). Grids in one CRS only.
         */
        MODE
    }

    /** True when both grids have the same CRS, size and pixel-corner transform. */
    public static boolean sameGrid(GridGeometry2D a, GridGeometry2D b) {
        if (!sameCrs(a.getCoordinateReferenceSystem2D(), b.getCoordinateReferenceSystem2D())) return false;
        if (a.getGridRange2D().width != b.getGridRange2D().width
                || a.getGridRange2D().height != b.getGridRange2D().height) return false;
        AffineTransform ta = (AffineTransform) a.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        AffineTransform tb = (AffineTransform) b.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        double pixel = Math.max(Math.abs(ta.getScaleX()), Math.abs(ta.getScaleY()));
        double[] ma = new double[6], mb = new double[6];
        ta.getMatrix(ma);
        tb.getMatrix(mb);
        for (int i = 0; i < 6; i++) {
            if (Math.abs(ma[i] - mb[i]) > TOLERANCE * pixel) return false;
        }
        return true;
    }

    /** Same CRS up to metadata and the axis order of a base geographic CRS (no coordinate change needed). */
    public static boolean sameCrs(CoordinateReferenceSystem a, CoordinateReferenceSystem b) {
        if (CRS.equalsIgnoreMetadata(a, b)) return true;
        try {
            return !CRS.isTransformationRequired(a, b);
        } catch (Exception e) {
            return false;
        }
    }

    /** Throws an error naming both inputs and both grids when they are not the same grid. */
    public static void requireSameGrid(GridCoverage2D reference, String referenceName, GridCoverage2D other, String otherName) {
        if (!sameGrid(reference.getGridGeometry(), other.getGridGeometry())) {
            throw new InvalidInputException(otherName, "grid " + describe(other.getGridGeometry())
                    + " does not match the grid of " + referenceName + " " + describe(reference.getGridGeometry())
                    + "; align it first (lu:AlignGrid, or align=true)");
        }
    }

    /**
     * Resamples band 1 of {@code source} onto {@code target}, reprojecting if the CRSs differ (see {@link Resampler} for
     * the conventions); outside the source is nodata. The result is computed lazily, tile by tile. Bilinear results
     * are float32 (float64 for a float64 source).
     */
    public static GridCoverage2D alignTo(GridCoverage2D source, GridGeometry2D target, Resampling resampling) {
        if (sameGrid(source.getGridGeometry(), target)) return source;
        return Resampler.resample(source, target, resampling);
    }

    /**
     * The values {@code alignTo(source, target, resampling)} holds at the target pixels ({@code cols[i]}, {@code rows[i]}),
     * computing only those pixels (positions exact; see {@link Resampler#valuesAt}); nodata where the source has none.
     */
    public static double[] valuesAt(GridCoverage2D source, GridGeometry2D target, Resampling resampling, int[] cols, int[] rows) {
        return Resampler.valuesAt(source, target, resampling, cols, rows);
    }

    /** A one-line description: size, pixel size, origin and CRS code. */
    public static String describe(GridGeometry2D grid) {
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        CoordinateReferenceSystem crs = grid.getCoordinateReferenceSystem2D();
        String code;
        try {
            code = CRS.lookupIdentifier(crs, false);
        } catch (Exception e) {
            code = null;
        }
        return String.format(java.util.Locale.ROOT, "[%d×%d px, pixel %.6g×%.6g, origin (%.6f, %.6f), %s]",
                grid.getGridRange2D().width, grid.getGridRange2D().height, t.getScaleX(), -t.getScaleY(),
                t.getTranslateX(), t.getTranslateY(), code != null ? code : crs.getName().getCode());
    }
}
