package org.esvflow.hai;

import java.awt.geom.AffineTransform;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Rasters;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.coverage.grid.GridGeometry2D;

/**
 * Square cells of a given size in CRS units, aligned to the upper-left corner of a raster grid. A pixel belongs to
 * the cell containing its centre. Cell (row 0, column 0) starts at the raster origin; the last row and column may
 * extend beyond the raster.
 */
final class Fishnet {
    static final long MAX_CELLS = 50_000_000L;
    final double cellSize;
    final int columns, rows;
    private final int[] cellColumnOfPixelColumn, cellRowOfPixelRow;
    private final double originX, originY;
    private final GridGeometry2D pixelGrid;

    Fishnet(GridGeometry2D grid, double cellSize, String input) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new InvalidInputException(input, "must be a positive size in CRS units, got " + cellSize);
        }
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (t.getShearX() != 0 || t.getShearY() != 0) {
            throw new InvalidInputException(input, "rotated grids are not supported");
        }
        int width = grid.getGridRange2D().width, height = grid.getGridRange2D().height;
        double px = Math.abs(t.getScaleX()), py = Math.abs(t.getScaleY());
        this.cellSize = cellSize;
        this.pixelGrid = grid;
        this.originX = t.getTranslateX();
        this.originY = t.getTranslateY();
        cellColumnOfPixelColumn = new int[width];
        for (int x = 0; x < width; x++) cellColumnOfPixelColumn[x] = (int) Math.floor((x + 0.5) * px / cellSize);
        cellRowOfPixelRow = new int[height];
        for (int y = 0; y < height; y++) cellRowOfPixelRow[y] = (int) Math.floor((y + 0.5) * py / cellSize);
        columns = width == 0 ? 0 : cellColumnOfPixelColumn[width - 1] + 1;
        rows = height == 0 ? 0 : cellRowOfPixelRow[height - 1] + 1;
        if ((long) columns * rows > MAX_CELLS) {
            throw new InvalidInputException(input, "gives " + ((long) columns * rows) + " cells, more than " + MAX_CELLS);
        }
    }

    /** Index row · columns + column of the cell holding pixel (x, y). */
    int cell(int x, int y) {
        return cellRowOfPixelRow[y] * columns + cellColumnOfPixelColumn[x];
    }

    int size() {
        return columns * rows;
    }

    /** Easting (or longitude) of the centre of cell {@code index}. */
    double centreX(int index) {
        return originX + (index % columns + 0.5) * cellSize;
    }

    /** Northing (or latitude) of the centre of cell {@code index}. */
    double centreY(int index) {
        return originY - (index / columns + 0.5) * cellSize;
    }

    /** The grid of the cells: same origin and CRS as the pixels, one cell per pixel. */
    GridGeometry2D cellGrid() {
        return Rasters.grid(columns, rows, originX, originY, cellSize, pixelGrid.getCoordinateReferenceSystem2D());
    }
}
