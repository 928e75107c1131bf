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

/**
 * An image (one band unless told otherwise) whose tiles are computed on demand. Asking for a tile computes its whole
 * row of tiles in parallel (writers go row by row, and read each tile line by line), and only the latest rows are
 * kept (two, or as many as a parallel reduction visits at once): memory stays bounded by a few tile rows whatever
 * the image size.
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
        // two rows for a sequential reader, or as many as Blocks.reduce visits at once
        int keep = Math.max(2, Blocks.ROWS_IN_FLIGHT) * getNumXTiles();
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Raster> eldest) {
                return size() > keep;
            }
        };
    }

    private static ImageLayout layout(int width, int height, int tileSize, int dataType, int bands) {
        SampleModel sm = new BulkBandedSampleModel(dataType, tileSize, tileSize, bands); // bulk reads for the TIFF writer
        ColorModel cm = PlanarImage.createColorModel(sm);
        if (cm == null) cm = new ComponentColorModel(new NeutralColorSpace(bands), false, false, Transparency.OPAQUE, dataType);
        return new ImageLayout(0, 0, width, height, 0, 0, tileSize, tileSize, sm, cm);
    }

    @Override
    public Raster getTile(int tileX, int tileY) {
        synchronized (recent) {
            Raster cached = recent.get(key(tileX, tileY));
            if (cached != null) return cached;
        }
        Raster[] row = new Raster[getNumXTiles()];
        Parallel.forEach(row.length, i -> row[i] = compute(getMinTileX() + i, tileY));
        synchronized (recent) {
            for (int i = 0; i < row.length; i++) recent.put(key(getMinTileX() + i, tileY), row[i]);
        }
        return row[tileX - getMinTileX()];
    }

    private static long key(int tileX, int tileY) {
        return ((long) tileY << 32) | (tileX & 0xffffffffL);
    }

    /** Tiles are full size (JAI operations expect that); the computer sees only the part inside the image. */
    private Raster compute(int tileX, int tileY) {
        WritableRaster tile = Raster.createWritableRaster(getSampleModel(), new Point(tileXToX(tileX), tileYToY(tileY)));
        Rectangle inside = tile.getBounds().intersection(getBounds());
        computer.compute(tile.createWritableChild(inside.x, inside.y, inside.width, inside.height, inside.x, inside.y, null));
        return tile;
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
