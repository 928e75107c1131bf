package org.esvflow.raster;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.DataBuffer;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.esvflow.process.InvalidInputException;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.operation.transform.AffineTransform2D;
import org.geotools.referencing.operation.transform.ConcatenatedTransform;

/**
 * Resamples a single-band raster onto another grid, one output tile at a time (a {@link ComputedImage}).
 *
 * <p>Conventions, those of GDAL's warper: a target pixel takes the value at its centre. Nearest takes the source pixel
 * containing that point. Bilinear weighs the four source pixel centres around it; neighbours beyond the source's edge
 * are clamped to the edge pixel, and nodata neighbours drop out with the remaining weights renormalised. A centre
 * outside the source, or in a nodata source pixel, is nodata (so nodata areas do not shrink by half a pixel).
 *
 * <p>Average and mode aggregate the source pixels under the whole target pixel (for a target coarser than the source),
 * as gdalwarp's {@code -r average} and {@code -r mode} do: a source pixel takes part when it overlaps the target pixel by
 * more than {@value #SLIVER} pixel along each axis; nodata pixels drop out; no valid pixel gives nodata. Average weighs
 * each pixel by the fraction of its area inside the target pixel, the part of a target pixel beyond the source's edge
 * counting for the edge pixel (gdalwarp's choice). Mode counts each
 * pixel once, and of values with equal counts takes the one that reached that count first, scanning row by row. Both
 * need the two grids in one CRS without rotation (the footprint of a target pixel is then a rectangle of source pixels).
 *
 * <p>Source positions are exact for grids in one CRS (an affine map). Across CRSs they are computed exactly at every
 * {@value #STEP}th pixel and interpolated in between; a tile whose interpolation misses the exact position by more
 * than {@value #POSITION_TOLERANCE} source pixel at a check point is transformed pixel by pixel instead.
 */
final class Resampler {
    static final int STEP = 16;
    static final double POSITION_TOLERANCE = 1e-3;
    /** Sources up to this many pixels are decoded once and kept (8 bytes each); larger ones are read per tile window. */
    static final long IN_MEMORY_PIXELS = 8L << 20;
    /** Largest source window read for one part of a tile, pixels. */
    static final long WINDOW_PIXELS = 4L << 20;
    /** Overlaps narrower than this, in source pixels, do not count (gdalwarp drops such slivers too). */
    static final double SLIVER = 1e-6;

    private final Grids.Resampling resampling;
    private final RenderedImage source;
    private final int sourceWidth, sourceHeight;
    private final double nodata, fill;
    /** Target grid → source grid coordinates, both with the pixel corner at integers. */
    private final MathTransform targetToSource;
    private final AffineTransform affine; // the same map when it is affine, else null
    private volatile double[] whole;

    private Resampler(GridCoverage2D source, GridGeometry2D target, Grids.Resampling resampling) throws FactoryException {
        this.resampling = resampling;
        this.source = source.getRenderedImage();
        this.sourceWidth = this.source.getWidth();
        this.sourceHeight = this.source.getHeight();
        this.nodata = Rasters.nodata(source);
        this.fill = Double.isNaN(nodata) ? (isIntegral(outputType(this.source, resampling)) ? 0 : Double.NaN) : nodata;
        GridGeometry2D sourceGrid = source.getGridGeometry();
        AffineTransform sourceToCrs = new AffineTransform((AffineTransform) sourceGrid.getGridToCRS2D(PixelOrientation.UPPER_LEFT));
        // grid coordinates count from the grid range's low corner; image samples from the image's min corner
        sourceToCrs.translate(sourceGrid.getGridRange2D().x, sourceGrid.getGridRange2D().y);
        AffineTransform crsToSource;
        try {
            crsToSource = sourceToCrs.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new InvalidInputException(source.getName().toString(), "its grid-to-CRS transform is not invertible");
        }
        AffineTransform targetToCrs = new AffineTransform((AffineTransform) target.getGridToCRS2D(PixelOrientation.UPPER_LEFT));
        targetToCrs.translate(target.getGridRange2D().x, target.getGridRange2D().y);
        MathTransform crsChange = CRS.findMathTransform(target.getCoordinateReferenceSystem2D(),
                sourceGrid.getCoordinateReferenceSystem2D(), true);
        this.targetToSource = ConcatenatedTransform.create(ConcatenatedTransform.create(
                new AffineTransform2D(targetToCrs), crsChange), new AffineTransform2D(crsToSource));
        this.affine = targetToSource instanceof AffineTransform a ? a : null;
        if (aggregates() && !separable()) {
            throw new InvalidInputException("resampling", resampling + " needs the source and the target grid in one CRS "
                    + "without rotation; the source " + Grids.describe(sourceGrid) + " and the target "
                    + Grids.describe(target) + " are not (resample with BILINEAR or NEAREST)");
        }
    }

    private boolean aggregates() {
        return resampling == Grids.Resampling.AVERAGE || resampling == Grids.Resampling.MODE;
    }

    /** {@code source} on the {@code target} grid, computed lazily tile by tile. */
    static GridCoverage2D resample(GridCoverage2D source, GridGeometry2D target, Grids.Resampling resampling) {
        Resampler resampler;
        try {
            resampler = new Resampler(source, target, resampling);
        } catch (FactoryException e) {
            throw new InvalidInputException(source.getName().toString(),
                    "no transformation from its CRS to the target CRS: " + e.getMessage(), e);
        }
        int width = target.getGridRange2D().width, height = target.getGridRange2D().height;
        int type = outputType(resampler.source, resampling);
        ComputedImage image = new ComputedImage(width, height, Blocks.BLOCK, type, resampler::fillTile);
        // a source without nodata keeps declaring none (integral outputs are filled with 0 outside the source)
        return Rasters.coverage(source.getName().toString(), image, target, resampler.nodata);
    }

    /**
     * Nearest and mode keep the source type; bilinear and average give float32 for integral and float sources, float64
     * for float64 (gdalwarp keeps the type and rounds: compare with its {@code -ot Float32}).
     */
    static int outputType(RenderedImage source, Grids.Resampling resampling) {
        int type = source.getSampleModel().getDataType();
        if (resampling == Grids.Resampling.NEAREST || resampling == Grids.Resampling.MODE) return type;
        return type == DataBuffer.TYPE_DOUBLE ? DataBuffer.TYPE_DOUBLE : DataBuffer.TYPE_FLOAT;
    }

    static boolean isIntegral(int type) {
        return type != DataBuffer.TYPE_FLOAT && type != DataBuffer.TYPE_DOUBLE;
    }

    /**
     * The values the resampled raster would hold at the given target pixels, in the order given, without computing
     * any other pixel. Positions are exact at every pixel (the raster interpolates them across CRSs, within
     * {@value #POSITION_TOLERANCE} source pixel). A large source is read one tile (plus a pixel of margin) at a time,
     * each tile once, the pixels grouped by the source tile that holds their position.
     */
    double[] valuesAt(int[] cols, int[] rows) {
        int n = cols.length;
        if (aggregates()) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                Span across = span(affine.getScaleX(), affine.getTranslateX(), cols[i], 1, sourceWidth);
                Span down = span(affine.getScaleY(), affine.getTranslateY(), rows[i], 1, sourceHeight);
                Rectangle need = new Rectangle(across.from, down.from, across.to - across.from, down.to - down.from);
                if (need.isEmpty()) {
                    out[i] = fill;
                    continue;
                }
                Window w = inMemory() ? new Window(whole(), 0, 0, sourceWidth, sourceHeight) : read(need);
                out[i] = aggregate(w, across, 0, down, 0);
            }
            return out;
        }
        double[] uv = new double[2 * n];
        for (int i = 0; i < n; i++) {
            uv[2 * i] = cols[i] + 0.5;
            uv[2 * i + 1] = rows[i] + 0.5;
        }
        transform(uv, n);
        double[] out = new double[n];
        if (inMemory()) {
            Window all = new Window(whole(), 0, 0, sourceWidth, sourceHeight);
            for (int i = 0; i < n; i++) out[i] = sample(all, uv[2 * i], uv[2 * i + 1]);
            return out;
        }
        int tw = source.getTileWidth(), th = source.getTileHeight();
        Map<Long, List<Integer>> byTile = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            double u = uv[2 * i], v = uv[2 * i + 1];
            if (!(u >= 0 && u <= sourceWidth && v >= 0 && v <= sourceHeight)) {
                out[i] = fill;
                continue;
            }
            int col = Math.min((int) u, sourceWidth - 1), row = Math.min((int) v, sourceHeight - 1);
            byTile.computeIfAbsent(((long) (row / th) << 32) | (col / tw), k -> new ArrayList<>()).add(i);
        }
        for (var tile : byTile.entrySet()) {
            int ty = (int) (tile.getKey() >>> 32), tx = (int) (long) tile.getKey();
            Rectangle window = new Rectangle(tx * tw - 1, ty * th - 1, tw + 2, th + 2)
                    .intersection(new Rectangle(0, 0, sourceWidth, sourceHeight));
            Window w = read(window);
            for (int i : tile.getValue()) out[i] = sample(w, uv[2 * i], uv[2 * i + 1]);
        }
        return out;
    }

    /** {@link #valuesAt} of {@code source} resampled onto {@code target}. */
    static double[] valuesAt(GridCoverage2D source, GridGeometry2D target, Grids.Resampling resampling, int[] cols, int[] rows) {
        try {
            return new Resampler(source, target, resampling).valuesAt(cols, rows);
        } catch (FactoryException e) {
            throw new InvalidInputException(source.getName().toString(),
                    "no transformation from its CRS to the target CRS: " + e.getMessage(), e);
        }
    }

    private void fillTile(WritableRaster tile) {
        fill(tile, new Rectangle(tile.getMinX(), tile.getMinY(), tile.getWidth(), tile.getHeight()));
    }

    /**
     * Fills {@code part} of the tile; a part whose source window would exceed {@value #WINDOW_PIXELS} pixels (a
     * target much coarser than the source) is split in four, so memory stays bounded.
     */
    private void fill(WritableRaster tile, Rectangle part) {
        if (aggregates()) {
            fillAggregated(tile, part);
            return;
        }
        boolean inMemory = inMemory();
        if (inMemory && separable()) {
            fillSeparable(tile, part);
            return;
        }
        double[] positions = positions(part.x, part.y, part.width, part.height);
        Rectangle need = inMemory ? null : need(positions);
        if (!inMemory && (long) need.width * need.height > WINDOW_PIXELS && part.width * part.height > 1
) {
            int hw = Math.max(1, part.width / 2), hh = Math.max(1, part.height / 2);
            for (Rectangle quarter : new Rectangle[] {new Rectangle(part.x, part.y, hw, hh),
                    new Rectangle(part.x + hw, part.y, part.width - hw, hh), new Rectangle(part.x, part.y + hh, hw, part.height - hh),
                    new Rectangle(part.x + hw, part.y + hh, part.width - hw, part.height - hh)}) {
                if (!quarter.isEmpty()) fill(tile, quarter);
            }
            return;
        }
        Window window = inMemory ? new Window(whole(), 0, 0, sourceWidth, sourceHeight) : read(need);
        double[] line = new double[part.width]; // row by row: a whole-tile double[] would be a humongous object in G1
        for (int r = 0, i = 0; r < part.height; r++) {
            for (int c = 0; c < part.width; c++, i++) line[c] = sample(window, positions[2 * i], positions[2 * i + 1]);
            Samples.put(tile, part.x, part.y + r, part.width, 1, 0, line);
        }
    }

    /** Average or mode over a part of a tile, split in four while its source window exceeds {@value #WINDOW_PIXELS}. */
    private void fillAggregated(WritableRaster tile, Rectangle part) {
        Span across = span(affine.getScaleX(), affine.getTranslateX(), part.x, part.width, sourceWidth);
        Span down = span(affine.getScaleY(), affine.getTranslateY(), part.y, part.height, sourceHeight);
        Rectangle need = new Rectangle(across.from, down.from, across.to - across.from, down.to - down.from);
        boolean inMemory = inMemory();
        if (!inMemory && (long) need.width * need.height > WINDOW_PIXELS && part.width * part.height > 1) {
            int hw = Math.max(1, part.width / 2), hh = Math.max(1, part.height / 2);
            for (Rectangle quarter : new Rectangle[] {new Rectangle(part.x, part.y, hw, hh),
                    new Rectangle(part.x + hw, part.y, part.width - hw, hh), new Rectangle(part.x, part.y + hh, hw, part.height - hh),
                    new Rectangle(part.x + hw, part.y + hh, part.width - hw, part.height - hh)}) {
                if (!quarter.isEmpty()) fillAggregated(tile, quarter);
            }
            return;
        }
        Window window = need.isEmpty() ? null
                : inMemory ? new Window(whole(), 0, 0, sourceWidth, sourceHeight) : read(need);
        double[] line = new double[part.width];
        for (int r = 0; r < part.height; r++) {
            for (int c = 0; c < part.width; c++) line[c] = window == null ? fill : aggregate(window, across, c, down, r);
            Samples.put(tile, part.x, part.y + r, part.width, 1, 0, line);
        }
    }

    /**
     * The source pixels under consecutive target pixels along one axis: for target pixel k, source pixels
     * {@code first[k]} … {@code first[k] + weight[k].length − 1} with the fraction of each inside it; {@code from} and
     * {@code to} bound them all (to exclusive; from = to when none).
     */
    private record Span(int[] first, double[][] weight, int from, int to) {}

    /** {@link Span} of target pixels {@code start} … {@code start + n − 1}; source coordinate = scale · t + translate. */
    private static Span span(double scale, double translate, int start, int n, int size) {
        int[] first = new int[n];
        double[][] weight = new double[n][];
        int from = Integer.MAX_VALUE, to = Integer.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            double a = scale * (start + k) + translate, b = scale * (start + k + 1) + translate;
            double lo = Math.min(a, b), hi = Math.max(a, b), inLo = Math.max(lo, 0), inHi = Math.min(hi, size);
            int s0 = (int) Math.floor(inLo), s1 = (int) Math.ceil(inHi);
            while (s0 < s1 && Math.min(inHi, s0 + 1) - inLo <= SLIVER) s0++;
            while (s1 > s0 && inHi - Math.max(inLo, s1 - 1) <= SLIVER) s1--;
            first[k] = s0;
            weight[k] = new double[Math.max(0, s1 - s0)];
            // the part of a target pixel beyond the source's edge weighs on the edge pixel, as in gdalwarp
            for (int s = s0; s < s1; s++) {
                weight[k][s - s0] = (s == size - 1 ? hi : Math.min(hi, s + 1)) - (s == 0 ? lo : Math.max(lo, s));
            }
            if (s1 > s0) {
                from = Math.min(from, s0);
                to = Math.max(to, s1);
            }
        }
        return from > to ? new Span(first, weight, 0, 0) : new Span(first, weight, from, to);
    }

    /** Average or mode of the source pixels under target pixel (column c of {@code across}, row r of {@code down}). */
    private double aggregate(Window s, Span across, int c, Span down, int r) {
        double[] wx = across.weight[c], wy = down.weight[r];
        int c0 = across.first[c] - s.x, r0 = down.first[r] - s.y;
        if (resampling == Grids.Resampling.AVERAGE) {
            double sum = 0, weight = 0;
            for (int j = 0; j < wy.length; j++) {
                int row = (r0 + j) * s.width + c0;
                for (int i = 0; i < wx.length; i++) {
                    double v = s.data[row + i];
                    if (v != v) continue; // nodata (NaN after read)
                    double w = wx[i] * wy[j];
                    sum += w * v;
                    weight += w;
                }
            }
            return weight > 0 ? sum / weight : fill;
        }
        // mode: distinct values with their counts; a value becomes the mode when its count exceeds the best so far
        double[] values = new double[Math.min(wx.length * wy.length, 64)];
        int[] counts = new int[values.length];
        int distinct = 0, bestCount = 0;
        double best = fill;
        for (int j = 0; j < wy.length; j++) {
            int row = (r0 + j) * s.width + c0;
            for (int i = 0; i < wx.length; i++) {
                double v = s.data[row + i];
                if (v != v) continue;
                int k = 0;
                while (k < distinct && values[k] != v) k++;
                if (k == distinct) {
                    if (distinct == values.length) {
                        values = java.util.Arrays.copyOf(values, 2 * distinct);
                        counts = java.util.Arrays.copyOf(counts, 2 * distinct);
                    }
                    values[distinct++] = v;
                }
                if (++counts[k] > bestCount) {
                    bestCount = counts[k];
                    best = v;
                }
            }
        }
        return best;
    }

    /** True for a map from target to source grid without rotation: u depends on the column only, v on the row. */
    private boolean separable() {
        return affine != null && affine.getShearX() == 0 && affine.getShearY() == 0;
    }

    /**
     * The separable case, by far the most common (grids in one CRS): neighbours and weights are worked out once per
     * column and once per row of the part, then each pixel costs four lookups.
     */
    private void fillSeparable(WritableRaster tile, Rectangle part) {
        double[] data = whole();
        int w = part.width, h = part.height;
        double sx = affine.getScaleX(), tx = affine.getTranslateX(), sy = affine.getScaleY(), ty = affine.getTranslateY();
        boolean nearest = resampling == Grids.Resampling.NEAREST;
        int[] c0 = new int[w], c1 = new int[w], r0 = new int[h], r1 = new int[h];
        double[] fx = new double[w], fy = new double[h];
        boolean[] colInside = new boolean[w], rowInside = new boolean[h];
        for (int c = 0; c < w; c++) {
            double u = sx * (part.x + c + 0.5) + tx;
            colInside[c] = axis(u, sourceWidth, nearest, c, c0, c1, fx);
        }
        for (int r = 0; r < h; r++) {
            double v = sy * (part.y + r + 0.5) + ty;
            rowInside[r] = axis(v, sourceHeight, nearest, r, r0, r1, fy);
        }
        double[] line = new double[w];
        for (int r = 0; r < h; r++) {
            int top = r0[r] * sourceWidth, bottom = r1[r] * sourceWidth;
            double gy = fy[r];
            for (int c = 0; c < w; c++) {
                if (!rowInside[r] || !colInside[c]) {
                    line[c] = fill;
                } else if (nearest) {
                    double z = data[top + c0[c]];
                    line[c] = Rasters.isNodata(z, nodata) ? fill : z;
                } else {
                    line[c] = blend(data[top + c0[c]], data[top + c1[c]], data[bottom + c0[c]], data[bottom + c1[c]], fx[c], gy);
                }
            }
            Samples.put(tile, part.x, part.y + r, w, 1, 0, line);
        }
    }

    /**
     * One axis of the separable case: whether coordinate {@code t} lies in the source, and its neighbours and weight
     * (nearest: the containing pixel in {@code lo}).
     */
    private static boolean axis(double t, int size, boolean nearest, int k, int[] lo, int[] hi, double[] f) {
        if (nearest) {
            if (!(t >= 0 && t < size)) return false;
            lo[k] = (int) t;
            return true;
        }
        if (!(t >= 0 && t <= size)) return false;
        double s = t - 0.5;
        int left = (int) Math.floor(s);
        f[k] = s - left;
        lo[k] = clamp(left, size);
        hi[k] = clamp(left + 1, size);
        return true;
    }

    // ---- positions -------------------------------------------------------------------------------------------------

    /** Source coordinates (u, v interleaved) of the centres of the target pixels in the given window. */
    double[] positions(int x0, int y0, int w, int h) {
        double[] uv = new double[2 * w * h];
        if (affine != null) {
            double[] m = new double[6];
            affine.getMatrix(m); // m00 m10 m01 m11 m02 m12
            for (int r = 0, k = 0; r < h; r++) {
                double y = y0 + r + 0.5;
                for (int c = 0; c < w; c++, k += 2) {
                    double x = x0 + c + 0.5;
                    uv[k] = m[0] * x + m[2] * y + m[4];
                    uv[k + 1] = m[1] * x + m[3] * y + m[5];
                }
            }
            return uv;
        }
        if (!interpolated(x0, y0, w, h, uv)) exact(x0, y0, w, h, uv);
        return uv;
    }

    /** Exact source positions of every pixel centre; points the transform cannot map become NaN (outside). */
    private void exact(int x0, int y0, int w, int h, double[] uv) {
        for (int r = 0, k = 0; r < h; r++) {
            for (int c = 0; c < w; c++, k += 2) {
                uv[k] = x0 + c + 0.5;
                uv[k + 1] = y0 + r + 0.5;
            }
        }
        transform(uv, w * h);
    }

    /**
     * Positions interpolated bilinearly between exact ones at every {@value #STEP}th pixel; false (and {@code uv}
     * undefined) when a check point at the centre of a grid cell is off by more than the tolerance or unmappable.
     */
    private boolean interpolated(int x0, int y0, int w, int h, double[] uv) {
        int nx = (w - 1) / STEP + 2, ny = (h - 1) / STEP + 2; // node columns 0, STEP, ..., and the last pixel
        int[] cols = nodes(w, nx), rows = nodes(h, ny);
        double[] grid = new double[2 * nx * ny];
        for (int j = 0, k = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++, k += 2) {
                grid[k] = x0 + cols[i] + 0.5;
                grid[k + 1] = y0 + rows[j] + 0.5;
            }
        }
        transform(grid, nx * ny);
        for (double g : grid) if (Double.isNaN(g)) return false;
        // bilinear in each grid cell: the positions at the row's ends, then a linear step along the row; a cell
        // fills its last row and column only where no later cell starts (the image's own last row and column)
        for (int j = 0; j + 1 < ny; j++) {
            int r0 = rows[j], r1 = rows[j + 1], rowEnd = j + 2 == ny ? r1 : r1 - 1;
            for (int i = 0; i + 1 < nx; i++) {
                int c0 = cols[i], c1 = cols[i + 1], colEnd = i + 2 == nx ? c1 : c1 - 1;
                int n00 = 2 * (j * nx + i), n10 = n00 + 2, n01 = n00 + 2 * nx, n11 = n01 + 2;
                double stepX = c1 == c0 ? 0 : 1.0 / (c1 - c0);
                for (int r = r0; r <= rowEnd; r++) {
                    double fy = r1 == r0 ? 0 : (double) (r - r0) / (r1 - r0);
                    double leftU = (1 - fy) * grid[n00] + fy * grid[n01], rightU = (1 - fy) * grid[n10] + fy * grid[n11];
                    double leftV = (1 - fy) * grid[n00 + 1] + fy * grid[n01 + 1], rightV = (1 - fy) * grid[n10 + 1] + fy * grid[n11 + 1];
                    double du = rightU - leftU, dv = rightV - leftV;
                    for (int c = c0, k = 2 * (r * w + c0); c <= colEnd; c++, k += 2) {
                        double fx = (c - c0) * stepX;
                        uv[k] = leftU + fx * du;
                        uv[k + 1] = leftV + fx * dv;
                    }
                }
            }
        }
        return withinTolerance(x0, y0, w, h, cols, rows, uv);
    }

    private boolean withinTolerance(int x0, int y0, int w, int h, int[] cols, int[] rows, double[] uv) {
        int nx = cols.length - 1, ny = rows.length - 1;
        double[] check = new double[2 * nx * ny];
        int[] index = new int[nx * ny];
        for (int j = 0, n = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++, n++) {
                int c = (cols[i] + cols[i + 1]) / 2, r = (rows[j] + rows[j + 1]) / 2;
                check[2 * n] = x0 + c + 0.5;
                check[2 * n + 1] = y0 + r + 0.5;
                index[n] = r * w + c;
            }
        }
        transform(check, nx * ny);
        for (int n = 0; n < index.length; n++) {
            double du = check[2 * n] - uv[2 * index[n]], dv = check[2 * n + 1] - uv[2 * index[n] + 1];
            if (!(Math.abs(du) <= POSITION_TOLERANCE && Math.abs(dv) <= POSITION_TOLERANCE)) return false;
        }
        return true;
    }

    /** {@code count} node offsets 0, STEP, 2·STEP, ... ending with exactly {@code size - 1}. */
    private static int[] nodes(int size, int count) {
        int[] n = new int[count];
        for (int i = 0; i < count; i++) n[i] = Math.min(i * STEP, size - 1);
        return n;
    }

    /** Transforms target grid points to source grid points in place; points that cannot be mapped become NaN. */
    private void transform(double[] points, int count) {
        double[] in = points.clone();
        try {
            targetToSource.transform(in, 0, points, 0, count);
        } catch (TransformException batchFailed) {
            for (int i = 0; i < count; i++) {
                try {
                    targetToSource.transform(in, 2 * i, points, 2 * i, 1);
                } catch (TransformException e) {
                    points[2 * i] = Double.NaN;
                    points[2 * i + 1] = Double.NaN;
                }
            }
        }
    }

    // ---- source samples --------------------------------------------------------------------------------------------

    /** Source samples over a rectangle of the source image, row-major. */
    private record Window(double[] data, int x, int y, int width, int height) {
        double at(int col, int row) {
            return data[(row - y) * width + (col - x)];
        }
    }

    /** The rectangle of source pixels the positions need, within the source (empty when all fall outside). */
    private Rectangle need(double[] uv) {
        double minU = Double.POSITIVE_INFINITY, minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < uv.length; k += 2) {
            if (Double.isNaN(uv[k]) || Double.isNaN(uv[k + 1])) continue;
            minU = Math.min(minU, uv[k]);
            maxU = Math.max(maxU, uv[k]);
            minV = Math.min(minV, uv[k + 1]);
            maxV = Math.max(maxV, uv[k + 1]);
        }
        if (!(minU <= maxU)) return new Rectangle();
        // one pixel of margin each side covers the bilinear neighbours (and clamping happens inside the source)
        int x = (int) Math.floor(Math.max(minU, -1)) - 1, y = (int) Math.floor(Math.max(minV, -1)) - 1;
        int x1 = (int) Math.floor(Math.min(maxU, sourceWidth + 1)) + 2, y1 = (int) Math.floor(Math.min(maxV, sourceHeight + 1)) + 2;
        Rectangle r = new Rectangle(0, 0, sourceWidth, sourceHeight).intersection(new Rectangle(x, y, x1 - x, y1 - y));
        return r.isEmpty() ? new Rectangle() : r;
    }

    private double[] whole() {
        double[] w = whole;
        if (w == null) {
            synchronized (this) {
                if (whole == null) whole = read(new Rectangle(0, 0, sourceWidth, sourceHeight)).data();
                w = whole;
            }
        }
        return w;
    }

    /** Source samples of a rectangle, nodata replaced by NaN (what the kernels test for). */
    private Window read(Rectangle r) {
        double[] data = Samples.doubles(Blocks.read(source, r), r.x, r.y, r.width, r.height, 0, null);
        if (!Double.isNaN(nodata)) {
            for (int i = 0; i < data.length; i++) if (data[i] == nodata) data[i] = Double.NaN;
        }
        return new Window(data, r.x, r.y, r.width, r.height);
    }

    // ---- kernels ---------------------------------------------------------------------------------------------------

    /** True when the source is small enough to be decoded once and kept whole. */
    private boolean inMemory() {
        return (long) sourceWidth * sourceHeight <= IN_MEMORY_PIXELS;
    }

    /** The value at source position (u, v) by this resampler's kernel. */
    private double sample(Window s, double u, double v) {
        return resampling == Grids.Resampling.NEAREST ? nearest(s, u, v) : bilinear(s, u, v);
    }

    private double nearest(Window s, double u, double v) {
        if (!(u >= 0 && u < sourceWidth && v >= 0 && v < sourceHeight)) return fill;
        int col = (int) u, row = (int) v;
        if (col < s.x || row < s.y || col >= s.x + s.width || row >= s.y + s.height) return fill;
        double value = s.at(col, row);
        return Rasters.isNodata(value, nodata) ? fill : value;
    }

    private double bilinear(Window s, double u, double v) {
        if (!(u >= 0 && u <= sourceWidth && v >= 0 && v <= sourceHeight)) return fill;
        double su = u - 0.5, sv = v - 0.5;
        int left = (int) Math.floor(su), top = (int) Math.floor(sv);
        int c0 = clamp(left, sourceWidth) - s.x, c1 = clamp(left + 1, sourceWidth) - s.x;
        int r0 = (clamp(top, sourceHeight) - s.y) * s.width, r1 = (clamp(top + 1, sourceHeight) - s.y) * s.width;
        double[] d = s.data;
        return blend(d[r0 + c0], d[r0 + c1], d[r1 + c0], d[r1 + c1], su - left, sv - top);
    }

    /**
     * Bilinear blend of the four neighbours (upper-left, upper-right, lower-left, lower-right) at fractions fx, fy:
     * nodata when the neighbour containing the point is nodata, else nodata neighbours drop out and the remaining
     * weights are renormalised. Source samples hold NaN for nodata (see {@link #read}), so a finite blend of all four
     * means all four are valid; only the rest take the slow path, which gives the same value for the same inputs.
     */
    private double blend(double z00, double z10, double z01, double z11, double fx, double fy) {
        double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        double value = (w00 * z00 + w10 * z10 + w01 * z01 + w11 * z11) / (w00 + w10 + w01 + w11);
        return value == value ? value : blendWithNodata(z00, z10, z01, z11, fx, fy);
    }

    private double blendWithNodata(double z00, double z10, double z01, double z11, double fx, double fy) {
        double containing = fy < 0.5 ? (fx < 0.5 ? z00 : z10) : (fx < 0.5 ? z01 : z11);
        if (Rasters.isNodata(containing, nodata)) return fill;
        double sum = 0, weight = 0, w;
        if ((w = (1 - fx) * (1 - fy)) > 0 && !Rasters.isNodata(z00, nodata)) { sum += w * z00; weight += w; }
        if ((w = fx * (1 - fy)) > 0 && !Rasters.isNodata(z10, nodata)) { sum += w * z10; weight += w; }
        if ((w = (1 - fx) * fy) > 0 && !Rasters.isNodata(z01, nodata)) { sum += w * z01; weight += w; }
        if ((w = fx * fy) > 0 && !Rasters.isNodata(z11, nodata)) { sum += w * z11; weight += w; }
        return weight == 0 ? fill : sum / weight;
    }

    private static int clamp(int i, int size) {
        return i < 0 ? 0 : i >= size ? size - 1 : i;
    }
}
