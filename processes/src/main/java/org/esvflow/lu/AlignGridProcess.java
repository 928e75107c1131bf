package org.esvflow.lu;

import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Grids;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/** Resamples an auxiliary raster onto the grid of a reference raster. */
@DescribeProcess(
        title = "Align a raster to a reference grid",
        description = "Resamples (and reprojects when the CRSs differ) a raster onto the exact grid of a reference "
                + "raster, usually the land-use raster, with gdalwarp's conventions: NEAREST for classes, BILINEAR for "
                + "continuous values; onto a coarser grid in the same CRS, AVERAGE (area-weighted mean of the source "
                + "pixels under each target pixel, like gdalwarp -r average) for continuous values and MODE (most "
                + "frequent class, like -r mode) for classes. Nodata source pixels drop out; pixels without valid "
                + "source become nodata.")
public class AlignGridProcess {

    @DescribeResult(name = "aligned", type = GridCoverage2D.class, description = "The raster on the reference grid.")
    public GridCoverage2D execute(
            @DescribeParameter(name = "source", description = "Raster to resample.") GridCoverage2D source,
            @DescribeParameter(name = "reference", description = "Raster whose grid (CRS, extent, pixel size) is the target.")
                    GridCoverage2D reference,
            @DescribeParameter(name = "resampling", min = 0, defaultValue = "NEAREST",
                    description = "NEAREST or MODE for classes, BILINEAR or AVERAGE for continuous values (AVERAGE and MODE "
                            + "need both grids in one CRS without rotation). BILINEAR and AVERAGE give float32.") Grids.Resampling resampling,
            ProgressListener monitor) {
        if (source == null) throw new InvalidInputException("source", "is required");
        if (reference == null) throw new InvalidInputException("reference", "is required");
        return Grids.alignTo(source, reference.getGridGeometry(), resampling == null ? Grids.Resampling.NEAREST : resampling);
    }
}
