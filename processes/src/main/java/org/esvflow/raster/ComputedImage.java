package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;

/**
 * A single-band image whose tiles are computed on demand; only the {@value #RECENT_TILES} most recently used tiles
 * are kept, because the GeoTIFF writer reads each tile row by row (without them every tile would be computed once
 * per row). Writing it to a tiled GeoTIFF therefore holds only a few tiles, whatever the image size.
 */
public final class ComputedImage extends PlanarImage {

    /** Fills {@code target}, whose bounds are the tile's bounds in image coordinates (clipped to the image). */
    @FunctionalInterface
    public interface TileComputer {
        void compute(WritableRaster target);
    }

    static final int RECENT_TILES = 4;
    private final TileComputer computer;
    private final Map<Long, Raster> recent = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Raster> eldest) {
            return size() > RECENT_TILES;
        }
    };

    public ComputedImage(int width, int height, int tileSize, int dataType, TileComputer computer) {
        super(layout(width, height, tileSize, dataType), null, null);
        this.computer = computer;
    }

    private static ImageLayout layout(int width, int height, int tileSize, int dataType) {
        SampleModel sm = RasterFactory.createBandedSampleModel(dataType, tileSize, tileSize, 1);
        ColorModel cm = PlanarImage.createColorModel(sm);
        return new ImageLayout(0, 0, width, height, 0, 0, tileSize, tileSize, sm, cm);
    }

    /**
     * A full tile-size raster, as JAI expects of every tile (its cobbling of whole-image {@code getData()} indexes
     * tiles with the image's sample model); the computer fills only the part inside the image.
     */
    @Override
    public Raster getTile(int tileX, int tileY) {
        long key = ((long) tileX << 32) | (tileY & 0xFFFFFFFFL);
        synchronized (recent) {
            Raster kept = recent.get(key);
            if (kept != null) return kept;
        }
        Rectangle tile = new Rectangle(tileXToX(tileX), tileYToY(tileY), getTileWidth(), getTileHeight());
        Rectangle bounds = tile.intersection(getBounds());
        WritableRaster raster = Raster.createWritableRaster(getSampleModel(), new Point(tile.x, tile.y));
        WritableRaster inside = bounds.equals(tile) ? raster
                : raster.createWritableChild(bounds.x, bounds.y, bounds.width, bounds.height, bounds.x, bounds.y, null);
        computer.compute(inside);
        synchronized (recent) {
            recent.put(key, raster);
        }
        return raster;
    }
}
