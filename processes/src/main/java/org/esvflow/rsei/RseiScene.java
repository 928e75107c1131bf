package org.esvflow.rsei;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * The seven input bands of one RSEI epoch (blue, green, red, NIR, SWIR1, SWIR2, LST, in this order) with the rules
 * that decide, pixel by pixel, whether a pixel enters the index: every band has data, it is not water
 * (MNDWI above the threshold, when masking) and all four indicators are finite.
 */
final class RseiScene {
    static final int BANDS = 7;
    static final byte VALID = 0, NODATA = 1, WATER = 2;

    final List<GridCoverage2D> bands;
    private final double[] nodata = new double[BANDS];
    private final Sensor sensor;
    private final Scaling scaling;
    private final boolean maskWater;
    private final double waterThreshold;

    RseiScene(List<GridCoverage2D> bands, Sensor sensor, Scaling scaling, boolean maskWater, double waterThreshold) {
        this.bands = List.copyOf(bands);
        for (int b = 0; b < BANDS; b++) nodata[b] = Rasters.nodata(bands.get(b));
        this.sensor = sensor;
        this.scaling = scaling;
        this.maskWater = maskWater;
        this.waterThreshold = waterThreshold;
    }

    private RseiScene(RseiScene rules, List<GridCoverage2D> sameBands) {
        this.bands = List.copyOf(sameBands);
        System.arraycopy(rules.nodata, 0, nodata, 0, BANDS);
        this.sensor = rules.sensor;
        this.scaling = rules.scaling;
        this.maskWater = rules.maskWater;
        this.waterThreshold = rules.waterThreshold;
    }

    /** The same scene read from other sources of the same samples (views of a cache), with the same rules and nodata. */
    RseiScene readingFrom(List<GridCoverage2D> sameBands) {
        if (sameBands.size() != BANDS) throw new IllegalArgumentException(sameBands.size() + " bands");
        return new RseiScene(this, sameBands);
    }

    /** Working arrays for one block; one instance per thread. */
    final class Block {
        final double[][] band = new double[BANDS][];
        /** indicators[i][k]: indicator i of pixel k (row-major within the block); meaningful where VALID. */
        final double[][] indicators = new double[Indicators.COUNT][];
        byte[] status;
        int size;
        private final double[] pixel = new double[Indicators.COUNT];

        /** Reads and evaluates the block; {@code rasters[0..6]} are the bands over {@code bounds}. */
        int evaluate(Raster[] rasters, Rectangle bounds) {
            size = bounds.width * bounds.height;
            if (status == null || status.length < size) {
                for (int b = 0; b < BANDS; b++) band[b] = new double[size];
                for (int i = 0; i < Indicators.COUNT; i++) indicators[i] = new double[size];
                status = new byte[size];
            }
            for (int b = 0; b < BANDS; b++) {
                Samples.doubles(rasters[b], bounds.x, bounds.y, bounds.width, bounds.height, 0, band[b]);
            }
            int valid = 0;
            for (int k = 0; k < size; k++) {
                status[k] = evaluate(k);
                if (status[k] == VALID) valid++;
            }
            return valid;
        }

        private byte evaluate(int k) {
            for (int b = 0; b < BANDS; b++) {
                if (Rasters.isNodata(band[b][k], nodata[b])) return NODATA;
            }
            double blue = scaling.reflectance(band[0][k]), green = scaling.reflectance(band[1][k]);
            double red = scaling.reflectance(band[2][k]), nir = scaling.reflectance(band[3][k]);
            double swir1 = scaling.reflectance(band[4][k]), swir2 = scaling.reflectance(band[5][k]);
            double lst = scaling.temperature(band[6][k]);
            if (maskWater) {
                double mndwi = Indicators.mndwi(green, swir1);
                if (mndwi > waterThreshold) return WATER;
            }
            if (!Indicators.compute(sensor, blue, green, red, nir, swir1, swir2, lst, pixel)) return NODATA;
            for (int i = 0; i < Indicators.COUNT; i++) indicators[i][k] = pixel[i];
            return VALID;
        }
    }

    Block block() {
        return new Block();
    }

    /**
     * Runs {@code work} with a block from this scene's pool (working arrays of about 6 MB, reused from tile to tile
     * when writing rasters instead of allocated per tile); the pool goes with the scene.
     */
    void withBlock(Consumer<Block> work) {
        Block block = spare.poll();
        if (block == null) block = new Block();
        try {
            work.accept(block);
        } finally {
            spare.add(block);
        }
    }

    private final ConcurrentLinkedQueue<Block> spare = new ConcurrentLinkedQueue<>();
}
