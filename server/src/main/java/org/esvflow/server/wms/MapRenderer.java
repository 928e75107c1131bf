package org.esvflow.server.wms;

import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import org.esvflow.raster.Rasters;
import org.esvflow.style.ColorMap;
import org.esvflow.server.catalog.Granule;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;

/**
 * Paints one raster layer onto a map image by inverse mapping: for every output pixel centre, the map coordinate is
 * transformed into the layer's CRS and the nearest source pixel is looked up, then coloured by the style's colour
 * map. The source is the window under the map of the overview level closest to (not coarser than) the map's
 * resolution, so the work is proportional to the map size, not to the layer size.
 */
final class MapRenderer {
    private MapRenderer() {}

    /** Painting passed its deadline. */
    static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded() {
            super("render deadline exceeded", null, false, false);
        }
    }

    /**
     * Paints {@code granule} onto {@code target} (ARGB) covering {@code map} (longitude/easting first).
     * Pixels with nodata or values the colour map does not paint are left untouched.
     */
    static void paint(BufferedImage target, ReferencedEnvelope map, Granule granule, ColorMap colors, long deadline)
            throws IOException, TransformException {
        if (System.nanoTime() - deadline > 0) throw new DeadlineExceeded();
        int width = target.getWidth();
        int height = target.getHeight();
        GridCoverage2D full = granule.coverage();
        ReferencedEnvelope nativeBounds = new ReferencedEnvelope(full.getEnvelope2D());
        MathTransform toNative;
        ReferencedEnvelope mapInNative;
        try {
            toNative = CRS.findMathTransform(map.getCoordinateReferenceSystem(), nativeBounds.getCoordinateReferenceSystem(), true);
            mapInNative = toNative.isIdentity() ? new ReferencedEnvelope(map, nativeBounds.getCoordinateReferenceSystem())
                    : map.transform(nativeBounds.getCoordinateReferenceSystem(), true, 10);
        } catch (Exception e) {
            throw new TransformException("cannot reproject the map to the layer's CRS", e);
        }
        ReferencedEnvelope area = new ReferencedEnvelope(mapInNative.intersection(nativeBounds), nativeBounds.getCoordinateReferenceSystem());
        if (area.isEmpty() || area.getWidth() <= 0 || area.getHeight() <= 0) return;
        int readWidth = (int) Math.ceil(width * area.getWidth() / mapInNative.getWidth());
        int readHeight = (int) Math.ceil(height * area.getHeight() / mapInNative.getHeight());
        Granule.MapSource source = granule.readForMap(area, Math.max(1, readWidth), Math.max(1, readHeight));
        if (source == null) return;
        double nodata = Rasters.nodata(full);
        AffineTransform worldToGrid;
        try {
            worldToGrid = source.gridToWorld().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new TransformException("singular grid", e);
        }
        Raster data = source.data();
        Rectangle bounds = data.getBounds();
        double dx = map.getWidth() / width;
        double dy = map.getHeight() / height;
        double[] row = new double[2 * width];
        int[] argb = new int[width];
        for (int j = 0; j < height; j++) {
            if ((j & 15) == 0 && System.nanoTime() - deadline > 0) throw new DeadlineExceeded();
            double y = map.getMaxY() - (j + 0.5) * dy;
            for (int i = 0; i < width; i++) {
                row[2 * i] = map.getMinX() + (i + 0.5) * dx;
                row[2 * i + 1] = y;
            }
            if (!toNative.isIdentity()) {
                try {
                    toNative.transform(row, 0, row, 0, width);
                } catch (TransformException e) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
            }
            worldToGrid.transform(row, 0, row, 0, width);
            target.getRGB(0, j, width, 1, argb, 0, width);
            boolean changed = false;
            for (int i = 0; i < width; i++) {
                double px = row[2 * i];
                double py = row[2 * i + 1];
                if (!(px >= bounds.x && py >= bounds.y && px < bounds.x + bounds.width && py < bounds.y + bounds.height)) continue;
                double v = data.getSampleDouble((int) px, (int) py, 0);
                int c = colors.argb(v, nodata);
                if (c == 0) continue;
                argb[i] = over(c, argb[i]);
                changed = true;
            }
            if (changed) target.setRGB(0, j, width, 1, argb, 0, width);
        }
    }

    /** Porter-Duff "source over" of two non-premultiplied ARGB colours. */
    static int over(int src, int dst) {
        int sa = src >>> 24;
        if (sa == 255) return src;
        int da = dst >>> 24;
        double a = sa / 255.0;
        double b = da / 255.0 * (1 - a);
        double outA = a + b;
        if (outA <= 0) return 0;
        int out = (int) Math.round(outA * 255) << 24;
        for (int shift = 0; shift <= 16; shift += 8) {
            double s = (src >>> shift) & 0xFF;
            double d = (dst >>> shift) & 0xFF;
            out |= ((int) Math.round((s * a + d * b) / outA) & 0xFF) << shift;
        }
        return out;
    }
}
