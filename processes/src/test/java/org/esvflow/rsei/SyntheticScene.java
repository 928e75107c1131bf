package org.esvflow.rsei;

import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;

/**
 * A Landsat-8-like test scene, computed on the fly: forested mountains on the left, a city on the right that grows
 * westwards by {@code 8·epoch} columns, a lake in the top rows and scattered nodata pixels. Pixel values are a
 * deterministic function of (column, row, epoch) with a small hash noise, so any size costs no memory.
 */
public final class SyntheticScene {
    static final double ORIGIN_X = 500_000, ORIGIN_Y = 4_400_000, PIXEL = 30;
    static final double NODATA = -9999;
    public static final String[] BANDS = {"blue", "green", "red", "nir", "swir1", "swir2", "lst"};
    // surface reflectance (blue, green, red, NIR, SWIR1, SWIR2) and LST in kelvin of each cover
    static final double[] FOREST = {0.030, 0.060, 0.040, 0.350, 0.150, 0.070, 294.0};
    static final double[] CITY = {0.100, 0.120, 0.140, 0.200, 0.250, 0.220, 310.0};
    static final double[] WATER = {0.050, 0.080, 0.050, 0.030, 0.020, 0.010, 290.0};
    static final int LAKE_ROWS = 3;

    final int width, height, epoch;
    final GridGeometry2D grid;

    public SyntheticScene(int width, int height, int epoch) {
        this.width = width;
        this.height = height;
        this.epoch = epoch;
        try {
            this.grid = Rasters.grid(width, height, ORIGIN_X, ORIGIN_Y, PIXEL, CRS.decode("EPSG:32650", true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** First city column of this epoch. */
    int cityStart() {
        return width / 2 - 8 * epoch;
    }

    boolean isNodata(int x, int y) {
        return (x * 7 + y * 3) % 53 == 0;
    }

    boolean isWater(int x, int y) {
        return y < LAKE_ROWS;
    }

    /** Physical value of band b at (x, y): reflectance, or LST in kelvin; NaN where nodata. */
    double value(int b, int x, int y) {
        if (isNodata(x, y)) return Double.NaN;
        double[] cover = isWater(x, y) ? WATER : x >= cityStart() ? CITY : FOREST;
        double noise = noise(b, x, y); // in [−1, 1)
        return cover[b] + (b == 6 ? 1.5 * noise : 0.012 * noise);
    }

    private double noise(int b, int x, int y) {
        long h = x * 73_856_093L ^ y * 19_349_663L ^ (b + 1) * 83_492_791L ^ epoch * 2_654_435_761L;
        h ^= h >>> 13;
        h *= 0x5bd1e995L;
        h ^= h >>> 15;
        return ((h & 0xFFFFFF) / (double) 0x1000000) * 2 - 1;
    }

    /** The seven bands as float32 physical values with nodata −9999 (scaling NONE). */
    public List<GridCoverage2D> physicalBands() {
        return physicalBands(new AtomicInteger());
    }

    /** {@link #physicalBands()} counting in {@code tiles} every tile computed, as a decoder would count tiles decoded. */
    List<GridCoverage2D> physicalBands(AtomicInteger tiles) {
        List<GridCoverage2D> bands = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            int band = b;
            ComputedImage image = new ComputedImage(width, height, 256, DataBuffer.TYPE_FLOAT, t -> {
                tiles.incrementAndGet();
                for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                    for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) {
                        double v = value(band, x, y);
                        t.setSample(x, y, 0, Double.isNaN(v) ? NODATA : v);
                    }
            });
            bands.add(Rasters.coverage(BANDS[b], image, grid, NODATA));
        }
        return bands;
    }

    /** The seven bands as Collection-2 Level-2 unsigned 16-bit DN with nodata 0. */
    public List<GridCoverage2D> collection2Bands() {
        List<GridCoverage2D> bands = new ArrayList<>();
        for (int b = 0; b < BANDS.length; b++) {
            int band = b;
            ComputedImage image = new ComputedImage(width, height, 256, DataBuffer.TYPE_USHORT, t -> {
                for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                    for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, dn(band, x, y));
            });
            bands.add(Rasters.coverage(BANDS[b], image, grid, 0));
        }
        return bands;
    }

    /** Collection-2 DN of band b at (x, y), 0 where nodata. */
    int dn(int b, int x, int y) {
        double v = value(b, x, y);
        if (Double.isNaN(v)) return 0;
        return (int) Math.round(b == 6 ? (v - Scaling.ST_OFFSET) / Scaling.ST_SCALE : (v - Scaling.SR_OFFSET) / Scaling.SR_SCALE);
    }
}
