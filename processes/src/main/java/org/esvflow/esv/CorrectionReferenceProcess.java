package org.esvflow.esv;

import java.util.ArrayList;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Grids;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/**
 * The reference means a study's dynamic correction divides by, one per factor and epoch. The area mean of a factor in
 * an epoch is Σ a·v / Σ a over the pixels of valid land use (any code) where the factor, aligned bilinearly onto the
 * land-use grid, has a value; a = true pixel area in ha. The same rule gives esv:Value's own study-area mean.
 */
@DescribeProcess(
        title = "Reference means of the dynamic ESV correction",
        description = "For the epochs of a study: the area-weighted study-area mean of each correction raster (NPP, "
                + "precipitation, soil conservation; aligned bilinearly onto the land-use grid, weighted by true pixel "
                + "area over valid land-use pixels) and the reference mean the correction divides by. POOLED: the mean of "
                + "the per-epoch area means over all epochs (one reference for the study: the area factor keeps the "
                + "change over time as well as the pattern in space). EPOCH: each epoch's own area mean (area factor 1 "
                + "in every epoch: only the pattern in space is corrected). FIXED: given means, e.g. national ones as in "
                + "Xie et al. (2015). Pass reference_mean to esv:Value as its <factor>ReferenceMean.")
public class CorrectionReferenceProcess {
    /** Which mean the correction factors divide by. */
    public enum Reference {
        POOLED, EPOCH, FIXED
    }

    @DescribeResult(name = "correction", type = Table.class, description = "One row per epoch and factor: year, factor "
            + "(npp, precipitation, soilConservation), reference (pooled, epoch or fixed), reference_mean and area_mean "
            + "(units of the raster), area_factor = area_mean / reference_mean (the study-area mean of the factor).")
    public Table execute(
            @DescribeParameter(name = "landUse", min = 1, max = Integer.MAX_VALUE, collectionType = GridCoverage2D.class,
                    description = "Land-use rasters of the epochs, oldest first; their valid pixels weight the means.")
                    List<GridCoverage2D> landUse,
            @DescribeParameter(name = "years", description = "Years of the epochs, comma-separated, increasing.") String years,
            @DescribeParameter(name = "npp", min = 0, max = Integer.MAX_VALUE, collectionType = GridCoverage2D.class,
                    description = "NPP raster of every epoch (any grid), in epoch order; none to leave NPP out.")
                    List<GridCoverage2D> npp,
            @DescribeParameter(name = "precipitation", min = 0, max = Integer.MAX_VALUE, collectionType = GridCoverage2D.class,
                    description = "Precipitation raster of every epoch, in epoch order.") List<GridCoverage2D> precipitation,
            @DescribeParameter(name = "soilConservation", min = 0, max = Integer.MAX_VALUE, collectionType = GridCoverage2D.class,
                    description = "Soil-conservation raster of every epoch, in epoch order.") List<GridCoverage2D> soilConservation,
            @DescribeParameter(name = "reference", min = 0, defaultValue = "POOLED",
                    description = "POOLED (mean of the epochs' area means), EPOCH (each epoch's own) or FIXED (given).")
                    Reference reference,
            @DescribeParameter(name = "nppReferenceMean", min = 0, description = "FIXED: reference mean NPP (units of the raster).")
                    Double nppReferenceMean,
            @DescribeParameter(name = "precipitationReferenceMean", min = 0, description = "FIXED: reference mean precipitation.")
                    Double precipitationReferenceMean,
            @DescribeParameter(name = "soilConservationReferenceMean", min = 0, description = "FIXED: reference mean soil conservation.")
                    Double soilConservationReferenceMean,
            ProgressListener monitor) {
        if (landUse == null || landUse.isEmpty()) throw new InvalidInputException("landUse", "give one raster per epoch");
        int epochs = landUse.size();
        int[] year = years(years, epochs);
        for (int e = 0; e < epochs; e++) ValueProcess.requireIntegral(landUse.get(e), "landUse[" + e + "]");
        Reference ref = reference == null ? Reference.POOLED : reference;
        List<List<GridCoverage2D>> factors = List.of(list(npp), list(precipitation), list(soilConservation));
        Double[] fixed = {nppReferenceMean, precipitationReferenceMean, soilConservationReferenceMean};
        ServiceGroups.Factor[] keys = ServiceGroups.Factor.values();
        int present = 0;
        for (int f = 0; f < keys.length; f++) {
            List<GridCoverage2D> rasters = factors.get(f);
            String name = keys[f].key();
            if (rasters.isEmpty()) continue;
            present++;
            if (rasters.size() != epochs) {
                throw new InvalidInputException(name, epochs + " epochs need " + epochs + " rasters, got " + rasters.size());
            }
            if (ref == Reference.FIXED && (fixed[f] == null || !Double.isFinite(fixed[f]) || fixed[f] == 0)) {
                throw new InvalidInputException(name + "ReferenceMean", "reference FIXED needs a finite non-zero mean for " + name);
            }
        }
        if (present == 0) throw new InvalidInputException("npp", "give the rasters of at least one factor");

        Progress.started(monitor);
        double[][] areaMean = new double[keys.length][epochs];
        int done = 0;
        for (int f = 0; f < keys.length; f++) {
            if (factors.get(f).isEmpty()) continue;
            for (int e = 0; e < epochs; e++) {
                float from = 100f * done / (present * epochs), to = 100f * ++done / (present * epochs);
                areaMean[f][e] = areaMean(landUse.get(e), factors.get(f).get(e), keys[f].key() + "[" + e + "]", monitor, from, to);
            }
        }
        Table.Builder t = Table.builder("year", "factor", "reference", "reference_mean", "area_mean", "area_factor");
        for (int e = 0; e < epochs; e++) {
            for (int f = 0; f < keys.length; f++) {
                if (factors.get(f).isEmpty()) continue;
                double referenceMean = switch (ref) {
                    case POOLED -> mean(areaMean[f]);
                    case EPOCH -> areaMean[f][e];
                    case FIXED -> fixed[f];
                };
                t.row(year[e], keys[f].key(), ref.name().toLowerCase(java.util.Locale.ROOT), referenceMean,
                        areaMean[f][e], areaMean[f][e] / referenceMean);
            }
        }
        Progress.completed(monitor);
        return t.build();
    }

    /**
     * Σ a·v / Σ a over the pixels of valid land use where {@code factor} (aligned bilinearly onto the land-use grid)
     * has a value; a = true pixel area in ha. Fails, naming {@code input}, when no such pixel exists or the mean is 0.
     */
    static double areaMean(GridCoverage2D landUse, GridCoverage2D factor, String input, ProgressListener monitor, float from, float to) {
        GridCoverage2D aligned = Grids.alignTo(factor, landUse.getGridGeometry(), Grids.Resampling.BILINEAR);
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double luNodata = Rasters.nodata(landUse), nodata = Rasters.nodata(aligned);
        double[] sums = Blocks.reduce(List.of(landUse, aligned), monitor, from, to, () -> new double[2], (acc, b, r) -> {
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            double[] v = Samples.doubles(r[1], b.x, b.y, b.width, b.height, 0, null);
            for (int i = 0; i < lu.length; i++) {
                if (lu[i] == luNodata || Rasters.isNodata(v[i], nodata)) continue;
                double a = area.hectares(b.y + i / b.width);
                acc[0] += a * v[i];
                acc[1] += a;
            }
        }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        if (sums[1] == 0) throw new InvalidInputException(input, "has no valid value over the land-use pixels");
        double mean = sums[0] / sums[1];
        if (mean == 0) throw new InvalidInputException(input, "its study-area mean is 0; use reference FIXED");
        return mean;
    }

    /** Comma-separated increasing integer years, one per epoch. */
    static int[] years(String years, int count) {
        if (years == null || years.isBlank()) throw new InvalidInputException("years", "is required (one year per epoch)");
        String[] parts = years.trim().split("[,;\\s]+");
        if (parts.length != count) throw new InvalidInputException("years", count + " epochs need " + count + " years, got '" + years + "'");
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                y[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("years", "not an integer year: '" + parts[i] + "'");
            }
            if (i > 0 && y[i] <= y[i - 1]) throw new InvalidInputException("years", "must increase, got '" + years + "'");
        }
        return y;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    private static List<GridCoverage2D> list(List<GridCoverage2D> rasters) {
        return rasters == null ? List.of() : new ArrayList<>(rasters);
    }
}
