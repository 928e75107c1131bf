package org.esvflow.raster;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.media.jai.ImageLayout;
import javax.media.jai.PlanarImage;
import javax.media.jai.RasterFactory;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridCoverageFactory;

/**
 * Views of aligned single-band coverages that decode every block of their inputs once: the first read of a block
 * decodes it from the input and stores it in a {@link RawBlockCache}, later reads (later passes, lazily computed
 * outputs) read it back from there. Samples are the input's exactly, as float32 (see
 * {@link RawBlockCache#storesExactly}). A view reads its blocks from the input again if the cache stops taking
 * writes, so a full disk costs time, not a failure.
 *
 * <p>Each view keeps its input's grid geometry and properties (nodata among them) and has {@link Blocks#BLOCK} tiles,
 * so {@link Blocks} streams it one tile per block. The views reference the cache: it lives as long as they do.
 */
public final class CachedCoverages {
    private CachedCoverages() {}

    /** True when every input has one band of a type the cache stores exactly. */
    public static boolean cacheable(List<GridCoverage2D> inputs) {
        for (GridCoverage2D input : inputs) {
            SampleModel sm = input.getRenderedImage().getSampleModel();
            if (sm.getNumBands() != 1 || !RawBlockCache.storesExactly(sm.getDataType())) return false;
        }
        return true;
    }

    /**
     * True when decoding some input costs more than a copy: it is computed, or read from a file smaller than
     * {@value #COMPRESSED_BELOW} of its raw samples (deflated or LZW tiles). Files of stored or uncompressed tiles
     * (see {@link ParallelDeflate}) decode at the speed of a copy, so caching them would only add disk traffic.
     */
    public static boolean worthCaching(List<GridCoverage2D> inputs) {
        for (GridCoverage2D input : inputs) {
            if (!(input.getProperty(GeoTiffs.SOURCE_FILE) instanceof java.io.File file) || !file.isFile()) return true;
            RenderedImage image = input.getRenderedImage();
            if (file.length() < COMPRESSED_BELOW * GeoTiffs.uncompressedBytes(image)) return true;
        }
        return false;
    }

    /** File size over raw sample size under which a band counts as compressed. */
    static final double COMPRESSED_BELOW = 0.9;

    /** Views of {@code inputs} (same grid, one band each) whose band {@code i} is band {@code i} of {@code cache}. */
    public static List<GridCoverage2D> of(List<GridCoverage2D> inputs, RawBlockCache cache) {
        if (inputs.size() != cache.bands()) throw new IllegalArgumentException(inputs.size() + " inputs for " + cache.bands() + " bands");
        if (!cacheable(inputs)) throw new IllegalArgumentException("inputs must have one band of byte, short, ushort or float");
        List<GridCoverage2D> views = new ArrayList<>();
        GridCoverageFactory factory = new GridCoverageFactory();
        for (int b = 0; b < inputs.size(); b++) {
            GridCoverage2D input = inputs.get(b);
            Map<Object, Object> properties = new HashMap<>(input.getProperties() == null ? Map.of() : input.getProperties());
            properties.remove(GeoTiffs.SOURCE_FILE); // a view is not a byte copy of the file
            views.add(factory.create(input.getName().toString(), new View(input.getRenderedImage(), cache, b),
                    input.getGridGeometry(), null, null, properties));
        }
        return views;
    }

    /** One band of the cache as a float image on the input's bounds, tiles = blocks. */
    private static final class View extends PlanarImage {
        private final RenderedImage source;
        private final RawBlockCache cache;
        private final int band;

        View(RenderedImage source, RawBlockCache cache, int band) {
            super(layout(source), null, null);
            this.source = source;
            this.cache = cache;
            this.band = band;
        }

        private static ImageLayout layout(RenderedImage source) {
            int b = Blocks.BLOCK;
            SampleModel sm = RasterFactory.createBandedSampleModel(DataBuffer.TYPE_FLOAT, b, b, 1);
            ColorModel cm = PlanarImage.createColorModel(sm);
            return new ImageLayout(source.getMinX(), source.getMinY(), source.getWidth(), source.getHeight(),
                    source.getMinX(), source.getMinY(), b, b, sm, cm);
        }

        @Override
        public Raster getTile(int tileX, int tileY) {
            int x = (tileX - getMinTileX()) * Blocks.BLOCK, y = (tileY - getMinTileY()) * Blocks.BLOCK;
            // the block in image coordinates (origin 0, as the cache and Blocks count)
            Rectangle bounds = new Rectangle(x, y, Math.min(Blocks.BLOCK, getWidth() - x), Math.min(Blocks.BLOCK, getHeight() - y));
            WritableRaster block = cache.holds(bounds, band) ? cache.read(bounds, band) : decode(bounds);
            if (bounds.width == Blocks.BLOCK && bounds.height == Blocks.BLOCK) {
                return getMinX() == 0 && getMinY() == 0 ? block : block.createTranslatedChild(x + getMinX(), y + getMinY());
            }
            // edge blocks: JAI expects every tile at the full tile size
            WritableRaster full = Raster.createWritableRaster(getSampleModel(), new Point(x + getMinX(), y + getMinY()));
            full.setRect(getMinX(), getMinY(), block);
            return full;
        }

        private WritableRaster decode(Rectangle bounds) {
            Raster decoded = Blocks.read(source, bounds);
            float[] samples = Samples.floats(decoded, bounds.x, bounds.y, bounds.width, bounds.height, 0, null);
            cache.offer(bounds, band, samples);
            return RawBlockCache.raster(bounds, samples);
        }
    }
}
