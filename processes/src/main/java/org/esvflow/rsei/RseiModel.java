package org.esvflow.rsei;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.Arrays;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * What the statistics passes learn about one epoch: the normalisation bounds of each indicator, the principal
 * components of the normalised indicators and the range of PC1. With these constants RSEI is a pure per-pixel
 * function, so the output rasters can be computed tile by tile.
 */
final class RseiModel {
    private final long valid;
    private final double[] min, max; // raw extremes over the valid pixels
    private final double[] lower, upper; // normalisation bounds (equal to min, max without clipping)
    private final double clipFraction;
    private final Pca pca;
    private final double[] pc1; // PC1 loadings
    private final double pc1Min, pc1Max;

    private RseiModel(long valid, double[] min, double[] max, double[] lower, double[] upper, double clipFraction,
                      Pca pca, double pc1Min, double pc1Max) {
        this.valid = valid;
        this.min = min;
        this.max = max;
        this.lower = lower;
        this.upper = upper;
        this.clipFraction = clipFraction;
        this.pca = pca;
        this.pc1 = pca.component(0);
        this.pc1Min = pc1Min;
        this.pc1Max = pc1Max;
    }

    /**
     * Runs the statistics passes.
     *
     * @param clipFraction fraction of valid pixels clipped at each tail before normalisation (0 = none)
     */
    static RseiModel fit(RseiScene scene, double clipFraction, ProgressListener monitor) {
        int d = Indicators.COUNT;
        RawPass first = Blocks.reduce(scene.bands, monitor, 0f, 30f, () -> new RawPass(scene, d), RawPass::visit, RawPass::merge);
        double[] min = first.min, max = first.max;
        Moments raw = first.moments;
        long valid = raw.count();
        if (valid < 2) {
            throw new InvalidInputException("blue", "fewer than two valid pixels (no data, water or undefined "
                    + "indicators everywhere): " + valid);
        }
        double[] lower = min.clone(), upper = max.clone();
        double[][] covariance;
        if (clipFraction > 0) {
            long[] counts = new long[d];
            Arrays.fill(counts, valid);
            RseiScene.Block block = scene.block(); // the quantile sink is sequential
            double[][] q = ExactQuantiles.of(sink -> Blocks.forEach(scene.bands, monitor, 30f, 30f, (bounds, rasters) -> {
                block.evaluate(rasters, bounds);
                for (int k = 0; k < block.size; k++) {
                    if (block.status[k] != RseiScene.VALID) continue;
                    for (int i = 0; i < d; i++) sink.accept(i, block.indicators[i][k]);
                }
            }), counts, min, max, new double[] {clipFraction, 1 - clipFraction});
            for (int i = 0; i < d; i++) {
                lower[i] = q[i][0];
                upper[i] = q[i][1];
            }
            requireRange(lower, upper);
            Moments normalised = Blocks.reduce(scene.bands, monitor, 30f, 50f, () -> new Object() {
                final RseiScene.Block block = scene.block();
                final double[][] columns = new double[d][Blocks.BLOCK * Blocks.BLOCK];
                final Moments moments = new Moments(d);
            }, (acc, bounds, rasters) -> {
                acc.block.evaluate(rasters, bounds);
                int n = 0;
                for (int k = 0; k < acc.block.size; k++) {
                    if (acc.block.status[k] != RseiScene.VALID) continue;
                    for (int i = 0; i < d; i++) acc.columns[i][n] = normalise(acc.block.indicators[i][k], lower[i], upper[i]);
                    n++;
                }
                acc.moments.merge(Moments.ofBlock(acc.columns, n));
            }, (a, b) -> {
                a.moments.merge(b.moments);
                return a;
            }).moments;
            covariance = normalised.covariance();
        } else {
            requireRange(lower, upper);
            // n_i = (x_i − min_i) / r_i is linear, so cov(n_i, n_j) = cov(x_i, x_j) / (r_i · r_j) exactly
            covariance = raw.covariance();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) covariance[i][j] /= (upper[i] - lower[i]) * (upper[j] - lower[j]);
            }
        }
        Pca pca = Pca.of(covariance, Indicators.NDVI);
        double[] pc1 = pca.component(0);
        double[] range = Blocks.reduce(scene.bands, monitor, 50f, 70f, () -> new Object() {
            final RseiScene.Block block = scene.block();
            final double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        }, (acc, bounds, rasters) -> {
            acc.block.evaluate(rasters, bounds);
            for (int k = 0; k < acc.block.size; k++) {
                if (acc.block.status[k] != RseiScene.VALID) continue;
                double p = project(pc1, acc.block.indicators, k, lower, upper);
                if (p < acc.range[0]) acc.range[0] = p;
                if (p > acc.range[1]) acc.range[1] = p;
            }
        }, (a, b) -> {
            a.range[0] = Math.min(a.range[0], b.range[0]);
            a.range[1] = Math.max(a.range[1], b.range[1]);
            return a;
        }).range;
        if (!(range[1] > range[0])) {
            throw new InvalidInputException("blue", "PC1 is constant over the valid pixels; RSEI is undefined");
        }
        return new RseiModel(valid, min, max, lower, upper, clipFraction, pca, range[0], range[1]);
    }

    /** Pass 1 over one row of blocks: raw moments and the range of each indicator over the valid pixels. */
    private static final class RawPass {
        final RseiScene.Block block;
        final double[][] columns;
        final Moments moments;
        final double[] min, max;

        RawPass(RseiScene scene, int d) {
            block = scene.block();
            columns = new double[d][Blocks.BLOCK * Blocks.BLOCK];
            moments = new Moments(d);
            min = new double[d];
            max = new double[d];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void visit(Rectangle bounds, Raster[] rasters) {
            block.evaluate(rasters, bounds);
            int n = 0;
            for (int k = 0; k < block.size; k++) {
                if (block.status[k] != RseiScene.VALID) continue;
                for (int i = 0; i < min.length; i++) {
                    double v = block.indicators[i][k];
                    columns[i][n] = v;
                    if (v < min[i]) min[i] = v;
                    if (v > max[i]) max[i] = v;
                }
                n++;
            }
            moments.merge(Moments.ofBlock(columns, n));
        }

        RawPass merge(RawPass later) {
            moments.merge(later.moments);
            for (int i = 0; i < min.length; i++) {
                min[i] = Math.min(min[i], later.min[i]);
                max[i] = Math.max(max[i], later.max[i]);
            }
            return this;
        }
    }

    private static void requireRange(double[] lower, double[] upper) {
        for (int i = 0; i < lower.length; i++) {
            if (!(upper[i] > lower[i])) {
                throw new InvalidInputException("blue", Indicators.NAMES[i] + " is constant (" + lower[i]
                        + ") over the valid pixels" + " after clipping; it cannot be normalised");
            }
        }
    }

    /** Min-max normalisation to [0, 1] after clamping to [lower, upper]. */
    static double normalise(double x, double lower, double upper) {
        double clamped = x < lower ? lower : Math.min(x, upper);
        return (clamped - lower) / (upper - lower);
    }

    private static double project(double[] loadings, double[][] indicators, int k, double[] lower, double[] upper) {
        double p = 0;
        for (int i = 0; i < loadings.length; i++) p += loadings[i] * normalise(indicators[i][k], lower[i], upper[i]);
        return p;
    }

    /** PC1 of pixel {@code k} of an evaluated block (uncentred projection; centring only shifts it). */
    double pc1(double[][] indicators, int k) {
        return project(pc1, indicators, k, lower, upper);
    }

    /** RSEI of pixel {@code k} of an evaluated block: PC1 min-max normalised over the valid pixels. */
    double rsei(double[][] indicators, int k) {
        return (pc1(indicators, k) - pc1Min) / (pc1Max - pc1Min);
    }

    Pca pca() {
        return pca;
    }

    GridCoverage2D rseiRaster(RseiScene scene) {
        return Blocks.map("rsei", scene.bands, DataBuffer.TYPE_FLOAT, RseiProcess.NODATA, (rasters, out) -> scene.withBlock(block -> {
            block.evaluate(rasters, out.getBounds());
            float[] values = new float[block.size];
            for (int k = 0; k < block.size; k++) {
                values[k] = block.status[k] == RseiScene.VALID ? (float) rsei(block.indicators, k) : (float) RseiProcess.NODATA;
            }
            Samples.put(out, out.getMinX(), out.getMinY(), out.getWidth(), out.getHeight(), 0, values);
        }));
    }

    GridCoverage2D gradeRaster(RseiScene scene) {
        return Blocks.map("rsei_grade", scene.bands, DataBuffer.TYPE_BYTE, 0, (rasters, out) -> scene.withBlock(block -> {
            block.evaluate(rasters, out.getBounds());
            int[] values = new int[block.size];
            for (int k = 0; k < block.size; k++) {
                values[k] = block.status[k] == RseiScene.VALID ? RseiGrades.grade(rsei(block.indicators, k)) : 0;
            }
            out.setSamples(out.getMinX(), out.getMinY(), out.getWidth(), out.getHeight(), 0, values);
        }));
    }

    GridCoverage2D indicatorRaster(RseiScene scene, int indicator) {
        return Blocks.map(Indicators.NAMES[indicator], scene.bands, DataBuffer.TYPE_FLOAT, RseiProcess.NODATA, (rasters, out) -> scene.withBlock(block -> {
            block.evaluate(rasters, out.getBounds());
            float[] values = new float[block.size];
            for (int k = 0; k < block.size; k++) {
                values[k] = block.status[k] == RseiScene.VALID ? (float) block.indicators[indicator][k] : (float) RseiProcess.NODATA;
            }
            Samples.put(out, out.getMinX(), out.getMinY(), out.getWidth(), out.getHeight(), 0, values);
        }));
    }

    Table pcaTable() {
        Table.Builder t = Table.builder("component", "eigenvalue", "variance_pct", "cumulative_pct",
                Indicators.NAMES[0], Indicators.NAMES[1], Indicators.NAMES[2], Indicators.NAMES[3]);
        double cumulative = 0;
        for (int k = 0; k < pca.size(); k++) {
            cumulative += pca.variancePercent(k);
            t.row("PC" + (k + 1), pca.eigenvalue(k), pca.variancePercent(k), cumulative,
                    pca.loading(k, 0), pca.loading(k, 1), pca.loading(k, 2), pca.loading(k, 3));
        }
        return t.build();
    }

    /** Adds the model's constants to a statistic,value table. */
    void describe(Table.Builder stats) {
        stats.row("pc1_variance_pct", pca.variancePercent(0));
        stats.row("pc1_flipped", pca.flipped() ? 1 : 0);
        stats.row("pc1_min", pc1Min);
        stats.row("pc1_max", pc1Max);
        stats.row("clip_percent", 100 * clipFraction);
        for (int i = 0; i < Indicators.COUNT; i++) {
            stats.row(Indicators.NAMES[i] + "_min", min[i]);
            stats.row(Indicators.NAMES[i] + "_max", max[i]);
            stats.row(Indicators.NAMES[i] + "_lower", lower[i]);
            stats.row(Indicators.NAMES[i] + "_upper", upper[i]);
        }
    }

    long validPixels() {
        return valid;
    }
}
