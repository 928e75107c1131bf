package org.esvflow.esv;

import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** Aggregation of a value raster onto a fishnet of square cells. */
@DescribeProcess(
        title = "Fishnet aggregation",
        description = "Lays square cells of 'cellSize' CRS units (metres in a projected CRS, degrees in a geographic "
                + "one) from the raster's upper-left corner and summarises the valid pixels of each cell (a pixel "
                + "belongs to the cell containing its centre): count, area (ha), sum, mean, min, max, sum per ha. "
                + "Cells without valid pixels are left out of the table and the polygons and are nodata in the raster.")
public class FishnetProcess {

    public record Result(Table cells, SimpleFeatureCollection polygons, GridCoverage2D grid) {}

    @DescribeResults({
        @DescribeResult(name = "cells", type = Table.class, description = "cell_id, row, col, x_center, y_center (CRS "
                + "units), pixels, area_ha, sum, mean, min, max, density_per_ha."),
        @DescribeResult(name = "polygons", type = SimpleFeatureCollection.class,
                description = "The cells as polygons in the raster CRS (clipped to the raster extent) with the table's attributes."),
        @DescribeResult(name = "grid", type = GridCoverage2D.class,
                description = "The chosen statistic per cell as a raster of cellSize pixels (float32, nodata -9999).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "raster", description = "Value raster (band 0), e.g. an ESV raster.") GridCoverage2D raster,
            @DescribeParameter(name = "cellSize", description = "Cell edge in CRS units, at least one pixel (e.g. 1000 for 1 km).")
                    Double cellSize,
            @DescribeParameter(name = "statistic", min = 0, defaultValue = "SUM",
                    description = "Value of the output raster: SUM, MEAN or DENSITY (sum per ha).") CellStatistic statistic,
            ProgressListener monitor) {
        if (raster == null) throw new InvalidInputException("raster", "is required");
        if (cellSize == null) throw new InvalidInputException("cellSize", "is required");
        Progress.started(monitor);
        FishnetCells net = FishnetCells.aggregate(raster, cellSize, monitor, 0f, 95f);
        Table.Builder t = net.tableBuilder();
        double[] values = new double[net.size()];
        CellStatistic s = statistic == null ? CellStatistic.SUM : statistic;
        for (int c = 0; c < net.size(); c++) {
            values[c] = net.value(c, s);
            if (net.pixels[c] > 0) t.row(net.row(c));
        }
        Table cells = t.build();
        Progress.completed(monitor);
        return Results.of(new Result(cells, net.features(cells), net.raster("fishnet_" + s.name().toLowerCase(java.util.Locale.ROOT), values)));
    }
}
