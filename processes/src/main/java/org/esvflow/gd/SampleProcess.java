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
                + "grids or CRSs are first aligned to Y's grid (nearest neighbour for categorical factors, bilinear "
                + "for continuous ones). Each sample takes the pixel containing the point; samples where Y or any "
                + "factor is nodata are dropped and counted. Rasters are read block by block.")
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
        List<GridCoverage2D> inputs = new ArrayList<>();
        inputs.add(y);
        for (int i = 0; i < factors.size(); i++) {
            inputs.add(Grids.alignTo(factors.get(i), grid,
                    cat.contains(names.get(i)) ? Grids.Resampling.NEAREST : Grids.Resampling.BILINEAR));
        }
        double[] nodata = inputs.stream().mapToDouble(Rasters::nodata).toArray();
        boolean[] categoricalColumn = new boolean[factors.size()];
        for (int i = 0; i < names.size(); i++) categoricalColumn[i] = cat.contains(names.get(i));
        List<String> columns = new ArrayList<>(List.of("x_coord", "y_coord", yColumn));
        columns.addAll(names);
        List<Object[]> rows = new ArrayList<>();
        int[] dropped = {0};
        Blocks.forEach(inputs, monitor, 0f, 100f, (bounds, rasters) -> {
            double[][] data = new double[rasters.length][];
            for (int i = 0; i < rasters.length; i++) {
                data[i] = Samples.doubles(rasters[i], bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            }
            visit(bounds, selection, (row, col, k) -> {
                for (int i = 0; i < data.length; i++) {
                    if (Rasters.isNodata(data[i][k], nodata[i])) {
                        dropped[0]++;
                        return;
                    }
                }
                Object[] out = new Object[columns.size()];
                out[0] = toCrs.getTranslateX() + (col + 0.5) * toCrs.getScaleX();
                out[1] = toCrs.getTranslateY() + (row + 0.5) * toCrs.getScaleY();
                out[2] = data[0][k];
                for (int i = 1; i < data.length; i++) {
                    double v = data[i][k];
                    out[2 + i] = categoricalColumn[i - 1] && v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
                }
                rows.add(out);
            });
        });
        Progress.completed(monitor);
        return Results.of(new Sampled(new Table(columns, rows), dropped[0]));
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
