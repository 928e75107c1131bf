package org.esvflow.server.catalog;

import java.io.IOException;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.ProcessException;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/**
 * Publishes a raster as a styled WMS/WCS layer, as GeoServer's {@code gs:Import} does, writing the catalog in
 * GeoServer's data-directory layout. The extra {@code time} input adds the raster to a time series (an ImageMosaic
 * with a time dimension). It lives in the server, not among the processes, because it is about the catalog.
 */
@DescribeProcess(title = "Import a raster as a layer",
        description = "Publishes a GeoTIFF coverage as layer workspace:name with a default style, in GeoServer's "
                + "data-directory layout. With time (a year or ISO 8601 date) the raster becomes that epoch of the "
                + "time-enabled layer workspace:<name without _<time>>.")
public class ImportProcess {
    private final Catalog catalog;

    public ImportProcess(Catalog catalog) {
        this.catalog = catalog;
    }

    @DescribeResult(name = "layerName", description = "Qualified name of the published layer (workspace:name).")
    public String execute(
            @DescribeParameter(name = "coverage", description = "Raster to publish.") GridCoverage2D coverage,
            @DescribeParameter(name = "workspace", min = 0, defaultValue = "esvflow",
                    description = "Target workspace; created when missing.") String workspace,
            @DescribeParameter(name = "store", min = 0, description = "Ignored: the store takes the layer name, "
                    + "as gs:Import does by default.") String store,
            @DescribeParameter(name = "name", description = "Layer name: letters, digits, '_' or '-'.") String name,
            @DescribeParameter(name = "styleName", min = 0, description = "Default style of the layer (an SLD "
                    + "in the data directory's styles).") String styleName,
            @DescribeParameter(name = "time", min = 0, description = "Epoch of a time series: a year (2019) or "
                    + "an ISO 8601 date. Vendor extension of esvflow.") String time,
            ProgressListener monitor) {
        if (coverage == null) throw new InvalidInputException("coverage", "is required");
        String ws = workspace == null || workspace.isBlank() ? "esvflow" : workspace;
        if (!Catalog.isValidName(ws)) throw new InvalidInputException("workspace", "invalid name '" + ws + "'");
        if (!Catalog.isValidName(name)) throw new InvalidInputException("name", "invalid name '" + name + "'");
        if (styleName != null && !styleName.isBlank() && !catalog.styleNames().contains(styleName)) {
            throw new InvalidInputException("styleName", "no such style '" + styleName + "'");
        }
        try {
            return catalog.publish(coverage, ws, name, styleName, time);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("time", e.getMessage());
        } catch (IOException e) {
            throw new ProcessException("the layer could not be written: " + e.getMessage(), e);
        }
    }
}
