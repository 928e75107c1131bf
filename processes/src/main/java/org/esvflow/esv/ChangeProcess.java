package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.esvflow.lu.TransferMatrix;
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
        title = "ESV change, gain and loss by transition",
        description = "Between two land-use epochs on one grid, valued with the same coefficients (no dynamic "
                + "correction): per-pixel change ESV_after − ESV_before (currency per pixel per year), change index "
                + "(ESV_after − ESV_before)/ESV_before, and gain/loss by transition ΔESV[i→j] = A[i→j]·(VC_j − VC_i) "
                + "(A in ha, VC total value coefficient in currency per ha per year); gains, losses and the net change, "
                + "for the whole raster and per region. Only pixels valid at both epochs are counted, so the net change "
                + "equals ESV_after − ESV_before over those pixels. With esvBefore/esvAfter (e.g. dynamically corrected "
                + "esv:Value rasters) the change raster is their difference and the summary adds their totals and "
                + "change index; gain/loss by transition stays on the value coefficients.")
public class ChangeProcess {

    public record Result(GridCoverage2D change, GridCoverage2D changePerHa, Table gainLoss, Table summary) {}

    @DescribeResults({
        @DescribeResult(name = "change", type = GridCoverage2D.class,
                description = "ESV_after − ESV_before per pixel, currency per year (float32, nodata -9999)."),
        @DescribeResult(name = "changePerHa", type = GridCoverage2D.class,
                description = "The change as a density, currency per hectare per year, for styling at any resolution."),
        @DescribeResult(name = "gainLoss", type = Table.class, description = "region_id, region_name, from_class, "
                + "to_class, area_ha, vc_from, vc_to (currency/ha/yr), delta_esv (currency/yr); changed transitions only."),
        @DescribeResult(name = "summary", type = Table.class, description = "region_id, region_name, area_ha, "
                + "esv_before, esv_after, change, change_index, gain, loss (≤ 0), net (= gain + loss = change); with "
                + "ESV rasters also raster_esv_before, raster_esv_after, raster_change, raster_change_index.")
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
            @DescribeParameter(name = "regions", min = 0, description = "Region polygons (GeoJSON) for per-region results.")
                    SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region.") String regionIdField,
            @DescribeParameter(name = "esvBefore", min = 0, description = "ESV raster of the first epoch (currency per "
                    + "pixel per year, land-use grid), e.g. corrected esv:Value output; needs esvAfter.") GridCoverage2D esvBefore,
            @DescribeParameter(name = "esvAfter", min = 0, description = "ESV raster of the second epoch.") GridCoverage2D esvAfter,
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
        ClassValues classes = Valuation.of(standardEquivalent, coefficients, coefficientTable, tableUnit, classPreset, classMapping).classes();
        Zones zones = regions == null ? null : Zones.of(regions, regionIdField, regionIdField, before.getGridGeometry(), "regions");
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(before, after));
        if (rasters) {
            inputs.add(esvBefore);
            inputs.add(esvAfter);
        }
        int zoneInput = inputs.size();
        if (zones != null) inputs.add(zones.raster(before.getGridGeometry(), Blocks.BLOCK));
        int zoneCount = zones == null ? 1 : zones.size() + 1;
        double ndBefore = Rasters.nodata(before), ndAfter = Rasters.nodata(after);
        double ndEsv0 = rasters ? Rasters.nodata(esvBefore) : Double.NaN, ndEsv1 = rasters ? Rasters.nodata(esvAfter) : Double.NaN;
        PixelArea area = PixelArea.of(before.getGridGeometry());
        Progress.started(monitor);
        // rows of blocks in parallel, merged in row order (Blocks.reduce): the sums do not depend on the thread count
        Pass pass = Blocks.reduce(inputs, monitor, 0f, 100f, () -> new Pass(zoneCount), (acc, b, r) -> {
            int[] c0 = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            int[] c1 = Samples.ints(r[1], b.x, b.y, b.width, b.height, 0, null);
            int[] z = zones == null ? null : Samples.ints(r[zoneInput], b.x, b.y, b.width, b.height, 0, null);
            double[] e0 = rasters ? Samples.doubles(r[2], b.x, b.y, b.width, b.height, 0, null) : null;
            double[] e1 = rasters ? Samples.doubles(r[3], b.x, b.y, b.width, b.height, 0, null) : null;
            for (int i = 0; i < c0.length; i++) {
                if (c0[i] == ndBefore || c1[i] == ndAfter) continue;
                if (rasters && !Rasters.isNodata(e0[i], ndEsv0) && !Rasters.isNodata(e1[i], ndEsv1)) {
                    acc.rasterSums[0][0] += e0[i];
                    acc.rasterSums[0][1] += e1[i];
                    if (z != null && z[i] > 0) {
                        acc.rasterSums[z[i]][0] += e0[i];
                        acc.rasterSums[z[i]][1] += e1[i];
                    }
                }
                if (classes.index(c0[i]) < 0) acc.unknown.add(c0[i]);
                if (classes.index(c1[i]) < 0) acc.unknown.add(c1[i]);
                double a = area.hectares(b.y + i / b.width);
                acc.matrices[0].add(c0[i], c1[i], a);
                if (z != null && z[i] > 0) acc.matrices[z[i]].add(c0[i], c1[i], a);
            }
        }, Pass::merge);
        TransferMatrix[] matrices = pass.matrices; // [0] whole raster, [k] region k
        double[][] rasterSums = pass.rasterSums; // Σ esvBefore, Σ esvAfter over pixels valid in all inputs
        TreeSet<Integer> unknown = pass.unknown;
        if (unknownCodes != Valuation.UnknownCodes.ZERO) Valuation.failOnUnknown(unknown, "before/after");

        Table.Builder gainLoss = Table.builder("region_id", "region_name", "from_class", "to_class", "area_ha", "vc_from",
                "vc_to", "delta_esv");
        List<String> columns = new ArrayList<>(List.of("region_id", "region_name", "area_ha", "esv_before", "esv_after", "change",
                "change_index", "gain", "loss", "net"));
        if (rasters) columns.addAll(List.of("raster_esv_before", "raster_esv_after", "raster_change", "raster_change_index"));
        Table.Builder summary = Table.builder(columns.toArray(new String[0]));
        for (int z = 0; z < zoneCount; z++) {
            String id = z == 0 ? "all" : zones.id(z), name = z == 0 ? "all" : zones.name(z);
            GainLoss g = GainLoss.of(matrices[z], code -> vcTotal(classes, code));
            for (GainLoss.Transition t : g.transitions()) {
                gainLoss.row(id, name, t.from(), t.to(), t.areaHa(), t.vcFrom(), t.vcTo(), t.delta());
            }
            List<Object> row = new ArrayList<>(List.of(id, name, matrices[z].total(), g.before(), g.after(), g.after() - g.before()));
            row.add(g.before() == 0 ? null : (g.after() - g.before()) / g.before());
            row.addAll(List.of(g.gain(), g.loss(), g.net()));
            if (rasters) {
                double r0 = rasterSums[z][0], r1 = rasterSums[z][1];
                row.addAll(List.of(r0, r1, r1 - r0));
                row.add(r0 == 0 ? null : (r1 - r0) / r0);
            }
            summary.row(row.toArray());
        }
        List<GridCoverage2D> changeInputs = rasters ? List.of(before, after, esvBefore, esvAfter) : List.of(before, after);
        GridCoverage2D change = Blocks.map("esv_change", changeInputs, DataBuffer.TYPE_FLOAT, ValueProcess.NODATA, (r, out) -> {
            Rectangle b = out.getBounds();
            int[] c0 = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            int[] c1 = Samples.ints(r[1], b.x, b.y, b.width, b.height, 0, null);
            double[] e0 = rasters ? Samples.doubles(r[2], b.x, b.y, b.width, b.height, 0, null) : null;
            double[] e1 = rasters ? Samples.doubles(r[3], b.x, b.y, b.width, b.height, 0, null) : null;
            float[] v = new float[c0.length];
            for (int i = 0; i < v.length; i++) {
                if (c0[i] == ndBefore || c1[i] == ndAfter) v[i] = ValueProcess.NODATA;
                else if (rasters) {
                    v[i] = Rasters.isNodata(e0[i], ndEsv0) || Rasters.isNodata(e1[i], ndEsv1) ? ValueProcess.NODATA : (float) (e1[i] - e0[i]);
                } else {
                    v[i] = (float) (area.hectares(b.y + i / b.width) * (vcTotal(classes, c1[i]) - vcTotal(classes, c0[i])));
                }
            }
            Samples.put(out, b.x, b.y, b.width, b.height, 0, v);
        });
        Progress.completed(monitor);
        return Results.of(new Result(change, PixelArea.perHectare(change, "esv_change_per_ha"), gainLoss.build(),
                summary.build()));
    }

    /** The sums of the statistics pass over one row of blocks. */
    private static final class Pass {
        final TransferMatrix[] matrices;
        final double[][] rasterSums;
        final TreeSet<Integer> unknown = new TreeSet<>();

        Pass(int zoneCount) {
            matrices = new TransferMatrix[zoneCount];
            for (int z = 0; z < zoneCount; z++) matrices[z] = new TransferMatrix();
            rasterSums = new double[zoneCount][2];
        }

        Pass merge(Pass later) {
            for (int z = 0; z < matrices.length; z++) {
                matrices[z].addAll(later.matrices[z]);
                rasterSums[z][0] += later.rasterSums[z][0];
                rasterSums[z][1] += later.rasterSums[z][1];
            }
            unknown.addAll(later.unknown);
            return this;
        }
    }

    /** Σ VC of a code, 0 for codes the mapping does not know (only reached with unknownCodes=ZERO). */
    static double vcTotal(ClassValues classes, int code) {
        int k = classes.index(code);
        return k < 0 ? 0 : classes.total(k);
    }
}
