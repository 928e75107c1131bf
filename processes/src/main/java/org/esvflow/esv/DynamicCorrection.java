package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Xie 2015 dynamic (spatio-temporal) correction: each factor F = value / mean, where value is the pixel's value
 * (pixel mode) or the area-weighted mean of the pixel's region (region mode), and mean is the area-weighted mean over
 * the study area (valid land-use pixels) unless a reference mean is given. A pixel whose factor cannot be computed
 * (raster nodata, or outside every region, or in a region without values) keeps F = 1 and is counted as uncorrected.
 *
 * <p>Per-class sums need no second pass: since F is linear in the value, Σ area·F over a class is
 * (Σ area·value) / mean plus the area whose factor is missing; in region mode it is Σ over regions of the class's
 * area in the region times the region's factor.
 */
final class DynamicCorrection {
    static final int FACTORS = ServiceGroups.Factor.values().length;

    private final CorrectionMode mode;
    private final GridCoverage2D[] rasters = new GridCoverage2D[FACTORS]; // aligned on the land-use grid, null = absent
    private final double[] nodata = new double[FACTORS];
    private final double[] means = new double[FACTORS];     // what F divides by: the reference or the area mean
    private final double[] areaMeans = new double[FACTORS]; // study-area mean over valid land use, NaN = no value
    private final boolean[] referenceGiven = new boolean[FACTORS];
    private final Zones zones;
    private final int[] inputIndex = new int[FACTORS];
    private int zoneInput = -1;
    private final String inputSuffix;

    // sums of the accumulation pass (see Sums), kept by finish(); classes are indexed 0..n-1, n = unknown codes
    private double[][] classValueSum, classMissing; // pixel mode [factor][class]
    private double[][] classZoneArea;                // region mode [class][zone]
    private long[] zonePixels;                       // region mode
    private long missingPixels;                      // pixel mode
    private double[][] regionMeans;                  // [factor][zone], NaN = undefined
    private int classes;

    DynamicCorrection(CorrectionMode mode, GridCoverage2D[] aligned, Double[] referenceMeans, Zones zones) {
        this(mode, aligned, referenceMeans, zones, "");
    }

    /** @param inputSuffix appended to the input names in errors ({@code npp} + {@code Before}) */
    DynamicCorrection(CorrectionMode mode, GridCoverage2D[] aligned, Double[] referenceMeans, Zones zones, String inputSuffix) {
        this.mode = mode;
        this.inputSuffix = inputSuffix;
        this.zones = zones;
        for (int f = 0; f < FACTORS; f++) {
            rasters[f] = aligned[f];
            nodata[f] = aligned[f] == null ? Double.NaN : Rasters.nodata(aligned[f]);
            if (referenceMeans[f] != null) {
                String key = ServiceGroups.Factor.values()[f].key();
                if (!(referenceMeans[f] != 0) || !Double.isFinite(referenceMeans[f])) {
                    throw new InvalidInputException(key + "ReferenceMean" + inputSuffix, "must be a finite non-zero number");
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

    /** Whether {@link #fill} needs the statistics pass first: region mode, or a factor without a given reference. */
    boolean needsStatistics() {
        if (!active()) return false;
        if (mode == CorrectionMode.REGION) return true;
        for (int f = 0; f < FACTORS; f++) if (rasters[f] != null && !referenceGiven[f]) return true;
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
        if (active() && mode == CorrectionMode.REGION) {
            zoneInput = inputs.size();
            inputs.add(zones.raster(landUse.getGridGeometry(), Blocks.BLOCK));
        }
    }

    /** Prepares the sums of the accumulation pass for {@code classes} classes (plus one bucket for unknown codes). */
    void start(int classes) {
        this.classes = classes;
    }

    /** The sums of the accumulation pass over part of the raster; parts are merged in raster order. */
    final class Sums {
        final double[] studySum = new double[FACTORS], studyWeight = new double[FACTORS];
        final double[][] classValueSum, classMissing, regionSum, regionWeight, classZoneArea;
        final long[] zonePixels;
        long missingPixels;

        Sums() {
            int zoneCount = zones == null ? 1 : zones.size() + 1;
            boolean pixel = mode == CorrectionMode.PIXEL;
            classValueSum = pixel ? new double[FACTORS][classes + 1] : null;
            classMissing = pixel ? new double[FACTORS][classes + 1] : null;
            regionSum = pixel ? null : new double[FACTORS][zoneCount];
            regionWeight = pixel ? null : new double[FACTORS][zoneCount];
            classZoneArea = pixel ? null : new double[classes + 1][zoneCount];
            zonePixels = pixel ? null : new long[zoneCount];
        }

        Sums merge(Sums later) {
            add(studySum, later.studySum);
            add(studyWeight, later.studyWeight);
            add(classValueSum, later.classValueSum);
            add(classMissing, later.classMissing);
            add(regionSum, later.regionSum);
            add(regionWeight, later.regionWeight);
            add(classZoneArea, later.classZoneArea);
            if (zonePixels != null) for (int z = 0; z < zonePixels.length; z++) zonePixels[z] += later.zonePixels[z];
            missingPixels += later.missingPixels;
            return this;
        }

        private static void add(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        }

        private static void add(double[][] a, double[][] b) {
            if (a != null) for (int i = 0; i < a.length; i++) add(a[i], b[i]);
        }

        /**
         * Accumulates one block. {@code classOf[i]} is the class index of pixel i, the unknown bucket, or -1 for
         * land-use nodata; {@code values} is scratch space of at least the block size.
         */
        void accumulate(Rectangle b, Raster[] r, int[] classOf, PixelArea area, double[] values) {
            int n = b.width * b.height;
            int[] z = zoneInput < 0 ? null : Samples.ints(r[zoneInput], b.x, b.y, b.width, b.height, 0, null);
            if (z != null) {
                for (int i = 0; i < n; i++) {
                    if (classOf[i] < 0) continue;
                    classZoneArea[classOf[i]][z[i]] += area.hectares(b.y + i / b.width);
                    zonePixels[z[i]]++;
                }
            }
            boolean[] missing = mode == CorrectionMode.PIXEL ? new boolean[n] : null;
            for (int f = 0; f < FACTORS; f++) {
                if (inputIndex[f] < 0) continue;
                double[] v = Samples.doubles(r[inputIndex[f]], b.x, b.y, b.width, b.height, 0, values);
                double nd = nodata[f];
                for (int i = 0; i < n; i++) {
                    int k = classOf[i];
                    if (k < 0) continue;
                    double a = area.hectares(b.y + i / b.width);
                    if (Rasters.isNodata(v[i], nd)) {
                        if (missing != null) {
                            classMissing[f][k] += a;
                            missing[i] = true;
                        }
                        continue;
                    }
                    double av = a * v[i];
                    studySum[f] += av;
                    studyWeight[f] += a;
                    if (z == null) classValueSum[f][k] += av;
                    else {
                        regionSum[f][z[i]] += av;
                        regionWeight[f][z[i]] += a;
                    }
                }
            }
            if (missing != null) for (boolean m : missing) if (m) missingPixels++;
        }
    }

    /** After the pass: keeps the sums, computes the study means (unless given) and region means. */
    void finish(Sums sums) {
        classValueSum = sums.classValueSum;
        classMissing = sums.classMissing;
        classZoneArea = sums.classZoneArea;
        zonePixels = sums.zonePixels;
        missingPixels = sums.missingPixels;
        for (int f = 0; f < FACTORS; f++) {
            if (rasters[f] == null) continue;
            areaMeans[f] = sums.studyWeight[f] == 0 ? Double.NaN : sums.studySum[f] / sums.studyWeight[f];
            if (referenceGiven[f]) continue;
            String key = ServiceGroups.Factor.values()[f].key();
            if (sums.studyWeight[f] == 0) throw new InvalidInputException(key + inputSuffix, "has no valid value over the land-use pixels");
            means[f] = areaMeans[f];
            if (means[f] == 0) throw new InvalidInputException(key + inputSuffix, "its study-area mean is 0; give a reference mean");
        }
        if (mode == CorrectionMode.REGION) {
            int zoneCount = zonePixels.length;
            regionMeans = new double[FACTORS][zoneCount];
            for (int f = 0; f < FACTORS; f++) {
                for (int z = 0; z < zoneCount; z++) {
                    regionMeans[f][z] = z == 0 || sums.regionWeight[f][z] == 0 ? Double.NaN : sums.regionSum[f][z] / sums.regionWeight[f][z];
                }
            }
        }
    }

    /** Σ area · F over class {@code k} for a present factor, ha. */
    double weightedArea(int factor, int k) {
        if (mode == CorrectionMode.PIXEL) return classValueSum[factor][k] / means[factor] + classMissing[factor][k];
        double sum = 0;
        for (int z = 0; z < classZoneArea[k].length; z++) {
            double m = regionMeans[factor][z];
            sum += classZoneArea[k][z] * (Double.isNaN(m) ? 1 : m / means[factor]);
        }
        return sum;
    }

    /** Pixels of known or unknown class whose factor (any of them) could not be computed. */
    long uncorrectedPixels() {
        if (mode == CorrectionMode.PIXEL) return missingPixels;
        long count = 0;
        for (int z = 0; z < zonePixels.length; z++) {
            boolean undefined = false;
            for (int f = 0; f < FACTORS; f++) undefined |= has(f) && Double.isNaN(regionMeans[f][z]);
            if (undefined) count += zonePixels[z];
        }
        return count;
    }

    /**
     * Factor {@code factor} for the block {@code b}: {@code out[i]} is F, or NaN when it cannot be computed.
     * Only valid for a present factor, after {@link #finish}.
     */
    void fill(int factor, Rectangle b, Raster[] r, double[] out) {
        int n = b.width * b.height;
        if (mode == CorrectionMode.PIXEL) {
            double[] v = Samples.doubles(r[inputIndex[factor]], b.x, b.y, b.width, b.height, 0, out);
            double nd = nodata[factor], mean = means[factor];
            for (int i = 0; i < n; i++) v[i] = Rasters.isNodata(v[i], nd) ? Double.NaN : v[i] / mean;
        } else {
            int[] z = Samples.ints(r[zoneInput], b.x, b.y, b.width, b.height, 0, null);
            double[] regional = regionMeans[factor];
            for (int i = 0; i < n; i++) out[i] = regional[z[i]] / means[factor];
        }
    }

    /**
     * For the record: per factor, the study-area mean (area_mean, over valid land use), the mean F divides by
     * (reference_mean: the given one, or the area mean) and their ratio area_factor; in region mode also one row per
     * region with the region's mean and its factor.
     */
    Table table() {
        Table.Builder t = Table.builder("factor", "region_id", "region_name", "area_mean", "reference_mean", "reference", "area_factor");
        for (int f = 0; f < FACTORS; f++) {
            if (rasters[f] == null) continue;
            String key = ServiceGroups.Factor.values()[f].key();
            String source = referenceGiven[f] ? "given" : "study area";
            t.row(key, "all", "all", finite(areaMeans[f]), means[f], source, finite(areaMeans[f] / means[f]));
            if (mode == CorrectionMode.REGION) {
                for (int z = 1; z <= zones.size(); z++) {
                    double m = regionMeans[f][z];
                    t.row(key, zones.id(z), zones.name(z), finite(m), means[f], source, finite(m / means[f]));
                }
            }
        }
        return t.build();
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
