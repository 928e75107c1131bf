package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;

/**
 * A single-band image whose tiles are computed on demand and never cached. Writing it to a tiled GeoTIFF therefore
 * holds only the tiles in flight, whatever the image size.
 */
public final class ComputedImage extends PlanarImage {

    /** Fills {@code target}, whose bounds are the tile's bounds in image coordinates (clipped to the image). */
    @FunctionalInterface
    public interface TileComputer {
        void compute(WritableRaster target);
    }

    private final TileComputer computer;

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
