package org.esvflow.raster;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.esvflow.process.Progress;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;

/**
 * Streaming over aligned rasters block by block, so that memory stays bounded by the block size times the number of
 * inputs, never by the raster size. All inputs must share one grid (see {@link Grids#requireSameGrid}).
 */
public final class Blocks {
    /** Default block edge in pixels; matches the tile size we write. */
    public static final int BLOCK = 256;

    private Blocks() {}

    /** Receives one block: {@code rasters[i]} holds input {@code i} over {@code bounds} (image coordinates). */
    @FunctionalInterface
    public interface BlockVisitor {
        void visit(Rectangle bounds, Raster[] rasters);
    }

    /** Computes one output block from the aligned input blocks. */
    @FunctionalInterface
    public interface BlockFunction {
        void apply(Raster[] inputs, WritableRaster output);
    }

    /** Visits every block of the inputs in row-major order, reporting progress between {@code from} and {@code to}. */
    public static void forEach(List<GridCoverage2D> inputs, ProgressListener listener, float from, float to,
                               BlockVisitor visitor) {
        RenderedImage first = inputs.get(0).getRenderedImage();
        int width = first.getWidth(), height = first.getHeight();
        int cols = ceilDiv(width, BLOCK), rows = ceilDiv(height, BLOCK);
        long total = (long) cols * rows, done = 0;
        Raster[] rasters = new Raster[inputs.size()];
        for (int by = 0; by < rows; by++) {
            for (int bx = 0; bx < cols; bx++) {
                Rectangle bounds = new Rectangle(bx * BLOCK, by * BLOCK, BLOCK, BLOCK)
                        .intersection(new Rectangle(0, 0, width, height));
                readAll(inputs, bounds, rasters);
                visitor.visit(bounds, rasters);
                Progress.report(listener, ++done, total, from, to);
            }
        }
    }

    /** Visits one block into a per-row accumulator. */
    @FunctionalInterface
    public interface Accumulator<A> {
        void visit(A accumulator, Rectangle bounds, Raster[] rasters);
    }

    /**
     * Like {@link #forEach} but rows of blocks run in parallel: each row starts from a fresh accumulator
     * ({@code start}), visits its blocks left to right, and the rows' accumulators are merged in row order
     * ({@code merge(earlier, later)} returns the combination). The order of every floating-point operation is thus
     * fixed by the raster, not by the number of threads: the result is the same on any machine.
     */
    public static <A> A reduce(List<GridCoverage2D> inputs, ProgressListener listener, float from, float to,
                               Supplier<A> start, Accumulator<A> visitor, BinaryOperator<A> merge) {
        RenderedImage first = inputs.get(0).getRenderedImage();
        int width = first.getWidth(), height = first.getHeight();
        int cols = ceilDiv(width, BLOCK), rows = ceilDiv(height, BLOCK);
        int batch = Math.max(1, ROWS_IN_FLIGHT);
        A result = null;
        for (int r0 = 0; r0 < rows; r0 += batch) {
            int firstRow = r0;
            List<A> done = Parallel.map(Math.min(rows, r0 + batch) - r0, i -> {
                int by = firstRow + i;
                A accumulator = start.get();
                Raster[] rasters = new Raster[inputs.size()];
                for (int bx = 0; bx < cols; bx++) {
                    Rectangle bounds = new Rectangle(bx * BLOCK, by * BLOCK, BLOCK, BLOCK)
                            .intersection(new Rectangle(0, 0, width, height));
                    readAll(inputs, bounds, rasters);
                    visitor.visit(accumulator, bounds, rasters);
                }
                return accumulator;
            });
            for (A row : done) result = result == null ? row : merge.apply(result, row);
            Progress.report(listener, Math.min(rows, r0 + batch), rows, from, to);
        }
        return result == null ? start.get() : result;
    }

    /**
     * Rows of blocks visited at once by {@link #reduce}: one per core, at most 4, since each computed input keeps as
     * many rows of tiles in memory (see {@link ComputedImage}).
     */
    static final int ROWS_IN_FLIGHT = Math.min(4, Runtime.getRuntime().availableProcessors());

    /**
     * A lazily computed single-band coverage on the grid of the inputs: each output tile is computed from the same
     * window of every input when (and each time) it is requested, typically by the GeoTIFF writer.
     */
    public static GridCoverage2D map(String name, List<GridCoverage2D> inputs, int dataType, double nodata,
                                     BlockFunction function) {
        GridCoverage2D first = inputs.get(0);
        GridGeometry2D grid = first.getGridGeometry();
        RenderedImage image = first.getRenderedImage();
        ComputedImage out = new ComputedImage(image.getWidth(), image.getHeight(), BLOCK, dataType, target -> {
            Rectangle bounds = target.getBounds();
            Raster[] rasters = new Raster[inputs.size()];
            readAll(inputs, bounds, rasters);
            function.apply(rasters, target);
        });
        return Rasters.coverage(name, out, grid, nodata);
    }

    /**
     * Like {@link #map} with {@code bands} output bands: {@code function} fills every band of the output block.
     */
    public static GridCoverage2D mapBands(String name, List<GridCoverage2D> inputs, int dataType, int bands, double nodata,
                                          BlockFunction function) {
        GridCoverage2D first = inputs.get(0);
        RenderedImage image = first.getRenderedImage();
        ComputedImage out = new ComputedImage(image.getWidth(), image.getHeight(), BLOCK, dataType, bands, target -> {
            Rectangle bounds = target.getBounds();
            Raster[] rasters = new Raster[inputs.size()];
            readAll(inputs, bounds, rasters);
            function.apply(rasters, target);
        });
        return Rasters.coverage(name, out, first.getGridGeometry(), nodata);
    }

    /**
     * Reads the same window of every input; several inputs are read concurrently (decoding compressed tiles is most
     * of the cost, and each input has its own decoder).
     */
    static void readAll(List<GridCoverage2D> inputs, Rectangle bounds, Raster[] rasters) {
        if (rasters.length == 1) {
            rasters[0] = read(inputs.get(0).getRenderedImage(), bounds);
            return;
        }
        Parallel.forEach(rasters.length, i -> rasters[i] = read(inputs.get(i).getRenderedImage(), bounds));
    }

    /** Reads a window in image coordinates, whatever the image's own origin. */
    static Raster read(RenderedImage image, Rectangle bounds) {
        Rectangle shifted = new Rectangle(bounds.x + image.getMinX(), bounds.y + image.getMinY(), bounds.width, bounds.height);
        int tw = image.getTileWidth(), th = image.getTileHeight();
        int dx = shifted.x - image.getTileGridXOffset(), dy = shifted.y - image.getTileGridYOffset();
        if (Math.floorMod(dx, tw) == 0 && Math.floorMod(dy, th) == 0 && bounds.width <= tw && bounds.height <= th) {
            // the block starts a tile and fits in it: a view of the tile itself, no copy (blocks are only read)
            Raster tile = image.getTile(Math.floorDiv(dx, tw), Math.floorDiv(dy, th));
            return tile.createChild(shifted.x, shifted.y, bounds.width, bounds.height, bounds.x, bounds.y, null);
        }
        Raster data = image.getData(shifted);
        if (image.getMinX() == 0 && image.getMinY() == 0) return data;
        return data.createTranslatedChild(bounds.x, bounds.y);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
