package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;

/**
 * A single-band image whose tiles are computed on demand. Asking for a tile computes its whole row of tiles in
 * parallel (writers go row by row), and only the latest rows are kept: memory stays bounded by two tile rows
 * whatever the image size.
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
        int keep = 2 * getNumXTiles();
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
        Raster[] row = new Raster[getNumXTiles()];
        IntStream.range(0, row.length).parallel().forEach(i -> row[i] = compute(getMinTileX() + i, tileY));
        synchronized (recent) {
            for (int i = 0; i < row.length; i++) {
                recent.put(((long) tileY << 32) | ((getMinTileX() + i) & 0xffffffffL), row[i]);
            }
        }
        return row[tileX - getMinTileX()];
    }

    /** Tiles are full size (JAI operations expect that); the computer sees only the part inside the image. */
    private Raster compute(int tileX, int tileY) {
        WritableRaster tile = Raster.createWritableRaster(getSampleModel(), new Point(tileXToX(tileX), tileYToY(tileY)));
        Rectangle inside = tile.getBounds().intersection(getBounds());
        computer.compute(tile.createWritableChild(inside.x, inside.y, inside.width, inside.height, inside.x, inside.y, null));
        return tile;
    }
}
