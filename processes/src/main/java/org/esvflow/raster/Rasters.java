package org.esvflow.raster;

import java.awt.image.RenderedImage;
import java.util.HashMap;
import java.util.Map;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.datum.PixelInCell;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;
import org.geotools.coverage.grid.GridEnvelope2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.coverage.util.CoverageUtilities;
import org.geotools.referencing.operation.transform.AffineTransform2D;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import it.geosolutions.jaiext.range.NoDataContainer;

/** Small helpers to build coverages with an explicit nodata value and to read it back. */
public final class Rasters {
    private static final GridCoverageFactory FACTORY = new GridCoverageFactory();

    private Rasters() {}

    /** Wraps {@code image} on {@code grid} with nodata stored as GeoTools' {@code GC_NODATA} property. */
    public static GridCoverage2D coverage(String name, RenderedImage image, GridGeometry2D grid, double nodata) {
        Map<String, Object> properties = new HashMap<>();
        CoverageUtilities.setNoDataProperty(properties, new NoDataContainer(nodata));
        GridGeometry2D exact = new GridGeometry2D(
                new GridEnvelope2D(0, 0, image.getWidth(), image.getHeight()),
                PixelInCell.CELL_CORNER,
                grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT),
                grid.getCoordinateReferenceSystem2D(),
                null);
        return FACTORY.create(name, image, exact, null, null, properties);
    }

    /** The nodata value of a coverage, or {@code NaN} when it declares none. */
    public static double nodata(GridCoverage2D coverage) {
        NoDataContainer container = CoverageUtilities.getNoDataProperty(coverage);
        return container == null ? Double.NaN : container.getAsSingleValue();
    }

    /** A north-up grid: origin is the upper-left corner, pixel size in CRS units. */
    public static GridGeometry2D grid(int width, int height, double minX, double maxY, double pixelSize,
                                      CoordinateReferenceSystem crs) {
        return grid(width, height, minX, maxY, pixelSize, pixelSize, crs);
    }

    public static GridGeometry2D grid(int width, int height, double minX, double maxY, double pixelWidth,
                                      double pixelHeight, CoordinateReferenceSystem crs) {
        AffineTransform2D gridToCrs = new AffineTransform2D(pixelWidth, 0, 0, -pixelHeight, minX, maxY);
        return new GridGeometry2D(new GridEnvelope2D(0, 0, width, height), PixelInCell.CELL_CORNER, gridToCrs, crs, null);
    }

    /** True when {@code value} is nodata for a band declaring {@code nodata} (NaN is always nodata). */
    public static boolean isNodata(double value, double nodata) {
        return Double.isNaN(value) || value == nodata;
    }
}
