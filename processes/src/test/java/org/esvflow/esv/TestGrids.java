package org.esvflow.esv;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.List;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;

/** Small hand-written rasters for tests. */
public final class TestGrids {
    private TestGrids() {}

    /** A 30 m grid in EPSG:32650 (0.09 ha per pixel) with upper-left corner (500 000, 4 400 000). */
    public static GridGeometry2D utm(int width, int height) {
        try {
            return Rasters.grid(width, height, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Byte land use, nodata 255; {@code rows[y][x]}. */
    public static GridCoverage2D landUse(GridGeometry2D grid, int[][] rows) {
        return of("lu", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> rows[y][x]);
    }

    /** Float32 values with nodata -9999. */
    public static GridCoverage2D values(GridGeometry2D grid, double[][] rows) {
        return of("values", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) -> rows[y][x]);
    }

    public interface PixelFunction {
        double at(int x, int y);
    }

    public static GridCoverage2D of(String name, GridGeometry2D grid, int dataType, double nodata, PixelFunction f) {
        int w = grid.getGridRange2D().width, h = grid.getGridRange2D().height;
        ComputedImage image = new ComputedImage(w, h, 256, dataType, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, f.at(x, y));
        });
        return Rasters.coverage(name, image, grid, nodata);
    }

    /** Whole-raster read, acceptable for test-sized rasters only. */
    public static double sample(GridCoverage2D coverage, int x, int y) {
        return sample(coverage, x, y, 0);
    }

    public static double sample(GridCoverage2D coverage, int x, int y, int band) {
        RenderedImage image = coverage.getRenderedImage();
        Raster data = image.getData(new java.awt.Rectangle(x, y, 1, 1));
        return data.getSampleDouble(x, y, band);
    }

    /** Row of a table whose column {@code key} equals {@code value} (compared as strings). */
    public static int row(Table table, String key, Object value) {
        int c = table.indexOf(key);
        for (int r = 0; r < table.rowCount(); r++) {
            if (String.valueOf(table.rows().get(r)[c]).equals(String.valueOf(value))) return r;
        }
        throw new AssertionError("no row with " + key + "=" + value + " in " + table);
    }

    public static double number(Table table, int row, String column) {
        return ((Number) table.get(row, column)).doubleValue();
    }

    public static double number(Table table, String key, Object value, String column) {
        return number(table, row(table, key, value), column);
    }

    static List<String> strings(Table t, String column) {
        return List.of(t.strings(column));
    }
}
