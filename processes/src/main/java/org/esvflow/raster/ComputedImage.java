package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
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
        if (cm == null) cm = new ComponentColorModel(new NeutralColorSpace(bands), false, false, Transparency.OPAQUE, dataType);
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

    /** A colour space of n anonymous components, for multi-band data images that JAI gives no colour model. */
    private static final class NeutralColorSpace extends ColorSpace {
        private static final long serialVersionUID = 1L;

        NeutralColorSpace(int components) {
            super(components == 1 ? ColorSpace.TYPE_GRAY : ColorSpace.TYPE_2CLR + Math.min(components, 15) - 2, components);
        }

        @Override
        public float[] toRGB(float[] value) {
            return new float[] {value[0], value[0], value[0]};
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            float[] v = new float[getNumComponents()];
            java.util.Arrays.fill(v, rgb[0]);
            return v;
        }

        @Override
        public float[] toCIEXYZ(float[] value) {
            return toRGB(value);
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return fromRGB(xyz);
        }

        @Override
        public float getMinValue(int component) {
            return -Float.MAX_VALUE;
        }

        @Override
        public float getMaxValue(int component) {
            return Float.MAX_VALUE;
        }
    }
}
