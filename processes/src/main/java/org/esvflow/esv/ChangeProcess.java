package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.process.Results;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.Grids;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.esvflow.vector.Zones;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** ESV change between two land-use epochs: change raster, change index, gain and loss by transition, per region. */
@DescribeProcess(
        title = "ESV change, gain and loss by transition, and its decomposition",
        description = "Between two land-use epochs on one grid: per-pixel change ESV_after − ESV_before (currency per "
                + "pixel per year), change index (ESV_after − ESV_before)/ESV_before and its annual rate, and gain/loss "
                + "by transition ΔESV[i→j] = Σ a·(VC_after(j) − VC_before(i)) (a in ha, VC total value coefficient in "
                + "currency per ha per year), for the whole raster and per region. Without correction rasters VC is the "
                + "same table value at both epochs. With them (as in esv:Value: per epoch NPP, precipitation, soil "
                + "conservation and reference means) each epoch is valued with its own dynamic correction, exactly as "
                + "esv:Value values it, and ΔESV is decomposed into a land-use effect (coefficients held at the first "
                + "epoch), a correction effect (land use held at the first epoch) and their interaction. Only pixels "
                + "valid at both epochs are counted, so the net change equals ESV_after − ESV_before over those pixels. "
                + "With esvBefore/esvAfter the change raster is their difference and the summary adds their totals.")
public class ChangeProcess {

    public record Result(GridCoverage2D change, GridCoverage2D changePerHa, Table gainLoss, Table summary, Table decomposition) {}

    @DescribeResults({
        @DescribeResult(name = "change", type = GridCoverage2D.class,
                description = "ESV_after − ESV_before per pixel, currency per year (float32, nodata -9999)."),
        @DescribeResult(name = "changePerHa", type = GridCoverage2D.class,
                description = "The change as a density, currency per hectare per year, for styling at any resolution."),
        @DescribeResult(name = "gainLoss", type = Table.class, description = "region_id, region_name, from_class, "
                + "to_class, area_ha, vc_from, vc_to (mean currency/ha/yr over the transition's pixels), delta_esv "
                + "(currency/yr); land-use conversions, and with correction also unchanged land whose value changed."),
        @DescribeResult(name = "summary", type = Table.class, description = "region_id, region_name, area_ha, "
                + "esv_before, esv_after, change, change_index, annual_rate_pct (change_index / years × 100, with "
                + "years), gain, loss (≤ 0), net (= gain + loss = change); with ESV rasters also raster_esv_before, "
                + "raster_esv_after, raster_change, raster_change_index."),
        @DescribeResult(name = "decomposition", type = Table.class, description = "region_id ('all' for the whole "
                + "raster), delta (= change), land_use_effect, correction_effect, interaction (currency/yr; the three add "
                + "up to delta).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "before", description = "Land-use raster of the first epoch.") GridCoverage2D before,
            @DescribeParameter(name = "after", description = "Land-use raster of the second epoch, same grid.") GridCoverage2D after,
            @DescribeParameter(name = "standardEquivalent", min = 0, description = Valuation.D_DESCRIPTION) Double standardEquivalent,
            @DescribeParameter(name = "coefficients", min = 0, defaultValue = "XIE2015", description = "Shipped coefficient table.")
                    ValueCoefficients.Preset coefficients,
            @DescribeParameter(name = "coefficientTable", min = 0, description = "Own coefficient table (CSV), as in esv:Value.")
                    Table coefficientTable,
            @DescribeParameter(name = "tableUnit", min = 0, defaultValue = "EQUIVALENT", description = "Unit of coefficientTable.")
                    ValueCoefficients.Unit tableUnit,
            @DescribeParameter(name = "classPreset", min = 0, defaultValue = "CLCD", description = "CLCD, CAS or WORLDCOVER.")
                    ClassMapping.Preset classPreset,
            @DescribeParameter(name = "classMapping", min = 0, description = "Own class mapping (CSV), as in esv:Value.")
                    Table classMapping,
            @DescribeParameter(name = "unknownCodes", min = 0, defaultValue = "ERROR", description = "ERROR or ZERO.")
                    Valuation.UnknownCodes unknownCodes,
            @DescribeParameter(name = "regions", min = 0, description = "Region polygons (GeoJSON) for per-region results "
                    + "(and the regions of correctionMode REGION).") SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region.") String regionIdField,
            @DescribeParameter(name = "esvBefore", min = 0, description = "ESV raster of the first epoch (currency per "
                    + "pixel per year, land-use grid); needs esvAfter.") GridCoverage2D esvBefore,
            @DescribeParameter(name = "esvAfter", min = 0, description = "ESV raster of the second epoch.") GridCoverage2D esvAfter,
            @DescribeParameter(name = "years", min = 0, description = "Years of the two epochs, comma-separated (e.g. "
                    + "2013,2015), for the annual rate.") String years,
            @DescribeParameter(name = "correctionMode", min = 0, defaultValue = "PIXEL", description = "As in esv:Value: "
                    + "PIXEL or REGION (needs regions).") CorrectionMode correctionMode,
            @DescribeParameter(name = "nppBefore", min = 0, description = "NPP raster of the first epoch (any grid).") GridCoverage2D nppBefore,
            @DescribeParameter(name = "nppAfter", min = 0, description = "NPP raster of the second epoch.") GridCoverage2D nppAfter,
            @DescribeParameter(name = "precipitationBefore", min = 0, description = "Precipitation raster of the first epoch.")
                    GridCoverage2D precipitationBefore,
            @DescribeParameter(name = "precipitationAfter", min = 0, description = "Precipitation raster of the second epoch.")
                    GridCoverage2D precipitationAfter,
            @DescribeParameter(name = "soilConservationBefore", min = 0, description = "Soil-conservation raster of the first epoch.")
                    GridCoverage2D soilConservationBefore,
            @DescribeParameter(name = "soilConservationAfter", min = 0, description = "Soil-conservation raster of the second epoch.")
                    GridCoverage2D soilConservationAfter,
            @DescribeParameter(name = "nppReferenceMeanBefore", min = 0, description = "Reference mean NPP of the first "
                    + "epoch (e.g. esv:CorrectionReference); its study-area mean when absent.") Double nppReferenceMeanBefore,
            @DescribeParameter(name = "nppReferenceMeanAfter", min = 0, description = "Reference mean NPP of the second epoch.")
                    Double nppReferenceMeanAfter,
            @DescribeParameter(name = "precipitationReferenceMeanBefore", min = 0, description = "Reference mean precipitation, first epoch.")
                    Double precipitationReferenceMeanBefore,
            @DescribeParameter(name = "precipitationReferenceMeanAfter", min = 0, description = "Reference mean precipitation, second epoch.")
                    Double precipitationReferenceMeanAfter,
            @DescribeParameter(name = "soilConservationReferenceMeanBefore", min = 0, description = "Reference mean soil conservation, first epoch.")
                    Double soilConservationReferenceMeanBefore,
            @DescribeParameter(name = "soilConservationReferenceMeanAfter", min = 0, description = "Reference mean soil conservation, second epoch.")
                    Double soilConservationReferenceMeanAfter,
            @DescribeParameter(name = "serviceGroups", min = 0, description = "Own grouping of services by factor (CSV), as in esv:Value.")
                    Table serviceGroups,
            ProgressListener monitor) {
        if (before == null) throw new InvalidInputException("before", "is required");
        if (after == null) throw new InvalidInputException("after", "is required");
        ValueProcess.requireIntegral(before, "before");
        ValueProcess.requireIntegral(after, "after");
        Grids.requireSameGrid(before, "before", after, "after");
        boolean rasters = esvBefore != null || esvAfter != null;
        if (rasters) {
            if (esvBefore == null) throw new InvalidInputException("esvBefore", "is required with esvAfter");
            if (esvAfter == null) throw new InvalidInputException("esvAfter", "is required with esvBefore");
            Grids.requireSameGrid(before, "before", esvBefore, "esvBefore");
            Grids.requireSameGrid(before, "before", esvAfter, "esvAfter");
        }
        int[] year = years == null ? null : CorrectionReferenceProcess.years(years, 2);
        GridCoverage2D[][] factorRasters = {
            {nppBefore, precipitationBefore, soilConservationBefore}, {nppAfter, precipitationAfter, soilConservationAfter}};
        Double[][] referenceMeans = {
            {nppReferenceMeanBefore, precipitationReferenceMeanBefore, soilConservationReferenceMeanBefore},
            {nppReferenceMeanAfter, precipitationReferenceMeanAfter, soilConservationReferenceMeanAfter}};
        for (int f = 0; f < DynamicCorrection.FACTORS; f++) {
            String key = ServiceGroups.Factor.values()[f].key();
            if ((factorRasters[0][f] == null) != (factorRasters[1][f] == null)) {
                throw new InvalidInputException(key + (factorRasters[0][f] == null ? "Before" : "After"),
                        "is required: give the " + key + " raster of both epochs or of neither");
            }
        }
        CorrectionMode mode = correctionMode == null ? CorrectionMode.PIXEL : correctionMode;
        ClassValues classes = Valuation.of(standardEquivalent, coefficients, coefficientTable, tableUnit, classPreset, classMapping).classes();
        Zones zones = regions == null ? null : Zones.of(regions, regionIdField, regionIdField, before.getGridGeometry(), "regions");
        GridCoverage2D[] landUse = {before, after};
        DynamicCorrection[] correction = new DynamicCorrection[2];
        for (int e = 0; e < 2; e++) {
            GridCoverage2D[] aligned = new GridCoverage2D[DynamicCorrection.FACTORS];
            for (int f = 0; f < aligned.length; f++) {
                GridCoverage2D raster = factorRasters[e][f];
                if (raster != null) aligned[f] = Grids.alignTo(raster, before.getGridGeometry(), Grids.Resampling.BILINEAR);
            }
            correction[e] = new DynamicCorrection(mode, aligned, referenceMeans[e], zones, e == 0 ? "Before" : "After");
        }
        if (correction[0].active() && mode == CorrectionMode.REGION && zones == null) {
            throw new InvalidInputException("regions", "is required with correctionMode=REGION");
        }
        ServiceGroups groups = serviceGroups == null ? ServiceGroups.defaults() : ServiceGroups.of(serviceGroups, "serviceGroups");
        int[] group = groups.groups(classes.services());
        GroupedValues[] values = {new GroupedValues(classes, group, correction[0]), new GroupedValues(classes, group, correction[1])};

        List<GridCoverage2D> inputs = new ArrayList<>(List.of(before, after));
        if (rasters) {
            inputs.add(esvBefore);
            inputs.add(esvAfter);
        }
        for (int e = 0; e < 2; e++) {
            correction[e].addInputs(inputs, landUse[e]);
            correction[e].start(classes.size());
        }
        int zoneInput = inputs.size();
        if (zones != null) inputs.add(zones.raster(before.getGridGeometry(), Blocks.BLOCK));
        int zoneCount = zones == null ? 1 : zones.size() + 1;
        double[] luNodata = {Rasters.nodata(before), Rasters.nodata(after)};
        double ndEsv0 = rasters ? Rasters.nodata(esvBefore) : Double.NaN, ndEsv1 = rasters ? Rasters.nodata(esvAfter) : Double.NaN;
        PixelArea area = PixelArea.of(before.getGridGeometry());
        Progress.started(monitor);
        boolean statistics = correction[0].needsStatistics() || correction[1].needsStatistics();
        if (statistics) statistics(inputs, landUse, luNodata, classes, correction, area, monitor);
        float from = statistics ? 50f : 0f;
        // rows of blocks in parallel, merged in row order (Blocks.reduce): the sums do not depend on the thread count
        Pass pass = Blocks.reduce(inputs, monitor, from, 100f, () -> new Pass(zoneCount), (acc, b, r) -> {
            int[] c0 = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            int[] c1 = Samples.ints(r[1], b.x, b.y, b.width, b.height, 0, null);
            int[] z = zones == null ? null : Samples.ints(r[zoneInput], b.x, b.y, b.width, b.height, 0, null);
            double[] e0 = rasters ? Samples.doubles(r[2], b.x, b.y, b.width, b.height, 0, null) : null;
            double[] e1 = rasters ? Samples.doubles(r[3], b.x, b.y, b.width, b.height, 0, null) : null;
            double[][] f0 = values[0].factors(b, r), f1 = values[1].factors(b, r);
            for (int i = 0; i < c0.length; i++) {
                if (c0[i] == luNodata[0] || c1[i] == luNodata[1]) continue;
                if (rasters && !Rasters.isNodata(e0[i], ndEsv0) && !Rasters.isNodata(e1[i], ndEsv1)) {
                    acc.rasterSums[0][0] += e0[i];
                    acc.rasterSums[0][1] += e1[i];
                    if (z != null && z[i] > 0) {
                        acc.rasterSums[z[i]][0] += e0[i];
                        acc.rasterSums[z[i]][1] += e1[i];
                    }
                }
                int k0 = classes.index(c0[i]), k1 = classes.index(c1[i]);
                if (k0 < 0) acc.unknown.add(c0[i]);
                if (k1 < 0) acc.unknown.add(c1[i]);
                // VC_e(lu_l): coefficients of epoch e at this pixel applied to the class of epoch l (0 for unknown codes)
                double vc00 = k0 < 0 ? 0 : values[0].perHectare(k0, f0, i), vc01 = k1 < 0 ? 0 : values[0].perHectare(k1, f0, i);
                double vc10 = k0 < 0 ? 0 : values[1].perHectare(k0, f1, i), vc11 = k1 < 0 ? 0 : values[1].perHectare(k1, f1, i);
                double a = area.hectares(b.y + i / b.width);
                acc.sums[0].add(c0[i], c1[i], a, vc00, vc01, vc10, vc11);
                if (z != null && z[i] > 0) acc.sums[z[i]].add(c0[i], c1[i], a, vc00, vc01, vc10, vc11);
            }
        }, Pass::merge);
        TransitionSums[] sums = pass.sums; // [0] whole raster, [k] region k
        double[][] rasterSums = pass.rasterSums; // Σ esvBefore, Σ esvAfter over pixels valid in all inputs
        TreeSet<Integer> unknown = pass.unknown;
        if (unknownCodes != Valuation.UnknownCodes.ZERO) Valuation.failOnUnknown(unknown, "before/after");

        Table.Builder gainLoss = Table.builder("region_id", "region_name", "from_class", "to_class", "area_ha", "vc_from",
                "vc_to", "delta_esv");
        List<String> columns = new ArrayList<>(List.of("region_id", "region_name", "area_ha", "esv_before", "esv_after", "change",
                "change_index", "annual_rate_pct", "gain", "loss", "net"));
        if (rasters) columns.addAll(List.of("raster_esv_before", "raster_esv_after", "raster_change", "raster_change_index"));
        Table.Builder summary = Table.builder(columns.toArray(new String[0]));
        Table.Builder decomposition = Table.builder("region_id", "delta", "land_use_effect", "correction_effect", "interaction");
        for (int z = 0; z < zoneCount; z++) {
            String id = z == 0 ? "all" : zones.id(z), name = z == 0 ? "all" : zones.name(z);
            GainLoss g = GainLoss.of(sums[z]);
            for (GainLoss.Transition t : g.transitions()) {
                gainLoss.row(id, name, t.from(), t.to(), t.areaHa(), t.vcFrom(), t.vcTo(), t.delta());
            }
            Double index = g.before() == 0 ? null : (g.after() - g.before()) / g.before();
            List<Object> row = new ArrayList<>(List.of(id, name, sums[z].area.total(), g.before(), g.after(), g.after() - g.before()));
            row.add(index);
            row.add(index == null || year == null ? null : 100 * index / (year[1] - year[0]));
            row.addAll(List.of(g.gain(), g.loss(), g.net()));
            if (rasters) {
                double r0 = rasterSums[z][0], r1 = rasterSums[z][1];
                row.addAll(List.of(r0, r1, r1 - r0));
                row.add(r0 == 0 ? null : (r1 - r0) / r0);
            }
            summary.row(row.toArray());
            double[] d = sums[z].decomposition();
            decomposition.row(id, d[0], d[1], d[2], d[3]);
        }
        List<GridCoverage2D> changeInputs = inputs.subList(0, zoneInput);
        GridCoverage2D change = Blocks.map("esv_change", changeInputs, DataBuffer.TYPE_FLOAT, ValueProcess.NODATA, (r, out) -> {
            Rectangle b = out.getBounds();
            int[] c0 = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            int[] c1 = Samples.ints(r[1], b.x, b.y, b.width, b.height, 0, null);
            double[] e0 = rasters ? Samples.doubles(r[2], b.x, b.y, b.width, b.height, 0, null) : null;
            double[] e1 = rasters ? Samples.doubles(r[3], b.x, b.y, b.width, b.height, 0, null) : null;
            double[][] f0 = rasters ? null : values[0].factors(b, r), f1 = rasters ? null : values[1].factors(b, r);
            float[] v = new float[c0.length];
            for (int i = 0; i < v.length; i++) {
                if (c0[i] == luNodata[0] || c1[i] == luNodata[1]) v[i] = ValueProcess.NODATA;
                else if (rasters) {
                    v[i] = Rasters.isNodata(e0[i], ndEsv0) || Rasters.isNodata(e1[i], ndEsv1) ? ValueProcess.NODATA : (float) (e1[i] - e0[i]);
                } else {
                    int k0 = classes.index(c0[i]), k1 = classes.index(c1[i]);
                    double vc00 = k0 < 0 ? 0 : values[0].perHectare(k0, f0, i), vc11 = k1 < 0 ? 0 : values[1].perHectare(k1, f1, i);
                    v[i] = (float) (area.hectares(b.y + i / b.width) * (vc11 - vc00));
                }
            }
            Samples.put(out, b.x, b.y, b.width, b.height, 0, v);
        });
        Progress.completed(monitor);
        return Results.of(new Result(change, PixelArea.perHectare(change, "esv_change_per_ha"), gainLoss.build(),
                summary.build(), decomposition.build()));
    }

    /** The statistics pass of the corrections that need one (study-area means, region means), as esv:Value makes it. */
    private static void statistics(List<GridCoverage2D> inputs, GridCoverage2D[] landUse, double[] luNodata, ClassValues classes,
            DynamicCorrection[] correction, PixelArea area, ProgressListener monitor) {
        DynamicCorrection.Sums[] sums = Blocks.reduce(inputs, monitor, 0f, 50f, () -> new DynamicCorrection.Sums[] {
            correction[0].active() ? correction[0].new Sums() : null, correction[1].active() ? correction[1].new Sums() : null
        }, (acc, b, r) -> {
            int n = b.width * b.height;
            int[] classOf = new int[n];
            double[] scratch = new double[n];
            for (int e = 0; e < 2; e++) {
                if (acc[e] == null) continue;
                int[] lu = Samples.ints(r[e], b.x, b.y, b.width, b.height, 0, null);
                for (int i = 0; i < n; i++) {
                    int k = classes.index(lu[i]);
                    classOf[i] = lu[i] == luNodata[e] ? -1 : k < 0 ? classes.size() : k;
                }
                acc[e].accumulate(b, r, classOf, area, scratch);
            }
        }, (a, later) -> {
            for (int e = 0; e < 2; e++) if (a[e] != null) a[e].merge(later[e]);
            return a;
        });
        for (int e = 0; e < 2; e++) if (sums[e] != null) correction[e].finish(sums[e]);
    }

    /** The sums of the main pass over one row of blocks. */
    private static final class Pass {
        final TransitionSums[] sums;
        final double[][] rasterSums;
        final TreeSet<Integer> unknown = new TreeSet<>();

        Pass(int zoneCount) {
            sums = new TransitionSums[zoneCount];
            for (int z = 0; z < zoneCount; z++) sums[z] = new TransitionSums();
            rasterSums = new double[zoneCount][2];
        }

        Pass merge(Pass later) {
            for (int z = 0; z < sums.length; z++) {
                sums[z].addAll(later.sums[z]);
                rasterSums[z][0] += later.rasterSums[z][0];
                rasterSums[z][1] += later.rasterSums[z][1];
            }
            unknown.addAll(later.unknown);
            return this;
        }
    }
}
