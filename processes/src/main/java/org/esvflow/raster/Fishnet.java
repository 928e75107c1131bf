package org.esvflow.raster;

import java.awt.geom.AffineTransform;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.coverage.grid.GridGeometry2D;
import org.locationtech.jts.geom.Envelope;

/**
 * The one fishnet of esvflow (ESV fishnet and hot spots, HAI cells, GeoDetector samples): square cells of
 * {@code cellSize} CRS units laid from the raster grid's upper-left corner (the origin), row 0 at the top, cell index
 * {@code row · columns + column}. A pixel belongs to the cell holding its centre; cells are half-open towards east and
 * south, so a centre on a cell edge belongs to the cell east (south) of it.
 *
 * <p>Partial cells, by default, follow ArcGIS <i>Create Fishnet</i> and QGIS <i>Create grid</i> over a layer's
 * extent: the cells {@linkplain PartialCells#COVER cover} the whole extent, so there are ⌈extent / cellSize⌉ columns
 * and rows and the last ones may reach past the raster (a 300 m wide raster in 290 m cells has two columns; the second
 * overlaps the raster by 10 m and may hold no pixel centre). {@link PartialCells#WHOLE} keeps only the cells lying
 * wholly inside the extent; pixels beyond them belong to no cell.
 */
public final class Fishnet {
    /** What becomes of the cells that the raster extent cuts. */
    public enum PartialCells {
        /** Cells cover the extent: ⌈extent / cellSize⌉ columns and rows, the last ones reaching past the raster. */
        COVER,
        /** Only whole cells: ⌊extent / cellSize⌋ columns and rows; pixels beyond the last whole cell have no cell. */
        WHOLE
    }

    /** Default upper bound on the number of cells (per-cell accumulators stay in memory). */
    public static final long MAX_CELLS = 16_000_000L;

    /** Relative tolerance when the extent is a whole number of cells up to rounding (300 m / 0.1 km). */
    private static final double EPS = 1e-9;

    /** Cell edge in CRS units. */
    public final double cellSize;
    /** Upper-left corner of cell (0, 0) in CRS units: the raster's upper-left corner. */
    public final double originX, originY;
    /** Number of cell columns and rows. */
    public final int columns, rows;
    private final int width, height;
    private final int[] columnOfPixelColumn, rowOfPixelRow;
    private final int[] pixelColumnsInColumn, pixelRowsInRow;
    private final double cellInPixelsX, cellInPixelsY;
    private final GridGeometry2D pixelGrid;

    /** Cells covering the extent of {@code grid}, at most {@link #MAX_CELLS}; errors name {@code input}. */
    public Fishnet(GridGeometry2D grid, double cellSize, String input) {
        this(grid, cellSize, PartialCells.COVER, MAX_CELLS, input);
    }

    /**
     * @param grid the pixel grid (north-up, not rotated)
     * @param cellSize cell edge in the grid's CRS units, at least one pixel
     * @param partial what becomes of cells the extent cuts
     * @param maxCells upper bound on columns × rows
     * @param input the input named in errors about the cell size
     */
    public Fishnet(GridGeometry2D grid, double cellSize, PartialCells partial, long maxCells, String input) {
        if (!(cellSize > 0) || Double.isInfinite(cellSize)) {
            throw new InvalidInputException(input, "must be a positive size in CRS units, got " + cellSize);
        }
        AffineTransform t = (AffineTransform) grid.getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (t.getShearX() != 0 || t.getShearY() != 0) {
            throw new InvalidInputException(input, "rotated grids are not supported");
        }
        double px = Math.abs(t.getScaleX()), py = Math.abs(t.getScaleY());
        if (cellSize < Math.max(px, py) * (1 - EPS)) {
            throw new InvalidInputException(input, "must be at least one pixel (" + Math.max(px, py) + " CRS units), got " + cellSize);
        }
        this.cellSize = cellSize;
        this.pixelGrid = grid;
        this.originX = t.getTranslateX();
        this.originY = t.getTranslateY();
        this.width = grid.getGridRange2D().width;
        this.height = grid.getGridRange2D().height;
        this.cellInPixelsX = cellSize / px;
        this.cellInPixelsY = cellSize / py;
        this.columns = count(width / cellInPixelsX, partial);
        this.rows = count(height / cellInPixelsY, partial);
        if ((long) columns * rows > maxCells) {
            throw new InvalidInputException(input, "gives " + columns + " × " + rows + " = " + ((long) columns * rows)
                    + " cells, more than " + maxCells);
        }
        columnOfPixelColumn = cellOfPixel(width, cellInPixelsX, columns);
        rowOfPixelRow = cellOfPixel(height, cellInPixelsY, rows);
        pixelColumnsInColumn = latticePixelsPerCell(cellInPixelsX, columns);
        pixelRowsInRow = latticePixelsPerCell(cellInPixelsY, rows);
    }

    private static int count(double cellsInExtent, PartialCells partial) {
        double n = partial == PartialCells.WHOLE ? Math.floor(cellsInExtent * (1 + EPS)) : Math.ceil(cellsInExtent * (1 - EPS));
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** Cell column (row) of the pixel column (row) whose centre is at p + ½ pixels; -1 beyond the last cell. */
    private static int[] cellOfPixel(int size, double cellInPixels, int cells) {
        int[] out = new int[size];
        for (int p = 0; p < size; p++) {
            int c = (int) Math.floor((p + 0.5) / cellInPixels);
            out[p] = c < cells ? c : -1;
        }
        return out;
    }

    /** Pixel centres of the (unbounded) pixel lattice inside each cell column (row), beyond the raster included. */
    private static int[] latticePixelsPerCell(double cellInPixels, int cells) {
        int[] out = new int[cells];
        long end = (long) Math.ceil((cells + 1) * cellInPixels) + 1;
        for (long p = 0; p < end; p++) {
            long c = (long) Math.floor((p + 0.5) / cellInPixels);
            if (c < cells) out[(int) c]++;
        }
        return out;
    }

    /** Number of cells, columns × rows. */
    public int size() {
        return columns * rows;
    }

    /** Cell column of pixel column {@code x}, or -1 when the pixel lies in no cell ({@link PartialCells#WHOLE}). */
    public int column(int x) {
        return columnOfPixelColumn[x];
    }

    /** Cell row of pixel row {@code y}, or -1 when the pixel lies in no cell ({@link PartialCells#WHOLE}). */
    public int row(int y) {
        return rowOfPixelRow[y];
    }

    /** Index of the cell holding the centre of pixel (x, y), or -1 when none does. */
    public int cell(int x, int y) {
        int c = columnOfPixelColumn[x], r = rowOfPixelRow[y];
        return c < 0 || r < 0 ? -1 : r * columns + c;
    }

    /** Easting (or longitude) of the centre of cell {@code index}. */
    public double centreX(int index) {
        return originX + (index % columns + 0.5) * cellSize;
    }

    /** Northing (or latitude) of the centre of cell {@code index}. */
    public double centreY(int index) {
        return originY - (index / columns + 0.5) * cellSize;
    }

    /** The whole square of cell {@code index} in CRS units (it may reach past the raster). */
    public Envelope bounds(int index) {
        double x0 = originX + (index % columns) * cellSize, y1 = originY - (index / columns) * cellSize;
        return new Envelope(x0, x0 + cellSize, y1 - cellSize, y1);
    }

    /**
     * Pixels of the raster's pixel lattice whose centre lies in cell {@code index}, counting those beyond the raster:
     * what the cell would hold were the raster larger (the denominator of a valid-pixel fraction).
     */
    public long latticePixels(int index) {
        return (long) pixelColumnsInColumn[index % columns] * pixelRowsInRow[index / columns];
    }

    /**
     * Pixel column holding the centre of cell column {@code column}; it may be {@code ≥ width} when the cell reaches
     * past the raster.
     */
    public int centrePixelColumn(int column) {
        return (int) Math.floor((column + 0.5) * cellInPixelsX);
    }

    /** Pixel row holding the centre of cell row {@code row}; it may be {@code ≥ height}. */
    public int centrePixelRow(int row) {
        return (int) Math.floor((row + 0.5) * cellInPixelsY);
    }

    /** Width and height of the pixel grid. */
    public int pixelWidth() {
        return width;
    }

    public int pixelHeight() {
        return height;
    }

    /** The grid of the cells: same origin and CRS as the pixels, one grid pixel per cell. */
    public GridGeometry2D cellGrid() {
        return Rasters.grid(columns, rows, originX, originY, cellSize, pixelGrid.getCoordinateReferenceSystem2D());
    }
}
