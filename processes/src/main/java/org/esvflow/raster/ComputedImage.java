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
 * A single-band image whose tiles are computed on demand. Only the most recently computed tiles are kept (about one
 * row of tiles), because writers often ask for a tile several times in smaller pieces; memory therefore stays
 * bounded by one tile row whatever the image size.
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
        super(layout(width, height, tileSize, dataType), null, null);
        this.computer = computer;
        int keep = getNumXTiles() + 1;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Raster> eldest) {
                return size() > keep;
            }
        };
    }

    private static ImageLayout layout(int width, int height, int tileSize, int dataType) {
        SampleModel sm = RasterFactory.createBandedSampleModel(dataType, tileSize, tileSize, 1);
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
        Raster computed = compute(tileX, tileY);
        synchronized (recent) {
            recent.put(key, computed);
        }
        return computed;
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
