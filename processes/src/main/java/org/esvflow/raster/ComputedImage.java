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
 * An image (one band unless told otherwise) whose tiles are computed on demand. Only the most recently used row of
 * tiles is kept (consumers such as the TIFF writer read a tile line by line), so writing it to a tiled GeoTIFF holds
 * about one row of tiles whatever the image size.
 */
public final class ComputedImage extends PlanarImage {

    /** Fills {@code target}, whose bounds are the tile's bounds in image coordinates (clipped to the image). */
    @FunctionalInterface
    public interface TileComputer {
        void compute(WritableRaster target);
    }

    private final TileComputer computer;
    private final Map<Long, Raster> recent;

    public ComputedImage(int width, int height, int tileSize, int dataType, TileComputer computer) {
        this(width, height, tileSize, dataType, 1, computer);
    }

    /** An image of {@code bands} bands; {@code computer} fills every band of the tile. */
    public ComputedImage(int width, int height, int tileSize, int dataType, int bands, TileComputer computer) {
        super(layout(width, height, tileSize, dataType, bands), null, null);
        this.computer = computer;
        int capacity = (width + tileSize - 1) / tileSize + 1;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Raster> eldest) {
                return size() > capacity;
            }
        };
    }

    private static ImageLayout layout(int width, int height, int tileSize, int dataType, int bands) {
        SampleModel sm = RasterFactory.createBandedSampleModel(dataType, tileSize, tileSize, bands);
        ColorModel cm = PlanarImage.createColorModel(sm);
        return new ImageLayout(0, 0, width, height, 0, 0, tileSize, tileSize, sm, cm);
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
        long key = ((long) tileY << 32) | (tileX & 0xffffffffL);
        synchronized (recent) {
            Raster cached = recent.get(key);
            if (cached != null) return cached;
        }
        Raster tile = compute(tileX, tileY);
        synchronized (recent) {
            recent.put(key, tile);
        }
        return tile;
    }

    private Raster compute(int tileX, int tileY) {
        Rectangle bounds = new Rectangle(tileXToX(tileX), tileYToY(tileY), getTileWidth(), getTileHeight())
                .intersection(getBounds());
        SampleModel sm = getSampleModel().createCompatibleSampleModel(bounds.width, bounds.height);
        WritableRaster raster = Raster.createWritableRaster(sm, new Point(bounds.x, bounds.y));
        computer.compute(raster);
        return raster;
    }
}
