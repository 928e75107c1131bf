package org.esvflow.figure;

import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Rasters;
import org.esvflow.style.ColorMap;
import org.geotools.api.geometry.Bounds;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Colours one raster into a panel image: each panel pixel takes the source pixel under its centre (nearest
 * neighbour), coloured by the style's colour map; nodata, NaN, unpainted values and pixels outside the raster stay
 * transparent. Streams the source block by block ({@link Blocks}), so any raster size fits in bounded memory.
 */
public final class PanelRaster {
    private PanelRaster() {}

    /**
     * @param extent the map extent shown (minX, minY, maxX, maxY in the raster's CRS)
     * @param width panel width in pixels
     * @param height panel height in pixels
     */
    public static BufferedImage render(GridCoverage2D coverage, ColorMap colors, double[] extent, int width, int height,
            ProgressListener monitor, float from, float to) {
        AffineTransform g2w = (AffineTransform) coverage.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        if (g2w.getShearX() != 0 || g2w.getShearY() != 0) {
            throw new IllegalArgumentException(coverage.getName() + ": rotated grids cannot be drawn");
        }
        double sx = g2w.getScaleX(), sy = g2w.getScaleY(), tx = g2w.getTranslateX(), ty = g2w.getTranslateY();
        int srcW = coverage.getRenderedImage().getWidth(), srcH = coverage.getRenderedImage().getHeight();
        // source column of each panel column, source row of each panel row (−1: outside the raster)
        int[] colOf = new int[width], rowOf = new int[height];
        for (int i = 0; i < width; i++) {
            double x = extent[0] + (i + 0.5) * (extent[2] - extent[0]) / width;
            double c = Math.floor((x - tx) / sx);
            colOf[i] = c >= 0 && c < srcW ? (int) c : -1;
        }
        for (int j = 0; j < height; j++) {
            double y = extent[3] - (j + 0.5) * (extent[3] - extent[1]) / height;
            double r = Math.floor((y - ty) / sy);
            rowOf[j] = r >= 0 && r < srcH ? (int) r : -1;
        }
        double nodata = Rasters.nodata(coverage);
        int[] argb = new int[width * height];
        Blocks.forEach(List.of(coverage), monitor, from, to, (bounds, rasters) -> {
            Raster block = rasters[0];
            for (int j = 0; j < height; j++) {
                int r = rowOf[j];
                if (r < bounds.y || r >= bounds.y + bounds.height) continue;
                for (int i = 0; i < width; i++) {
                    int c = colOf[i];
                    if (c < bounds.x || c >= bounds.x + bounds.width) continue;
                    argb[j * width + i] = colors.argb(block.getSampleDouble(c, r, 0), nodata);
                }
            }
        });
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }

    /** Envelope of a coverage as minX, minY, maxX, maxY. */
    static double[] extent(GridCoverage2D coverage) {
        Bounds e = coverage.getEnvelope();
        return new double[] {e.getMinimum(0), e.getMinimum(1), e.getMaximum(0), e.getMaximum(1)};
    }
}
