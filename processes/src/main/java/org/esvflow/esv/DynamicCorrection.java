package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Xie 2015 dynamic (spatio-temporal) correction: each factor F = value / mean, where value is the pixel's value
 * (pixel mode) or the area-weighted mean of the pixel's region (region mode), and mean is the area-weighted mean over
 * the study area (valid land-use pixels) unless a reference mean is given. A pixel whose factor cannot be computed
 * (raster nodata, or outside every region) keeps F = 1 and is counted as uncorrected.
 */
final class DynamicCorrection {
    static final int FACTORS = ServiceGroups.Factor.values().length;

    private final CorrectionMode mode;
    private final GridCoverage2D[] rasters = new GridCoverage2D[FACTORS]; // aligned on the land-use grid, null = absent
    private final double[] nodata = new double[FACTORS];
    private final double[] means = new double[FACTORS];
    private final boolean[] referenceGiven = new boolean[FACTORS];
    private final Zones zones;
    private double[][] regionMeans; // [factor][zone]
    private int zoneInput = -1;
    private final int[] inputIndex = new int[FACTORS];

    DynamicCorrection(CorrectionMode mode, GridCoverage2D[] aligned, Double[] referenceMeans, Zones zones) {
        this.mode = mode;
        this.zones = zones;
        for (int f = 0; f < FACTORS; f++) {
            rasters[f] = aligned[f];
            nodata[f] = aligned[f] == null ? Double.NaN : Rasters.nodata(aligned[f]);
            if (referenceMeans[f] != null) {
                String key = ServiceGroups.Factor.values()[f].key();
                if (!(referenceMeans[f] != 0) || !Double.isFinite(referenceMeans[f])) {
                    throw new InvalidInputException(key + "ReferenceMean", "must be a finite non-zero number");
                }
                referenceGiven[f] = true;
                means[f] = referenceMeans[f];
            }
        }
    }

    boolean active() {
        for (GridCoverage2D r : rasters) if (r != null) return true;
        return false;
    }

    boolean has(int factor) {
        return rasters[factor] != null;
    }

    /** Adds the factor rasters (and the zone raster in region mode) to {@code inputs}, remembering their positions. */
    void addInputs(List<GridCoverage2D> inputs, GridCoverage2D landUse) {
        for (int f = 0; f < FACTORS; f++) {
            inputIndex[f] = -1;
            if (rasters[f] != null) {
                inputIndex[f] = inputs.size();
                inputs.add(rasters[f]);
            }
        }
        if (mode == CorrectionMode.REGION) {
            zoneInput = inputs.size();
            inputs.add(zones.raster(landUse.getGridGeometry(), Blocks.BLOCK));
        }
    }

    /** First pass: study means (unless given) and region means, area-weighted over valid land-use pixels. */
    void measure(GridCoverage2D landUse, PixelArea area, ProgressListener monitor, float from, float to) {
        boolean needStudy = false;
        for (int f = 0; f < FACTORS; f++) needStudy |= rasters[f] != null && !referenceGiven[f];
        if (!needStudy && mode == CorrectionMode.PIXEL) return;
        int zoneCount = mode == CorrectionMode.REGION ? zones.size() + 1 : 1;
        double[][] sum = new double[FACTORS][zoneCount], weight = new double[FACTORS][zoneCount];
        double[] studySum = new double[FACTORS], studyWeight = new double[FACTORS];
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(landUse));
        addInputs(inputs, landUse);
        double luNodata = Rasters.nodata(landUse);
        Blocks.forEach(inputs, monitor, from, to, (b, r) -> {
            int n = b.width * b.height;
            double[] lu = r[0].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null);
            int[] z = zoneInput < 0 ? null : r[zoneInput].getSamples(b.x, b.y, b.width, b.height, 0, (int[]) null);
            for (int f = 0; f < FACTORS; f++) {
                if (inputIndex[f] < 0) continue;
                double[] v = r[inputIndex[f]].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null);
                for (int i = 0; i < n; i++) {
                    if (Rasters.isNodata(lu[i], luNodata) || Rasters.isNodata(v[i], nodata[f])) continue;
                    double a = area.hectares(b.y + i / b.width);
                    studySum[f] += a * v[i];
                    studyWeight[f] += a;
                    if (z != null) {
                        sum[f][z[i]] += a * v[i];
                        weight[f][z[i]] += a;
                    }
                }
            }
        });
        for (int f = 0; f < FACTORS; f++) {
            if (rasters[f] == null || referenceGiven[f]) continue;
            String key = ServiceGroups.Factor.values()[f].key();
            if (studyWeight[f] == 0) throw new InvalidInputException(key, "has no valid value over the land-use pixels");
            means[f] = studySum[f] / studyWeight[f];
            if (means[f] == 0) throw new InvalidInputException(key, "its study-area mean is 0; give a reference mean");
        }
        if (mode == CorrectionMode.REGION) {
            regionMeans = new double[FACTORS][zoneCount];
            for (int f = 0; f < FACTORS; f++) {
                for (int zz = 0; zz < zoneCount; zz++) {
                    regionMeans[f][zz] = zz == 0 || weight[f][zz] == 0 ? Double.NaN : sum[f][zz] / weight[f][zz];
                }
            }
        }
    }

    /**
     * Factor {@code factor} for the block {@code b}: {@code out[i]} is F, or NaN when it cannot be computed.
     * Only valid for a present factor.
     */
    void fill(int factor, Rectangle b, Raster[] r, double[] out) {
        int n = b.width * b.height;
        if (mode == CorrectionMode.PIXEL) {
            double[] v = r[inputIndex[factor]].getSamples(b.x, b.y, b.width, b.height, 0, out);
            double nd = nodata[factor], mean = means[factor];
            for (int i = 0; i < n; i++) v[i] = Rasters.isNodata(v[i], nd) ? Double.NaN : v[i] / mean;
        } else {
            int[] z = r[zoneInput].getSamples(b.x, b.y, b.width, b.height, 0, (int[]) null);
            double[] regional = regionMeans[factor];
            for (int i = 0; i < n; i++) out[i] = regional[z[i]] / means[factor];
        }
    }

    /** The means and (in region mode) the factor of each region, for the record. */
    Table table() {
        Table.Builder t = Table.builder("factor", "region_id", "region_name", "mean", "reference_mean", "mean_source", "factor_value");
        for (int f = 0; f < FACTORS; f++) {
            if (rasters[f] == null) continue;
            String key = ServiceGroups.Factor.values()[f].key();
            String source = referenceGiven[f] ? "given" : "study area";
            if (mode == CorrectionMode.PIXEL) {
                t.row(key, "all", "all", null, means[f], source, null);
            } else {
                for (int z = 1; z <= zones.size(); z++) {
                    double m = regionMeans[f][z];
                    t.row(key, zones.id(z), zones.name(z), Double.isNaN(m) ? null : m, means[f], source,
                            Double.isNaN(m) ? null : m / means[f]);
                }
            }
        }
        return t.build();
    }

    double mean(int factor) {
        return means[factor];
    }

    static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }
}
