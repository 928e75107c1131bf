package org.esvflow.gd;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Fishnet;
import org.esvflow.raster.Grids;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** Samples Y and factor rasters into a table for the detectors. */
@DescribeProcess(
        title = "Sample rasters for the geographical detector",
        description = "Reads Y and factor rasters into one row per sample on Y's grid. FISHNET: one row per cell of the "
                + "project's fishnet (square cells of cellSize CRS units from Y's upper-left corner covering its "
                + "extent, as ArcGIS Create Fishnet and QGIS Create grid lay them; a pixel belongs to the cell holding "
                + "its centre), each raster summarised over the cell's valid pixels (see aggregate); cells whose valid "
                + "pixels are fewer than minValidFraction of a whole cell's are dropped and counted. RANDOM: seeded "
                + "random pixels. ALL: every pixel. With yBefore, Y is the change y − yBefore at each pixel. Factors on "
                + "other grids or CRSs take the value they would have aligned to Y's grid (nearest neighbour for "
                + "categorical factors, bilinear for continuous ones, at the pixel centre); with single-pixel samples "
                + "(CENTRE, RANDOM) only those pixels are resampled. A pixel sample where Y or any factor is nodata is "
                + "dropped and counted. Rasters on Y's grid are read block by block.")
public class SampleProcess {

    /** Where samples are taken. */
    public enum Design {
        /** One sample per cell of the fishnet laid from Y's upper-left corner (see {@link Aggregate}). */
        FISHNET,
        /** {@code count} distinct pixels drawn uniformly over Y's grid with a seeded generator. */
        RANDOM,
        /** Every pixel. */
        ALL
    }

    /** How a fishnet cell's pixels become one value per raster. */
    public enum Aggregate {
        /**
         * Y and continuous factors by the mean of the cell's valid pixels; categorical factors by their majority
         * class (ties to the smallest value), with the majority's share of the valid pixels in a column
         * {@code <factor>_share}.
         */
        MEAN,
        /** Every raster by its most frequent value in the cell (ties to the smallest), shares as for MEAN. */
        MAJORITY,
        /** The pixel holding the cell's centre; a cell whose centre lies outside Y is dropped. */
        CENTRE
    }

    /** At most this many distinct values per raster summarised by its majority. */
    static final int MAX_CLASSES = 4096;

    public record Sampled(Table samples, Integer dropped) {}

    @DescribeResults({
            @DescribeResult(name = "samples", type = Table.class, description = "One row per kept sample: x_coord, "
                    + "y_coord (centre of the cell or pixel in Y's CRS), Y, then each factor (categorical values as "
                    + "integers when integral); with FISHNET MEAN or MAJORITY then <factor>_share (0–1) for each "
                    + "categorical factor."),
            @DescribeResult(name = "dropped", type = Integer.class, description = "Samples dropped: pixels where Y or "
                    + "a factor was nodata; with FISHNET MEAN or MAJORITY, cells under minValidFraction.")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "y", description = "Raster of the explained variable Y; its grid is the "
                    + "sampling grid.") GridCoverage2D y,
            @DescribeParameter(name = "yName", min = 0, defaultValue = "Y", description = "Column name of Y.") String yName,
            @DescribeParameter(name = "yBefore", min = 0, description = "Y of an earlier epoch on Y's grid: Y becomes "
                    + "the change y − yBefore at each pixel (nodata where either is).") GridCoverage2D yBefore,
            @DescribeParameter(name = "factors", collectionType = GridCoverage2D.class, max = 64, description = "Factor "
                    + "rasters (any grid and CRS).") List<GridCoverage2D> factors,
            @DescribeParameter(name = "factorNames", description = "Comma-separated column names, one per factor "
                    + "raster, in order.") String factorNames,
            @DescribeParameter(name = "categorical", min = 0, description = "Comma-separated names of the categorical "
                    + "factors; the others are continuous.") String categorical,
            @DescribeParameter(name = "design", min = 0, defaultValue = "FISHNET", description = "FISHNET, RANDOM or "
                    + "ALL.") Design design,
            @DescribeParameter(name = "cellSize", min = 0, description = "FISHNET: cell edge in CRS units of Y, at "
                    + "least one pixel.") Double cellSize,
            @DescribeParameter(name = "aggregate", min = 0, defaultValue = "MEAN", description = "FISHNET: MEAN (Y and "
                    + "continuous factors by the cell mean, categorical factors by the majority class), MAJORITY (every "
                    + "raster by its most frequent value) or CENTRE (the pixel at the cell centre).") Aggregate aggregate,
            @DescribeParameter(name = "minValidFraction", min = 0, defaultValue = "0.5", description = "FISHNET MEAN or "
                    + "MAJORITY: a cell is kept when the pixels valid in Y and every factor are at least this fraction "
                    + "(0–1) of the pixels a whole cell holds (cells cut by the raster edge count the missing part as "
                    + "invalid).") Double minValidFraction,
            @DescribeParameter(name = "count", min = 0, description = "RANDOM: number of pixels drawn.") Integer count,
            @DescribeParameter(name = "seed", min = 0, defaultValue = "1", description = "RANDOM: generator seed.") Integer seed,
            ProgressListener monitor) {
        if (y == null) throw new InvalidInputException("y", "is required");
        if (factors == null || factors.isEmpty()) throw new InvalidInputException("factors", "give at least one raster");
        List<String> names = SampleTable.names(factorNames);
        if (names.size() != factors.size()) {
            throw new InvalidInputException("factorNames", names.size() + " names for " + factors.size() + " rasters");
        }
        String yColumn = yName == null || yName.isBlank() ? "Y" : yName.trim();
        if (new HashSet<>(names).size() != names.size() || names.contains(yColumn)) {
            throw new InvalidInputException("factorNames", "names must be distinct and differ from Y: " + names);
        }
        Set<String> cat = new HashSet<>(SampleTable.names(categorical));
        for (String c : cat) if (!names.contains(c)) throw new InvalidInputException("categorical", "no factor named " + c);
        if (yBefore != null) Grids.requireSameGrid(y, "y", yBefore, "yBefore");
        double minFraction = minValidFraction == null ? 0.5 : minValidFraction;
        if (!(minFraction >= 0 && minFraction <= 1)) {
            throw new InvalidInputException("minValidFraction", "must be between 0 and 1, got " + minValidFraction);
        }
        GridGeometry2D grid = y.getGridGeometry();
        AffineTransform toCrs = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (toCrs.getShearX() != 0 || toCrs.getShearY() != 0) throw new InvalidInputException("y", "rotated grids are not supported");
        int width = grid.getGridRange2D().width, height = grid.getGridRange2D().height;
        Design d = design == null ? Design.FISHNET : design;
        Aggregate a = aggregate == null ? Aggregate.MEAN : aggregate;
        if (d == Design.FISHNET && cellSize == null) {
            throw new InvalidInputException("cellSize", "FISHNET needs a cell size in CRS units of y");
        }
        Fishnet net = d == Design.FISHNET ? new Fishnet(grid, cellSize, "cellSize") : null;
        boolean cells = d == Design.FISHNET && a != Aggregate.CENTRE;
        Selection selection = switch (d) {
            case FISHNET -> cells ? (row, col) -> true : centres(net);
            case RANDOM -> random(count, seed == null ? 1 : seed, width, height);
            case ALL -> (row, col) -> true;
        };

        Progress.started(monitor);
        int m = factors.size();
        Grids.Resampling[] resampling = new Grids.Resampling[m];
        double[] nodata = new double[m + 1]; // Y, then the factors
        nodata[0] = Rasters.nodata(y);
        boolean[] categoricalColumn = new boolean[m];
        for (int i = 0; i < m; i++) {
            categoricalColumn[i] = cat.contains(names.get(i));
            resampling[i] = categoricalColumn[i] ? Grids.Resampling.NEAREST : Grids.Resampling.BILINEAR;
            nodata[i + 1] = Rasters.nodata(factors.get(i));
        }
        // Y (and yBefore) and the factors on its grid are read block by block; with single-pixel samples, a factor on
        // another grid is resampled at those pixels only, instead of aligning the whole raster to read a few pixels
        List<GridCoverage2D> read = new ArrayList<>(List.of(y));
        if (yBefore != null) read.add(yBefore);
        double beforeNodata = yBefore == null ? Double.NaN : Rasters.nodata(yBefore);
        int[] readIndex = new int[m]; // position of factor i in `read`, or -1 when it is resampled at the points
        List<Integer> atPoints = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            GridCoverage2D f = factors.get(i);
            if (d != Design.ALL && !cells && !Grids.sameGrid(f.getGridGeometry(), grid)) {
                readIndex[i] = -1;
                atPoints.add(i);
            } else {
                readIndex[i] = read.size();
                read.add(Grids.alignTo(f, grid, resampling[i]));
            }
        }
        List<String> columns = new ArrayList<>(List.of("x_coord", "y_coord", yColumn));
        columns.addAll(names);
        if (cells) {
            for (int i = 0; i < m; i++) if (categoricalColumn[i]) columns.add(names.get(i) + "_share");
            CellSummary summary = new CellSummary(net, m, categoricalColumn, a, names);
            Blocks.forEach(read, monitor, 0f, 95f, (bounds, rasters) -> {
                double[][] data = blockData(bounds, rasters);
                double[] values = new double[m + 1];
                for (int k = 0; k < bounds.width * bounds.height; k++) {
                    int cell = net.cell(bounds.x + k % bounds.width, bounds.y + k / bounds.width);
                    if (cell < 0 || !pixel(data, k, yBefore != null, beforeNodata, readIndex, nodata, values)) continue;
                    summary.add(cell, values);
                }
            });
            List<Object[]> rows = new ArrayList<>();
            int dropped = summary.rows(minFraction, rows);
            Progress.completed(monitor);
            return Results.of(new Sampled(new Table(columns, rows), dropped));
        }
        PointRow row = new PointRow(toCrs, categoricalColumn, nodata);
        List<Object[]> rows = new ArrayList<>();
        Points points = new Points(); // only with factors resampled at the points: rows are built once all are known
        Blocks.forEach(read, monitor, 0f, atPoints.isEmpty() ? 100f : 80f, (bounds, rasters) -> {
            double[][] data = blockData(bounds, rasters);
            visit(bounds, selection, (r, c, k) -> {
                double[] values = new double[m + 1];
                values[0] = yAt(data, k, yBefore != null, nodata[0], beforeNodata);
                for (int i = 0; i < m; i++) values[i + 1] = readIndex[i] < 0 ? Double.NaN : data[readIndex[i]][k];
                if (atPoints.isEmpty()) row.add(r, c, values, rows);
                else points.add(r, c, values);
            });
        });
        if (!atPoints.isEmpty()) {
            int[] rowOf = points.rows(), colOf = points.cols();
            for (int i : atPoints) {
                double[] v = Grids.valuesAt(factors.get(i), grid, resampling[i], colOf, rowOf);
                for (int p = 0; p < v.length; p++) points.values.get(p)[i + 1] = v[p];
            }
            for (int p = 0; p < rowOf.length; p++) row.add(rowOf[p], colOf[p], points.values.get(p), rows);
        }
        // CENTRE: cells whose centre lies outside Y have no sample
        int outside = d == Design.FISHNET ? net.size() - centresInside(net) : 0;
        Progress.completed(monitor);
        return Results.of(new Sampled(new Table(columns, rows), row.dropped + outside));
    }

    private static double[][] blockData(Rectangle bounds, java.awt.image.Raster[] rasters) {
        double[][] data = new double[rasters.length][];
        for (int i = 0; i < rasters.length; i++) {
            data[i] = Samples.doubles(rasters[i], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
        }
        return data;
    }

    /** Y at index k of a block: data[0], or data[0] − data[1] with yBefore; NaN where either is nodata. */
    private static double yAt(double[][] data, int k, boolean change, double yNodata, double beforeNodata) {
        double v = data[0][k];
        if (Rasters.isNodata(v, yNodata)) return Double.NaN;
        if (!change) return v;
        double before = data[1][k];
        return Rasters.isNodata(before, beforeNodata) ? Double.NaN : v - before;
    }

    /** Fills {@code values} (Y, then the factors) at index k of a block; false when any is nodata. */
    private static boolean pixel(double[][] data, int k, boolean change, double beforeNodata, int[] readIndex,
                                 double[] nodata, double[] values) {
        values[0] = yAt(data, k, change, nodata[0], beforeNodata);
        if (Double.isNaN(values[0])) return false;
        for (int i = 0; i < readIndex.length; i++) {
            double v = data[readIndex[i]][k];
            if (Rasters.isNodata(v, nodata[i + 1])) return false;
            values[i + 1] = v;
        }
        return true;
    }

    /**
     * Per fishnet cell, its valid pixels (Y and every factor valid) and per raster either the sum of the values (for a
     * mean) or the count of each distinct value (for a majority).
     */
    private static final class CellSummary {
        private final Fishnet net;
        private final boolean[] majority; // per column: Y, then the factors
        private final boolean[] categorical;
        private final int[] valid;
        private final double[][] sums;
        private final ValueCounts[] counts;

        CellSummary(Fishnet net, int factors, boolean[] categorical, Aggregate aggregate, List<String> names) {
            this.net = net;
            this.categorical = categorical;
            valid = new int[net.size()];
            majority = new boolean[factors + 1];
            sums = new double[factors + 1][];
            counts = new ValueCounts[factors + 1];
            for (int j = 0; j <= factors; j++) {
                majority[j] = aggregate == Aggregate.MAJORITY || j > 0 && categorical[j - 1];
                if (majority[j]) counts[j] = new ValueCounts(net.size(), j == 0 ? "y" : "factors", j == 0 ? "Y" : names.get(j - 1));
                else sums[j] = new double[net.size()];
            }
        }

        void add(int cell, double[] values) {
            valid[cell]++;
            for (int j = 0; j < values.length; j++) {
                if (majority[j]) counts[j].add(cell, values[j]);
                else sums[j][cell] += values[j];
            }
        }

        /** Appends the kept cells' rows in cell order; returns the number of cells dropped. */
        int rows(double minFraction, List<Object[]> rows) {
            int dropped = 0, shares = 0;
            for (boolean c : categorical) if (c) shares++;
            for (int cell = 0; cell < net.size(); cell++) {
                int n = valid[cell];
                if (n == 0 || n < minFraction * net.latticePixels(cell)) {
                    dropped++;
                    continue;
                }
                Object[] out = new Object[2 + majority.length + shares];
                out[0] = net.centreX(cell);
                out[1] = net.centreY(cell);
                int share = 2 + majority.length;
                for (int j = 0; j < majority.length; j++) {
                    boolean cat = j > 0 && categorical[j - 1];
                    if (!majority[j]) {
                        out[2 + j] = sums[j][cell] / n;
                        continue;
                    }
                    int mode = counts[j].majority(cell);
                    double v = counts[j].value(cell, mode);
                    out[2 + j] = cat ? integral(v) : (Object) v;
                    if (cat) out[share++] = counts[j].count(cell, mode) / (double) n;
                }
                rows.add(out);
            }
            return dropped;
        }
    }

    /**
     * Counts of each distinct value per cell: values are coded in order of appearance (at most {@link #MAX_CLASSES}),
     * each cell keeps its few (code, count) pairs.
     */
    private static final class ValueCounts {
        private final Map<Double, Integer> codes = new java.util.HashMap<>();
        private final List<Double> values = new ArrayList<>();
        private final int[][] cellCodes, cellCounts;
        private final String input, name;

        ValueCounts(int cells, String input, String name) {
            cellCodes = new int[cells][];
            cellCounts = new int[cells][];
            this.input = input;
            this.name = name;
        }

        void add(int cell, double value) {
            Integer code = codes.get(value);
            if (code == null) {
                if (values.size() == MAX_CLASSES) {
                    throw new InvalidInputException(input, name + " has more than " + MAX_CLASSES + " distinct values: "
                            + "a majority needs classes (use MEAN for continuous rasters)");
                }
                code = values.size();
                codes.put(value, code);
                values.add(value);
            }
            int[] cc = cellCodes[cell];
            if (cc == null) {
                cellCodes[cell] = new int[] {code, -1};
                cellCounts[cell] = new int[] {1, 0};
                return;
            }
            for (int i = 0; i < cc.length; i++) {
                if (cc[i] == code) {
                    cellCounts[cell][i]++;
                    return;
                }
                if (cc[i] < 0) {
                    cc[i] = code;
                    cellCounts[cell][i] = 1;
                    return;
                }
            }
            int n = cc.length;
            cellCodes[cell] = java.util.Arrays.copyOf(cc, 2 * n);
            java.util.Arrays.fill(cellCodes[cell], n, 2 * n, -1);
            cellCounts[cell] = java.util.Arrays.copyOf(cellCounts[cell], 2 * n);
            cellCodes[cell][n] = code;
            cellCounts[cell][n] = 1;
        }

        /** Position in the cell's pairs of its most frequent value; ties go to the smallest value. */
        int majority(int cell) {
            int[] cc = cellCodes[cell], counts = cellCounts[cell];
            int best = 0;
            for (int i = 1; i < cc.length && cc[i] >= 0; i++) {
                if (counts[i] > counts[best] || counts[i] == counts[best] && values.get(cc[i]) < values.get(cc[best])) best = i;
            }
            return best;
        }

        double value(int cell, int position) {
            return values.get(cellCodes[cell][position]);
        }

        int count(int cell, int position) {
            return cellCounts[cell][position];
        }
    }

    private static Object integral(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    /** Builds table rows: coordinates of the pixel centre, Y, the factors; a sample with any nodata is dropped. */
    private static final class PointRow {
        private final AffineTransform toCrs;
        private final boolean[] categorical;
        private final double[] nodata;
        int dropped;

        PointRow(AffineTransform toCrs, boolean[] categorical, double[] nodata) {
            this.toCrs = toCrs;
            this.categorical = categorical;
            this.nodata = nodata;
        }

        void add(int row, int col, double[] values, List<Object[]> rows) {
            for (int i = 0; i < values.length; i++) {
                if (Rasters.isNodata(values[i], nodata[i])) {
                    dropped++;
                    return;
                }
            }
            Object[] out = new Object[values.length + 2];
            out[0] = toCrs.getTranslateX() + (col + 0.5) * toCrs.getScaleX();
            out[1] = toCrs.getTranslateY() + (row + 0.5) * toCrs.getScaleY();
            out[2] = values[0];
            for (int i = 1; i < values.length; i++) {
                double v = values[i];
                out[2 + i] = categorical[i - 1] && v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
            }
            rows.add(out);
        }
    }

    /** Sample pixels in reading order with the values read so far. */
    private static final class Points {
        private final List<int[]> at = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        void add(int row, int col, double[] v) {
            at.add(new int[] {row, col});
            values.add(v);
        }

        int[] rows() {
            return at.stream().mapToInt(p -> p[0]).toArray();
        }

        int[] cols() {
            return at.stream().mapToInt(p -> p[1]).toArray();
        }
    }

    /** Whether the pixel (row, col) of Y's grid is a sample. */
    @FunctionalInterface
    interface Selection {
        boolean contains(int row, int col);
    }

    @FunctionalInterface
    private interface PixelVisitor {
        void visit(int row, int col, int indexInBlock);
    }

    private static void visit(Rectangle bounds, Selection selection, PixelVisitor visitor) {
        for (int r = 0; r < bounds.height; r++) {
            for (int c = 0; c < bounds.width; c++) {
                if (selection.contains(bounds.y + r, bounds.x + c)) visitor.visit(bounds.y + r, bounds.x + c, r * bounds.width + c);
            }
        }
    }

    /** The pixels holding the centres of the fishnet's cells (inside the grid). */
    static Selection centres(Fishnet net) {
        boolean[] cols = new boolean[net.pixelWidth()], rows = new boolean[net.pixelHeight()];
        for (int c = 0; c < net.columns; c++) if (net.centrePixelColumn(c) < cols.length) cols[net.centrePixelColumn(c)] = true;
        for (int r = 0; r < net.rows; r++) if (net.centrePixelRow(r) < rows.length) rows[net.centrePixelRow(r)] = true;
        return (row, col) -> rows[row] && cols[col];
    }

    /** Number of cells whose centre lies inside the grid. */
    private static int centresInside(Fishnet net) {
        int cols = 0, rows = 0;
        for (int c = 0; c < net.columns; c++) if (net.centrePixelColumn(c) < net.pixelWidth()) cols++;
        for (int r = 0; r < net.rows; r++) if (net.centrePixelRow(r) < net.pixelHeight()) rows++;
        return cols * rows;
    }

    /** {@code count} distinct pixels, uniform over the grid (Floyd's sampling without replacement). */
    static Selection random(Integer count, int seed, int width, int height) {
        long total = (long) width * height;
        if (count == null || count < 1 || count > total) {
            throw new InvalidInputException("count", "RANDOM needs 1 ≤ count ≤ " + total + " pixels, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Set<Long> chosen = new HashSet<>();
        for (long j = total - count; j < total; j++) {
            long t = random.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        long[] sorted = chosen.stream().mapToLong(Long::longValue).sorted().toArray();
        return (row, col) -> Arrays.binarySearch(sorted, (long) row * width + col) >= 0;
    }
}
