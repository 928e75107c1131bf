package org.esvflow.esv;

import java.awt.image.DataBuffer;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Fishnet;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.DefaultFeatureCollection;
import org.geotools.feature.simple.SimpleFeatureBuilder;
import org.geotools.feature.simple.SimpleFeatureTypeBuilder;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * Per cell of the project's {@link Fishnet} (cells from the raster's upper-left corner covering its extent), the
 * statistics of the raster's valid pixels (a pixel belongs to the cell containing its centre). Cells of the last row
 * and column may extend past the raster; their polygons are clipped to the raster extent.
 */
final class FishnetCells {
    final GridGeometry2D rasterGrid;
    final Fishnet net;
    final int cols;
    final long[] pixels;
    final double[] hectares, sum, min, max;

    private FishnetCells(GridGeometry2D grid, Fishnet net) {
        this.rasterGrid = grid;
        this.net = net;
        this.cols = net.columns;
        int n = net.size();
        pixels = new long[n];
        hectares = new double[n];
        sum = new double[n];
        min = new double[n];
        max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Aggregates band 0 of {@code raster} (its nodata skipped) into cells of {@code cellSize} CRS units. */
    static FishnetCells aggregate(GridCoverage2D raster, Double cellSize, ProgressListener monitor, float from, float to) {
        if (cellSize == null) throw new InvalidInputException("cellSize", "is required");
        GridGeometry2D grid = raster.getGridGeometry();
        FishnetCells net = new FishnetCells(grid, new Fishnet(grid, cellSize, "cellSize"));
        PixelArea area = PixelArea.of(grid);
        double nodata = Rasters.nodata(raster);
        Blocks.forEach(List.of(raster), monitor, from, to, (b, r) -> {
            double[] v = Samples.doubles(r[0], b.x, b.y, b.width, b.height, 0, null);
            for (int i = 0; i < v.length; i++) {
                if (Rasters.isNodata(v[i], nodata)) continue;
                int x = b.x + i % b.width, y = b.y + i / b.width;
                int c = net.net.cell(x, y);
                net.pixels[c]++;
                net.hectares[c] += area.hectares(y);
                net.sum[c] += v[i];
                net.min[c] = Math.min(net.min[c], v[i]);
                net.max[c] = Math.max(net.max[c], v[i]);
            }
        });
        return net;
    }

    int size() {
        return net.size();
    }

    double value(int cell, CellStatistic statistic) {
        if (pixels[cell] == 0) return Double.NaN;
        return switch (statistic) {
            case SUM -> sum[cell];
            case MEAN -> sum[cell] / pixels[cell];
            case DENSITY -> sum[cell] / hectares[cell];
        };
    }

    double centreX(int cell) {
        return net.centreX(cell);
    }

    double centreY(int cell) {
        return net.centreY(cell);
    }

    /** Indices of the cells holding at least one valid pixel, ascending. */
    int[] occupied() {
        return java.util.stream.IntStream.range(0, size()).filter(c -> pixels[c] > 0).toArray();
    }

    /** Cell table: cell_id, row, col, x_center, y_center, pixels, area_ha, sum, mean, min, max, density_per_ha. */
    Table.Builder tableBuilder(String... extra) {
        String[] base = {"cell_id", "row", "col", "x_center", "y_center", "pixels", "area_ha", "sum", "mean", "min", "max", "density_per_ha"};
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return Table.builder(all);
    }

    Object[] row(int cell, Object... extra) {
        Object[] base = {cell, cell / cols, cell % cols, centreX(cell), centreY(cell), pixels[cell], hectares[cell], sum[cell],
            sum[cell] / pixels[cell], min[cell], max[cell], sum[cell] / hectares[cell]};
        Object[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** Polygons of the occupied cells in the raster's CRS, clipped to its extent, with the table's columns. */
    SimpleFeatureCollection features(Table table) {
        SimpleFeatureTypeBuilder tb = new SimpleFeatureTypeBuilder();
        tb.setName("fishnet");
        tb.setCRS(rasterGrid.getCoordinateReferenceSystem2D());
        tb.add("geometry", Polygon.class);
        for (int c = 0; c < table.columns().size(); c++) {
            Object sample = table.rowCount() == 0 ? null : table.rows().get(0)[c];
            tb.add(table.columns().get(c), sample instanceof String ? String.class : sample instanceof Integer || sample instanceof Long ? Long.class : Double.class);
        }
        SimpleFeatureType type = tb.buildFeatureType();
        DefaultFeatureCollection collection = new DefaultFeatureCollection(null, type);
        SimpleFeatureBuilder fb = new SimpleFeatureBuilder(type);
        GeometryFactory gf = new GeometryFactory();
        Envelope extent = new Envelope(rasterGrid.getEnvelope2D().getMinX(), rasterGrid.getEnvelope2D().getMaxX(),
                rasterGrid.getEnvelope2D().getMinY(), rasterGrid.getEnvelope2D().getMaxY());
        for (Object[] row : table.rows()) {
            int cell = ((Number) row[0]).intValue();
            Envelope e = net.bounds(cell).intersection(extent);
            fb.add(gf.toGeometry(e));
            for (Object v : row) fb.add(v instanceof Integer i ? (Object) i.longValue() : v);
            collection.add(fb.buildFeature("cell." + cell));
        }
        return collection;
    }

    /** The cells as a raster (float32, nodata -9999 for empty cells) of cellSize pixels from the raster's corner. */
    GridCoverage2D raster(String name, double[] values) {
        GridGeometry2D grid = net.cellGrid();
        ComputedImage image = new ComputedImage(net.columns, net.rows, Blocks.BLOCK, DataBuffer.TYPE_FLOAT, target -> {
            for (int y = target.getMinY(); y < target.getMinY() + target.getHeight(); y++) {
                for (int x = target.getMinX(); x < target.getMinX() + target.getWidth(); x++) {
                    double v = values[y * cols + x];
                    target.setSample(x, y, 0, Double.isNaN(v) ? ValueProcess.NODATA : (float) v);
                }
            }
        });
        return Rasters.coverage(name, image, grid, ValueProcess.NODATA);
    }
}
