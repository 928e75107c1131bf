package org.esvflow.esv;

import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.metadata.spatial.PixelOrientation;
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
 * A fishnet of square cells laid from the raster's upper-left corner, and per cell the statistics of the raster's
 * valid pixels (a pixel belongs to the cell containing its centre). Cells of the last row and column may extend past
 * the raster; their polygons are clipped to the raster extent.
 */
final class FishnetCells {
    /** Upper bound on the number of cells, to keep accumulators small. */
    static final long MAX_CELLS = 16_000_000L;

    final GridGeometry2D rasterGrid;
    final double cellSize, originX, originY;
    final int cols, rows;
    final long[] pixels;
    final double[] hectares, sum, min, max;

    private FishnetCells(GridGeometry2D grid, double cellSize) {
        this.rasterGrid = grid;
        this.cellSize = cellSize;
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        originX = t.getTranslateX();
        originY = t.getTranslateY();
        double widthCrs = grid.getGridRange2D().width * Math.abs(t.getScaleX());
        double heightCrs = grid.getGridRange2D().height * Math.abs(t.getScaleY());
        cols = (int) Math.ceil(widthCrs / cellSize - 1e-9);
        rows = (int) Math.ceil(heightCrs / cellSize - 1e-9);
        int n = cols * rows;
        pixels = new long[n];
        hectares = new double[n];
        sum = new double[n];
        min = new double[n];
        max = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    /** Aggregates band 0 of {@code raster} (its nodata skipped) into cells of {@code cellSize} CRS units. */
    static FishnetCells aggregate(GridCoverage2D raster, double cellSize, ProgressListener monitor, float from, float to) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) throw new InvalidInputException("cellSize", "must be a positive number of CRS units");
        GridGeometry2D grid = raster.getGridGeometry();
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (t.getShearX() != 0 || t.getShearY() != 0) throw new InvalidInputException("raster", "rotated grids are not supported");
        double pw = Math.abs(t.getScaleX()), ph = Math.abs(t.getScaleY());
        if (cellSize < Math.max(pw, ph)) throw new InvalidInputException("cellSize", "must be at least one pixel (" + Math.max(pw, ph) + ")");
        double cells = Math.ceil(grid.getGridRange2D().width * pw / cellSize) * Math.ceil(grid.getGridRange2D().height * ph / cellSize);
        if (cells > MAX_CELLS) throw new InvalidInputException("cellSize", "gives " + (long) cells + " cells; at most " + MAX_CELLS);
        FishnetCells net = new FishnetCells(grid, cellSize);
        int width = grid.getGridRange2D().width, height = grid.getGridRange2D().height;
        int[] cellCol = new int[width], cellRow = new int[height];
        for (int x = 0; x < width; x++) cellCol[x] = Math.min(net.cols - 1, (int) Math.floor((x + 0.5) * pw / cellSize));
        for (int y = 0; y < height; y++) cellRow[y] = Math.min(net.rows - 1, (int) Math.floor((y + 0.5) * ph / cellSize));
        PixelArea area = PixelArea.of(grid);
        double nodata = Rasters.nodata(raster);
        Blocks.forEach(List.of(raster), monitor, from, to, (b, r) -> {
            double[] v = Samples.doubles(r[0], b.x, b.y, b.width, b.height, 0, null);
            for (int i = 0; i < v.length; i++) {
                if (Rasters.isNodata(v[i], nodata)) continue;
                int x = b.x + i % b.width, y = b.y + i / b.width;
                int c = cellRow[y] * net.cols + cellCol[x];
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
        return cols * rows;
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
        return originX + (cell % cols + 0.5) * cellSize;
    }

    double centreY(int cell) {
        return originY - (cell / cols + 0.5) * cellSize;
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
            double x0 = originX + (cell % cols) * cellSize, y1 = originY - (cell / cols) * cellSize;
            Envelope e = new Envelope(x0, x0 + cellSize, y1 - cellSize, y1).intersection(extent);
            fb.add(gf.toGeometry(e));
            for (Object v : row) fb.add(v instanceof Integer i ? (Object) i.longValue() : v);
            collection.add(fb.buildFeature("cell." + cell));
        }
        return collection;
    }

    /** The cells as a raster (float32, nodata -9999 for empty cells) of cellSize pixels from the raster's corner. */
    GridCoverage2D raster(String name, double[] values) {
        GridGeometry2D grid = Rasters.grid(cols, rows, originX, originY, cellSize, rasterGrid.getCoordinateReferenceSystem2D());
        ComputedImage image = new ComputedImage(cols, rows, Blocks.BLOCK, DataBuffer.TYPE_FLOAT, target -> {
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
