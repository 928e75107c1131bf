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
        description = "Reads Y and factor rasters at sample points on Y's grid: the centres of a fishnet of square "
                + "cells (cell size in the units of Y's CRS), seeded random pixels, or every pixel. Factors on other "
                + "grids or CRSs take the value they would have aligned to Y's grid (nearest neighbour for categorical "
                + "factors, bilinear for continuous ones, at the pixel centre); with fishnet or random samples only "
                + "those pixels are resampled. Each sample takes the pixel containing the point; samples where Y or any "
                + "factor is nodata are dropped and counted. Rasters on Y's grid are read block by block.")
public class SampleProcess {

    /** Where samples are taken. */
    public enum Design {
        /** Centres of square fishnet cells laid from Y's upper-left corner. */
        FISHNET,
        /** {@code count} distinct pixels drawn uniformly over Y's grid with a seeded generator. */
        RANDOM,
        /** Every pixel. */
        ALL
    }

    public record Sampled(Table samples, Integer dropped) {}

    @DescribeResults({
            @DescribeResult(name = "samples", type = Table.class, description = "One row per kept sample: x_coord, "
                    + "y_coord (pixel centre in Y's CRS), Y, then each factor (categorical values as integers when "
                    + "integral)."),
            @DescribeResult(name = "dropped", type = Integer.class, description = "Samples dropped because Y or a "
                    + "factor was nodata there.")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "y", description = "Raster of the explained variable Y; its grid is the "
                    + "sampling grid.") GridCoverage2D y,
            @DescribeParameter(name = "yName", min = 0, defaultValue = "Y", description = "Column name of Y.") String yName,
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
        GridGeometry2D grid = y.getGridGeometry();
        AffineTransform toCrs = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (toCrs.getShearX() != 0 || toCrs.getShearY() != 0) throw new InvalidInputException("y", "rotated grids are not supported");
        int width = grid.getGridRange2D().width, height = grid.getGridRange2D().height;
        Design d = design == null ? Design.FISHNET : design;
        Selection selection = switch (d) {
            case FISHNET -> fishnet(cellSize, toCrs, width, height);
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
        // Y and the factors on its grid are read block by block; with sample points (not ALL), a factor on another
        // grid is resampled at those pixels only, instead of aligning the whole raster to read a few pixels of it
        List<GridCoverage2D> read = new ArrayList<>(List.of(y));
        int[] readIndex = new int[m]; // position of factor i in `read`, or -1 when it is resampled at the points
        List<Integer> atPoints = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            GridCoverage2D f = factors.get(i);
            if (d != Design.ALL && !Grids.sameGrid(f.getGridGeometry(), grid)) {
                readIndex[i] = -1;
                atPoints.add(i);
            } else {
                readIndex[i] = read.size();
                read.add(Grids.alignTo(f, grid, resampling[i]));
            }
        }
        List<String> columns = new ArrayList<>(List.of("x_coord", "y_coord", yColumn));
        columns.addAll(names);
        Row row = new Row(toCrs, categoricalColumn, nodata);
        List<Object[]> rows = new ArrayList<>();
        Points points = new Points(); // only with factors resampled at the points: rows are built once all are known
        Blocks.forEach(read, monitor, 0f, atPoints.isEmpty() ? 100f : 80f, (bounds, rasters) -> {
            double[][] data = new double[rasters.length][];
            for (int i = 0; i < rasters.length; i++) {
                data[i] = Samples.doubles(rasters[i], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            }
            visit(bounds, selection, (r, c, k) -> {
                double[] values = new double[m + 1];
                values[0] = data[0][k];
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
        Progress.completed(monitor);
        return Results.of(new Sampled(new Table(columns, rows), row.dropped));
    }

    /** Builds table rows: coordinates of the pixel centre, Y, the factors; a sample with any nodata is dropped. */
    private static final class Row {
        private final AffineTransform toCrs;
        private final boolean[] categorical;
        private final double[] nodata;
        int dropped;

        Row(AffineTransform toCrs, boolean[] categorical, double[] nodata) {
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

    /** Pixels holding fishnet cell centres (i + ½)·cell from the upper-left corner, inside the grid. */
    static Selection fishnet(Double cellSize, AffineTransform toCrs, int width, int height) {
        double px = Math.abs(toCrs.getScaleX()), py = Math.abs(toCrs.getScaleY());
        if (cellSize == null || !(cellSize >= Math.max(px, py) * (1 - 1e-9)) || Double.isInfinite(cellSize)) {
            throw new InvalidInputException("cellSize", "FISHNET needs a cell size of at least one pixel ("
                    + Math.max(px, py) + " CRS units), got " + cellSize);
        }
        boolean[] cols = centres(cellSize / px, width), rows = centres(cellSize / py, height);
        return (row, col) -> rows[row] && cols[col];
    }

    private static boolean[] centres(double cellInPixels, int size) {
        boolean[] selected = new boolean[size];
        for (long i = 0; ; i++) {
            double centre = (i + 0.5) * cellInPixels;
            if (centre >= size) break;
            selected[(int) Math.floor(centre)] = true;
        }
        return selected;
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
