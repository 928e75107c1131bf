package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.TreeSet;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Samples;
import org.esvflow.raster.PixelArea;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Per-pixel ESV with dynamic correction, computed lazily per tile: value = area × (U[k] + Σ_f F_f · G_f[k]) where
 * U[k] is the class's Σ VC over uncorrected services and G_f[k] the Σ VC over the services of factor f.
 */
final class GroupedValues {
    private final ClassValues classes;
    private final int[] group;
    private final DynamicCorrection correction;
    private final double[] uncorrected;
    private final double[][] byFactor;
    /** Input named when a tile of the static raster holds a code the mapping lacks; null: such pixels are 0. */
    private String failOnUnknown;

    GroupedValues(ClassValues classes, int[] group, DynamicCorrection correction) {
        this.classes = classes;
        this.group = group;
        this.correction = correction;
        int n = classes.size(), services = classes.services().size();
        uncorrected = new double[n];
        byFactor = new double[DynamicCorrection.FACTORS][n];
        for (int k = 0; k < n; k++) {
            for (int s = 0; s < services; s++) {
                if (group[s] >= 0 && correction.has(group[s])) byFactor[group[s]][k] += classes.vc(k, s);
                else uncorrected[k] += classes.vc(k, s);
            }
        }
    }

    /**
     * The static rasters fail on a land-use code the mapping lacks, naming {@code input} (the statistics pass that
     * checks the codes is skipped), instead of valuing it 0.
     */
    GroupedValues failingOnUnknown(String input) {
        this.failOnUnknown = input;
        return this;
    }

    /**
     * Float32 ESV raster: currency per pixel per year, or with {@code perHectare} the density in currency per ha per
     * year (the same sum before multiplying by the pixel's true area). Nodata where land use is nodata; 0 for unknown
     * codes.
     */
    GridCoverage2D esvRaster(List<GridCoverage2D> inputs, PixelArea area, double luNodata, boolean perHectare) {
        if (!correction.active()) return staticEsvRaster(inputs, area, luNodata, perHectare);
        return Blocks.map(perHectare ? "esv_per_ha" : "esv", inputs, DataBuffer.TYPE_FLOAT, ValueProcess.NODATA, (r, out) -> {
            Rectangle b = out.getBounds();
            int n = b.width * b.height;
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            double[][] factor = factors(b, r);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                int k = lu[i] == luNodata ? -1 : classes.index(lu[i]);
                if (k < 0) {
                    values[i] = lu[i] == luNodata ? ValueProcess.NODATA : 0f;
                    continue;
                }
                double perHa = perHectare(k, factor, i);
                values[i] = (float) (perHectare ? perHa : area.hectares(b.y + i / b.width) * perHa);
            }
            Samples.put(out, b.x, b.y, b.width, b.height, 0, values);
        });
    }

    /**
     * {@link #esvRaster} without correction: per pixel row a table from land-use code to the row's float value
     * (nodata, 0 for unknown codes, else (float) (hectares × U[k]) as the general loop computes it), so a pixel costs
     * one lookup.
     */
    private GridCoverage2D staticEsvRaster(List<GridCoverage2D> inputs, PixelArea area, double luNodata, boolean perHectare) {
        int limit = classes.codeLimit();
        float nodata = ValueProcess.NODATA;
        String failInput = failOnUnknown;
        boolean[] unknown = new boolean[limit];
        for (int code = 0; code < limit; code++) unknown[code] = code != luNodata && classes.index(code) < 0;
        byte[] byteFlags = byteFlags(unknown, luNodata);
        return Blocks.map(perHectare ? "esv_per_ha" : "esv", inputs, DataBuffer.TYPE_FLOAT, nodata, (r, out) -> {
            Rectangle b = out.getBounds();
            if (Samples.isByteArray(r[0]) && Samples.isFloatArray(out)) {
                staticEsvOfBytes(r[0], out, area, luNodata, perHectare, unknown, byteFlags, failInput);
                return;
            }
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            float[] values = new float[b.width * b.height];
            float[] lut = null;
            double lutHectares = Double.NaN;
            for (int y = 0, i = 0; y < b.height; y++) {
                double ha = perHectare ? 1 : area.hectares(b.y + y);
                if (ha != lutHectares) { // rows of a projected grid share one table
                    lut = valueTable(limit, ha, perHectare, luNodata);
                    lutHectares = ha;
                }
                for (int end = i + b.width; i < end; i++) {
                    int code = lu[i];
                    values[i] = code >= 0 && code < limit ? lut[code] : code == luNodata ? nodata : 0f;
                }
            }
            if (failInput != null) failOnUnknown(lu, unknown, luNodata, failInput);
            Samples.put(out, b.x, b.y, b.width, b.height, 0, values);
        });
    }

    /**
     * The static loop for the common case, byte land use into a float tile: straight from the input's bank to the
     * output's, one 256-entry table per distinct row area, unknown codes flagged in the same pass.
     */
    private void staticEsvOfBytes(Raster lu, WritableRaster out, PixelArea area, double luNodata, boolean perHectare,
                                  boolean[] unknown, byte[] flag, String failInput) {
        Rectangle b = out.getBounds();
        Samples.Bank<byte[]> in = Samples.bytes(lu, b.x, b.y);
        Samples.Bank<float[]> to = Samples.floats(out, b.x, b.y);
        float[] lut = null;
        double lutHectares = Double.NaN;
        int seen = 0;
        for (int y = 0; y < b.height; y++) {
            double ha = perHectare ? 1 : area.hectares(b.y + y);
            if (ha != lutHectares) { // rows of a projected grid share one table
                lut = valueTable(256, ha, perHectare, luNodata);
                lutHectares = ha;
            }
            seen |= lookUpRow(in.data(), in.start() + y * in.scanline(), to.data(), to.start() + y * to.scanline(), b.width, lut, flag);
        }
        if (seen != 0 && failInput != null) {
            failOnUnknown(Samples.ints(lu, b.x, b.y, b.width, b.height, 0, null), unknown, luNodata, failInput);
        }
    }

    /**
     * Value of each code below {@code size} at a row area of {@code ha} hectares: nodata, 0 for codes the mapping
     * lacks, else (float) (ha × U[k]), or U[k] per hectare.
     */
    private float[] valueTable(int size, double ha, boolean perHectare, double luNodata) {
        float[] lut = new float[size];
        for (int code = 0; code < size; code++) {
            int k = classes.index(code);
            lut[code] = code == luNodata ? ValueProcess.NODATA : k < 0 ? 0f : (float) (perHectare ? uncorrected[k] : ha * uncorrected[k]);
        }
        return lut;
    }

    /** 1 for each byte code the mapping lacks (nodata excepted), else 0. */
    private static byte[] byteFlags(boolean[] unknown, double luNodata) {
        byte[] flag = new byte[256];
        for (int code = 0; code < 256; code++) flag[code] = (byte) (code < unknown.length ? (unknown[code] ? 1 : 0) : code != luNodata ? 1 : 0);
        return flag;
    }

    /**
     * {@code dst[d + x] = lut[src[s + x]]} for x in [0, n); returns the OR of the codes' flags. A method of its own
     * so that the JIT compiles one short loop once rather than the tile loop around it several times.
     */
    private static int lookUpRow(byte[] src, int s, float[] dst, int d, int n, float[] lut, byte[] flag) {
        int seen = 0;
        for (int x = 0; x < n; x++) {
            int code = src[s + x] & 0xff;
            dst[d + x] = lut[code];
            seen |= flag[code];
        }
        return seen;
    }

    /** Fails naming {@code input} when {@code lu} holds codes the mapping lacks (those of this block). */
    private static void failOnUnknown(int[] lu, boolean[] unknown, double luNodata, String input) {
        TreeSet<Integer> found = null;
        for (int code : lu) {
            if (code >= 0 && code < unknown.length ? unknown[code] : code != luNodata) {
                if (found == null) found = new TreeSet<>();
                found.add(code);
            }
        }
        if (found != null) Valuation.failOnUnknown(found, input);
    }

    /** One band per service, currency per pixel per year. */
    GridCoverage2D serviceRaster(List<GridCoverage2D> inputs, PixelArea area, double luNodata) {
        int services = classes.services().size();
        return Blocks.mapBands("services", inputs, DataBuffer.TYPE_FLOAT, services, ValueProcess.NODATA, (r, out) -> {
            Rectangle b = out.getBounds();
            int n = b.width * b.height;
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            double[][] factor = factors(b, r);
            float[] values = new float[n];
            for (int s = 0; s < services; s++) {
                double[] f = group[s] >= 0 ? factor[group[s]] : null;
                for (int i = 0; i < n; i++) {
                    int k = lu[i] == luNodata ? -1 : classes.index(lu[i]);
                    if (k < 0) {
                        values[i] = lu[i] == luNodata ? ValueProcess.NODATA : 0f;
                        continue;
                    }
                    double fv = f == null || Double.isNaN(f[i]) ? 1 : f[i];
                    values[i] = (float) (area.hectares(b.y + i / b.width) * classes.vc(k, s) * fv);
                }
                Samples.put(out, b.x, b.y, b.width, b.height, s, values);
            }
        });
    }

    /**
     * Density per service category, lazily per tile: band 0 the ESV density (currency per ha per year, as
     * {@code esvRaster} with perHectare), bands 1.. one per category of {@code category} (index per service, -1 =
     * none; {@code categories} bands). Nodata where land use is nodata; 0 for unknown codes.
     */
    /** Computes the bands of one block of aligned inputs (land use first, then the correction factors). */
    @FunctionalInterface
    interface BlockBands {
        double[][] of(Rectangle block, java.awt.image.Raster[] inputs);
    }

    /**
     * The category densities of a block: band 0 the total ESV density, then one band per category (currency per ha per
     * year; nodata where the land use is nodata, 0 for classes without coefficients).
     */
    BlockBands categoryBands(double luNodata, int[] category, int categories) {
        int n = classes.size(), services = classes.services().size(), F = DynamicCorrection.FACTORS;
        double[][] fixed = new double[categories][n];        // Σ VC of uncorrected services, per category and class
        double[][][] corrected = new double[categories][F][n]; // Σ VC of the services of factor f
        for (int k = 0; k < n; k++) {
            for (int s = 0; s < services; s++) {
                int c = category[s];
                if (c < 0) continue;
                if (group[s] >= 0 && correction.has(group[s])) corrected[c][group[s]][k] += classes.vc(k, s);
                else fixed[c][k] += classes.vc(k, s);
            }
        }
        return (b, r) -> {
            int size = b.width * b.height;
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            double[][] factor = factors(b, r);
            double[][] band = new double[1 + categories][size];
            for (int i = 0; i < size; i++) {
                int k = lu[i] == luNodata ? -1 : classes.index(lu[i]);
                if (k < 0) {
                    double v = lu[i] == luNodata ? ValueProcess.NODATA : 0;
                    for (double[] values : band) values[i] = v;
                    continue;
                }
                double total = uncorrected[k];
                for (int c = 0; c < categories; c++) band[1 + c][i] = fixed[c][k];
                for (int f = 0; f < F; f++) {
                    if (factor[f] == null) continue;
                    double fv = Double.isNaN(factor[f][i]) ? 1 : factor[f][i];
                    total += fv * byFactor[f][k];
                    for (int c = 0; c < categories; c++) band[1 + c][i] += fv * corrected[c][f][k];
                }
                band[0][i] = total;
            }
            return band;
        };
    }

    /**
     * Total value coefficient of class index {@code k} at pixel {@code i} of a block, currency per ha per year:
     * U[k] + Σ_f F_f · G_f[k], with F from {@link #factors} (a factor that cannot be computed counts as 1).
     */
    double perHectare(int k, double[][] factor, int i) {
        double perHa = uncorrected[k];
        for (int f = 0; f < factor.length; f++) {
            if (factor[f] == null) continue;
            double fv = factor[f][i];
            perHa += (Double.isNaN(fv) ? 1 : fv) * byFactor[f][k];
        }
        return perHa;
    }

    /** The factors of the block {@code b}, one array per factor (null for an absent factor). */
    double[][] factors(Rectangle b, Raster[] r) {
        double[][] factor = new double[DynamicCorrection.FACTORS][];
        for (int f = 0; f < factor.length; f++) {
            if (!correction.has(f)) continue;
            factor[f] = new double[b.width * b.height];
            correction.fill(f, b, r, factor[f]);
        }
        return factor;
    }

}
