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
 * A single-band image whose tiles are computed on demand. Only the {@value #RECENT_TILES} most recently used tiles are
 * kept: GeoTools' GeoTIFF writer asks each tile once per row, so without them every tile would be computed 257 times,
 * and with them memory stays a few tiles whatever the image size.
 */
public final class ComputedImage extends PlanarImage {

    /** Fills {@code target}, whose bounds are the tile's bounds in image coordinates (clipped to the image). */
    @FunctionalInterface
    public interface TileComputer {
        void compute(WritableRaster target);
    }

    static final int RECENT_TILES = 16;
    private final TileComputer computer;
    private final Map<Long, Raster> recent = new LinkedHashMap<>(RECENT_TILES * 2, 0.75f, true) {
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

    @Override
    public Raster getTile(int tileX, int tileY) {
        Long key = ((long) tileY << 32) | (tileX & 0xFFFFFFFFL);
        synchronized (recent) {
            Raster hit = recent.get(key);
            if (hit != null) return hit;
        }
        Raster tile = compute(tileX, tileY);
        synchronized (recent) {
            recent.put(key, tile);
        }
        return tile;
    }

    private Raster compute(int tileX, int tileY) {
        // tiles are full-size, as JAI's getData() across several tiles assumes; only the part inside the image is
        // handed to the computer
        Rectangle tile = new Rectangle(tileXToX(tileX), tileYToY(tileY), getTileWidth(), getTileHeight());
        Rectangle bounds = tile.intersection(getBounds());
        WritableRaster raster = Raster.createWritableRaster(getSampleModel(), new Point(tile.x, tile.y));
        computer.compute(bounds.equals(tile) ? raster
                : raster.createWritableChild(bounds.x, bounds.y, bounds.width, bounds.height, bounds.x, bounds.y, null));
        return raster;
    }
}
