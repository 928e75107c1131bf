package org.esvflow.esv;

import java.util.Locale;
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

/** Global Moran's I and Getis-Ord Gi* hot spots of a value raster aggregated on a fishnet. */
@DescribeProcess(
        title = "Spatial autocorrelation and hot spots on a fishnet",
        description = "Aggregates the raster on a fishnet (as esv:Fishnet), then over the cells with valid pixels: "
                + "global Moran's I with E(I) = −1/(n−1), z from the normality-assumption variance and a two-sided "
                + "normal p; Getis-Ord Gi* z and p per cell (the cell itself included, binary weights) with confidence "
                + "bins ±3 (99%), ±2 (95%), ±1 (90%), 0 not significant; positive = hot spot. Weights: QUEEN "
                + "(cells sharing an edge or corner) or DISTANCE_BAND (cell centres at most 'distance' apart).")
public class HotSpotsProcess {

    public record Result(Table moran, Table cells, SimpleFeatureCollection polygons, GridCoverage2D bins) {}

    @DescribeResults({
        @DescribeResult(name = "moran", type = Table.class,
                description = "statistic, value: n, moran_i, expected_i, variance_i, z, p_value, weights, distance, cell_size, cell_value."),
        @DescribeResult(name = "cells", type = Table.class,
                description = "The fishnet cell table (see esv:Fishnet) with value, neighbours, gi_z, gi_p, gi_bin."),
        @DescribeResult(name = "polygons", type = SimpleFeatureCollection.class, description = "The cells as polygons with the same attributes."),
        @DescribeResult(name = "bins", type = GridCoverage2D.class, description = "gi_bin per cell as a raster (float32, nodata -9999).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "raster", description = "Value raster (band 0), e.g. an ESV raster.") GridCoverage2D raster,
            @DescribeParameter(name = "cellSize", description = "Fishnet cell edge in CRS units.") Double cellSize,
            @DescribeParameter(name = "statistic", min = 0, defaultValue = "DENSITY",
                    description = "Cell value analysed: SUM, MEAN or DENSITY (sum per ha; fair for clipped edge cells).")
                    CellStatistic statistic,
            @DescribeParameter(name = "weights", min = 0, defaultValue = "QUEEN", description = "QUEEN or DISTANCE_BAND.")
                    SpatialWeights.Kind weights,
            @DescribeParameter(name = "distance", min = 0, description = "DISTANCE_BAND threshold between cell centres, "
                    + "CRS units; default cellSize (the four edge neighbours).") Double distance,
            ProgressListener monitor) {
        if (raster == null) throw new InvalidInputException("raster", "is required");
        if (cellSize == null) throw new InvalidInputException("cellSize", "is required");
        SpatialWeights.Kind kind = weights == null ? SpatialWeights.Kind.QUEEN : weights;
        double band = distance == null ? cellSize : distance;
        if (kind == SpatialWeights.Kind.DISTANCE_BAND && !(band >= cellSize)) {
            throw new InvalidInputException("distance", "must be at least cellSize (" + cellSize + ") so that cells have neighbours");
        }
        CellStatistic s = statistic == null ? CellStatistic.DENSITY : statistic;
        Progress.started(monitor);
        FishnetCells net = FishnetCells.aggregate(raster, cellSize, monitor, 0f, 90f);
        int[] cells = net.occupied();
        if (cells.length < 3) throw new InvalidInputException("cellSize", "only " + cells.length + " cells hold valid pixels; at least 3 are needed");
        int[] rows = new int[cells.length], cols = new int[cells.length];
        double[] x = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            rows[i] = cells[i] / net.cols;
            cols[i] = cells[i] % net.cols;
            x[i] = net.value(cells[i], s);
        }
        SpatialWeights w = SpatialWeights.grid(rows, cols, kind, cellSize, cellSize, band);
        if (w.s0() == 0) throw new InvalidInputException("distance", "no two cells are neighbours");
        SpatialStatistics.Moran moran = SpatialStatistics.moran(x, w);
        double[] z = SpatialStatistics.giStar(x, w);
        Table.Builder table = net.tableBuilder("value", "neighbours", "gi_z", "gi_p", "gi_bin");
        double[] binValues = new double[net.size()];
        java.util.Arrays.fill(binValues, Double.NaN);
        for (int i = 0; i < cells.length; i++) {
            int bin = SpatialStatistics.bin(z[i]);
            binValues[cells[i]] = bin;
            double p = SpatialStatistics.pValue(z[i]);
            table.row(net.row(cells[i], x[i], (long) w.degree(i), Double.isNaN(z[i]) ? null : z[i], Double.isNaN(p) ? null : p, (long) bin));
        }
        Table cellTable = table.build();
        Table moranTable = Table.builder("statistic", "value")
                .row("n", (long) moran.n()).row("moran_i", moran.i()).row("expected_i", moran.expected())
                .row("variance_i", moran.variance()).row("z", moran.z()).row("p_value", moran.p())
                .row("weights", kind.name()).row("distance", kind == SpatialWeights.Kind.QUEEN ? null : band)
                .row("cell_size", cellSize).row("cell_value", s.name().toLowerCase(Locale.ROOT)).build();
        Progress.completed(monitor);
        return Results.of(new Result(moranTable, cellTable, net.features(cellTable), net.raster("gi_bin", binValues)));
    }
}
