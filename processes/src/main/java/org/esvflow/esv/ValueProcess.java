package org.esvflow.esv;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.OutputSelection;
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

/** Ecosystem-service value of one epoch by the equivalent-factor method, optionally with dynamic correction. */
@DescribeProcess(
        title = "Ecosystem-service value (equivalent factors)",
        description = "ESV of one land-use epoch: VC[class, service] = Σ type weight × table value × D, ESV = Σ pixel "
                + "area (ha, true area; ellipsoidal in geographic CRSs) × VC, in currency per year. Optional dynamic "
                + "correction (Xie 2015): NPP, precipitation and soil-conservation rasters, aligned onto the land-use "
                + "grid (bilinear), give ratio factors value/mean per pixel or per region that multiply the services of "
                + "their group (serviceGroups; default grouping UNVERIFIED). " + ValueProcess.UNVERIFIED_NOTE)
public class ValueProcess {
    /** Kept equal to the flags in the shipped CSV files by ValueCoefficientsTest. */
    static final String UNVERIFIED_NOTE = "UNVERIFIED rows in shipped tables: XIE2015 coniferous, steppe, meadow, "
            + "glacier_snow (from memory of Table 3); COSTANZA1997 grass_rangelands, cropland, wetlands_total; "
            + "CLCD preset code order; CAS preset 23, 24, 31, 32, 33; WORLDCOVER preset 100. Outputs flag the classes "
            + "that use them (column 'warning').";

    static final float NODATA = -9999f;

    public record Result(GridCoverage2D esv, GridCoverage2D esvPerHa, GridCoverage2D services, Table byClass,
                         Table byService, Table totals, Table factors, Table byRegion) {}

    @DescribeResults({
        @DescribeResult(name = "esv", type = GridCoverage2D.class,
                description = "ESV per pixel, currency per year (float32, nodata -9999), on the land-use grid."),
        @DescribeResult(name = "esvPerHa", type = GridCoverage2D.class,
                description = "ESV density, currency per hectare per year (each pixel's ESV over its true area): "
                        + "the same map at any resolution, for styling."),
        @DescribeResult(name = "services", type = GridCoverage2D.class,
                description = "With serviceRasters=true: one band per service (order of the byService table), currency per pixel per year."),
        @DescribeResult(name = "byClass", type = Table.class,
                description = "Per land-use class: code, label, pixels, area_ha, vc_per_ha (uncorrected Σ VC), esv_<service> "
                        + "columns, esv_total (currency/yr), warning (UNVERIFIED rows used). Unknown codes valued 0 appear as 'unknown'."),
        @DescribeResult(name = "byService", type = Table.class,
                description = "Per service: service, factor (correction applied), esv (currency/yr), share_pct."),
        @DescribeResult(name = "totals", type = Table.class,
                description = "quantity, value, unit: total_esv (corrected when factor rasters are given), static_esv "
                        + "(the same coefficients without correction), area_ha, pixels, standard_equivalent, coefficient_table, "
                        + "uncorrected_pixels, unknown_codes, unverified_rows_used."),
        @DescribeResult(name = "factors", type = Table.class,
                description = "With correction, per factor: factor, region_id, region_name ('all' for the study area), "
                        + "area_mean (area-weighted mean over valid land use, units of the raster), reference_mean (what the "
                        + "factor divides by), reference (given or study area), area_factor = area_mean / reference_mean; "
                        + "in REGION mode also one row per region (its mean and factor)."),
        @DescribeResult(name = "byRegion", type = Table.class,
                description = "With summaryRegions: per region set and region, the (corrected) ESV: region_set, region_id, "
                        + "region_name, pixels, area_ha, esv_total (currency/yr), esv_per_ha (currency/ha/yr), then "
                        + "esv_provisioning, esv_regulating, esv_supporting, esv_cultural (currency/yr; Xie 2015's grouping "
                        + "of its services; services outside these categories, e.g. Costanza's single total, count "
                        + "only in esv_total).")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "landUse", description = "Land-use raster of integer class codes; its nodata value is skipped.")
                    GridCoverage2D landUse,
            @DescribeParameter(name = "standardEquivalent", min = 0, description = Valuation.D_DESCRIPTION)
                    Double standardEquivalent,
            @DescribeParameter(name = "crops", min = 0, description = "Instead of standardEquivalent: crop statistics "
                    + "(CSV as in esv:StandardEquivalent) from which D is computed.") Table crops,
            @DescribeParameter(name = "standardEquivalentMethod", min = 0, defaultValue = "SEVENTH",
                    description = "How D is computed from crops: SEVENTH (1/7 of the output value) or NET_PROFIT.")
                    StandardEquivalentProcess.Method standardEquivalentMethod,
            @DescribeParameter(name = "coefficients", min = 0, defaultValue = "XIE2015",
                    description = "Shipped coefficient table: XIE2015, XIE2003 (equivalents), COSTANZA1997, COSTANZA2014, "
                            + "DEGROOT2012 (USD per ha per year).") ValueCoefficients.Preset coefficients,
            @DescribeParameter(name = "coefficientTable", min = 0, description = "Own coefficient table (CSV): type_code, "
                    + "one numeric column per service, optional verification; replaces 'coefficients'.") Table coefficientTable,
            @DescribeParameter(name = "tableUnit", min = 0, defaultValue = "EQUIVALENT",
                    description = "Unit of coefficientTable: EQUIVALENT (× D) or CURRENCY (per ha per year).") ValueCoefficients.Unit tableUnit,
            @DescribeParameter(name = "classPreset", min = 0, defaultValue = "CLCD",
                    description = "Land-use classification: CLCD, CAS (RESDC 2nd level) or WORLDCOVER.") ClassMapping.Preset classPreset,
            @DescribeParameter(name = "classMapping", min = 0, description = "Own class mapping (CSV): code,types[,label] "
                    + "with types 'a', 'a;b' (mean) or 'a:0.7;b:0.3' (weighted), or code,type,weight rows; replaces classPreset.")
                    Table classMapping,
            @DescribeParameter(name = "unknownCodes", min = 0, defaultValue = "ERROR",
                    description = "Codes absent from the mapping: ERROR (list them) or ZERO (value 0, area still reported).")
                    Valuation.UnknownCodes unknownCodes,
            @DescribeParameter(name = "npp", min = 0, description = "NPP raster for the factor P (any grid; aligned bilinearly).")
                    GridCoverage2D npp,
            @DescribeParameter(name = "precipitation", min = 0, description = "Precipitation raster for the factor R.")
                    GridCoverage2D precipitation,
            @DescribeParameter(name = "soilConservation", min = 0, description = "Soil-conservation raster for the factor S.")
                    GridCoverage2D soilConservation,
            @DescribeParameter(name = "correctionMode", min = 0, defaultValue = "PIXEL",
                    description = "PIXEL: factor = pixel value / mean; REGION: factor = region mean / mean (needs regions).")
                    CorrectionMode correctionMode,
            @DescribeParameter(name = "regions", min = 0, description = "Region polygons (GeoJSON) for REGION mode, e.g. counties.")
                    SimpleFeatureCollection regions,
            @DescribeParameter(name = "regionIdField", min = 0, description = "Attribute naming each region; feature id when absent.")
                    String regionIdField,
            @DescribeParameter(name = "nppReferenceMean", min = 0, description = "Mean NPP to divide by instead of the study-area mean (e.g. national).")
                    Double nppReferenceMean,
            @DescribeParameter(name = "precipitationReferenceMean", min = 0, description = "Reference mean precipitation.")
                    Double precipitationReferenceMean,
            @DescribeParameter(name = "soilConservationReferenceMean", min = 0, description = "Reference mean soil conservation.")
                    Double soilConservationReferenceMean,
            @DescribeParameter(name = "serviceGroups", min = 0, description = "Own grouping (CSV service,factor with factor "
                    + "npp, precipitation, soilConservation or none); default: METHODS.md grouping (UNVERIFIED).") Table serviceGroups,
            @DescribeParameter(name = "serviceRasters", min = 0, defaultValue = "false",
                    description = "Also return a per-service raster (one band per service).") Boolean serviceRasters,
            @DescribeParameter(name = "summaryRegions", min = 0, max = 100, collectionType = SimpleFeatureCollection.class,
                    description = "Region sets (GeoJSON, e.g. counties and provinces) to report the ESV of (byRegion), "
                            + "summed in one extra pass as esv:ZonalSummary does (pixel centre in polygon).")
                    List<SimpleFeatureCollection> summaryRegions,
            @DescribeParameter(name = "summaryRegionIdFields", min = 0, description = "Id attribute of each summary region "
                    + "set, comma-separated (or one for all); feature id when absent.") String summaryRegionIdFields,
            @DescribeParameter(name = "summaryRegionNameFields", min = 0, description = "Name attribute of each summary "
                    + "region set, comma-separated (default: the id field).") String summaryRegionNameFields,
            @DescribeParameter(name = "summaryRegionSets", min = 0, description = "Names of the summary region sets, "
                    + "comma-separated (default set_1, set_2, …).") String summaryRegionSets,
            ProgressListener monitor) {
        if (landUse == null) throw new InvalidInputException("landUse", "is required");
        requireIntegral(landUse, "landUse");
        if (standardEquivalent != null && crops != null) {
            throw new InvalidInputException("crops", "give either standardEquivalent or crops, not both");
        }
        if (crops != null) standardEquivalent = StandardEquivalentProcess.compute(crops, standardEquivalentMethod, null).standardEquivalent();
        Valuation valuation = Valuation.of(standardEquivalent, coefficients, coefficientTable, tableUnit, classPreset, classMapping);
        CorrectionMode mode = correctionMode == null ? CorrectionMode.PIXEL : correctionMode;
        GridCoverage2D[] aux = {npp, precipitation, soilConservation};
        boolean anyAux = npp != null || precipitation != null || soilConservation != null;
        Zones zones = null;
        if (anyAux && mode == CorrectionMode.REGION) {
            if (regions == null) throw new InvalidInputException("regions", "is required with correctionMode=REGION");
            zones = Zones.of(regions, regionIdField, regionIdField, landUse.getGridGeometry(), "regions");
        }
        GridCoverage2D[] aligned = new GridCoverage2D[aux.length];
        for (int f = 0; f < aux.length; f++) {
            if (aux[f] != null) aligned[f] = Grids.alignTo(aux[f], landUse.getGridGeometry(), Grids.Resampling.BILINEAR);
        }
        DynamicCorrection correction = new DynamicCorrection(mode, aligned,
                new Double[] {nppReferenceMean, precipitationReferenceMean, soilConservationReferenceMean}, zones);
        ServiceGroups groups = serviceGroups == null ? ServiceGroups.defaults() : ServiceGroups.of(serviceGroups, "serviceGroups");
        boolean zeroUnknown = unknownCodes == Valuation.UnknownCodes.ZERO;
        boolean summarise = summaryRegions != null && !summaryRegions.isEmpty();
        List<Zones> summarySets = summarise ? ZonalSummaryProcess.zones(summaryRegions, summaryRegionIdFields,
                summaryRegionNameFields, landUse.getGridGeometry()) : List.of();
        List<String> setNames = summarise ? setNames(summaryRegionSets, summaryRegions.size()) : List.of();

        Progress.started(monitor);
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        ClassValues classes = valuation.classes();
        List<String> services = classes.services();
        int[] group = groups.groups(services);
        GroupedValues grouped = new GroupedValues(classes, group, correction);
        if (rastersOnly(monitor, correction, serviceRasters)) {
            // the statistics pass feeds only the tables (and the correction's means): a caller that takes the static
            // rasters alone (CLI --outputs esv, a ResponseDocument of esv) is spared it; a code the mapping lacks then
            // fails the raster's write (atomic: no file appears) unless unknownCodes=ZERO
            if (!zeroUnknown) grouped.failingOnUnknown("landUse");
            double luNodata = Rasters.nodata(landUse);
            Progress.completed(monitor);
            return Results.of(new Result(grouped.esvRaster(List.of(landUse), area, luNodata, false),
                    grouped.esvRaster(List.of(landUse), area, luNodata, true), null, null, null, null, null, null));
        }

        int nc = classes.size();
        List<GridCoverage2D> inputs = new ArrayList<>(List.of(landUse));
        correction.addInputs(inputs, landUse);
        correction.start(nc);
        double luNodata = Rasters.nodata(landUse);
        Pass pass = Blocks.reduce(inputs, monitor, 0f, summarise ? 50f : 100f, () -> new Pass(nc, correction),
                (acc, b, r) -> acc.visit(b, r, luNodata, area, classes), Pass::merge);
        double[] pixels = pass.pixels, hectares = pass.hectares;
        TreeMap<Integer, double[]> unknown = pass.unknown; // code -> {pixels, hectares}
        if (!zeroUnknown) Valuation.failOnUnknown(unknown.keySet(), "landUse");
        if (correction.active()) correction.finish(pass.sums);
        int F = DynamicCorrection.FACTORS;
        double[][] weighted = new double[F][nc]; // Σ area × factor per class, ha
        for (int f = 0; f < F; f++) {
            for (int k = 0; k < nc; k++) weighted[f][k] = correction.has(f) ? correction.weightedArea(f, k) : hectares[k];
        }

        GridCoverage2D esv = grouped.esvRaster(inputs, area, luNodata, false);
        GridCoverage2D esvPerHa = grouped.esvRaster(inputs, area, luNodata, true);
        GridCoverage2D serviceCoverage = Boolean.TRUE.equals(serviceRasters) ? grouped.serviceRaster(inputs, area, luNodata) : null;

        List<String> columns = new ArrayList<>(List.of("code", "label", "pixels", "area_ha", "vc_per_ha"));
        for (String s : services) columns.add("esv_" + s);
        columns.addAll(List.of("esv_total", "warning"));
        Table.Builder byClass = Table.builder(columns.toArray(new String[0]));
        double[] perService = new double[services.size()];
        double totalArea = 0, totalPixels = 0;
        Set<String> warnings = new LinkedHashSet<>();
        for (int k = 0; k < nc; k++) {
            if (pixels[k] == 0) continue;
            List<Object> row = new ArrayList<>(List.of(classes.code(k), classes.label(k), (long) pixels[k], hectares[k], classes.total(k)));
            double total = 0;
            for (int s = 0; s < services.size(); s++) {
                double v = classes.vc(k, s) * (group[s] < 0 ? hectares[k] : weighted[group[s]][k]);
                row.add(v);
                perService[s] += v;
                total += v;
            }
            row.add(total);
            row.add(classes.warning(k));
            if (!classes.warning(k).isEmpty()) warnings.add(classes.warning(k));
            byClass.row(row.toArray());
            totalArea += hectares[k];
            totalPixels += pixels[k];
        }
        for (Map.Entry<Integer, double[]> u : unknown.entrySet()) {
            List<Object> row = new ArrayList<>(List.of(u.getKey(), "unknown", (long) u.getValue()[0], u.getValue()[1], 0.0));
            for (int s = 0; s < services.size(); s++) row.add(0.0);
            row.add(0.0);
            row.add("code not in the class mapping; valued 0");
            byClass.row(row.toArray());
            totalArea += u.getValue()[1];
            totalPixels += u.getValue()[0];
        }
        double grand = 0;
        for (double v : perService) grand += v;
        Table.Builder byService = Table.builder("service", "factor", "esv", "share_pct");
        for (int s = 0; s < services.size(); s++) {
            String f = group[s] < 0 || !correction.has(group[s]) ? "none" : ServiceGroups.Factor.values()[group[s]].key();
            byService.row(services.get(s), f, perService[s], grand == 0 ? 0.0 : 100 * perService[s] / grand);
        }
        Table byRegion = null;
        if (summarise) {
            int[] category = ServiceCategories.defaults().of(services);
            int categories = ServiceCategories.NAMES.size();
            // straight from the inputs, block by block: a many-band density raster would hold rows of tiles of
            // (1 + categories) doubles, over a gigabyte at 16 000 px wide with two rows in flight
            byRegion = regionTable(ZonalSums.of(inputs, grouped.categoryBands(luNodata, category, categories), 1 + categories,
                    NODATA, summarySets, true, monitor, 50f, 100f), summarySets, setNames);
        }
        double staticTotal = 0;
        for (int k = 0; k < nc; k++) staticTotal += hectares[k] * classes.total(k);
        Table totals = Table.builder("quantity", "value", "unit")
                .row("total_esv", grand, "currency per year")
                .row("static_esv", staticTotal, "currency per year, without correction")
                .row("area_ha", totalArea, "ha")
                .row("pixels", (long) totalPixels, "pixels")
                .row("standard_equivalent", valuation.scale(),
                        valuation.table().unit() == ValueCoefficients.Unit.EQUIVALENT ? "currency per ha per year" : "multiplier")
                .row("coefficient_table", valuation.table().name(), "")
                .row("uncorrected_pixels", correction.active() ? correction.uncorrectedPixels() : 0L, "pixels whose factor could not be computed (factor 1)")
                .row("unknown_codes", unknown.keySet().toString(), "valued 0")
                .row("unverified_rows_used", String.join(" | ", warnings), "")
                .build();
        Progress.completed(monitor);
        return Results.of(new Result(esv, esvPerHa, serviceCoverage, byClass.build(),
                byService.build(), totals,
                correction.active() ? correction.table() : null, byRegion));
    }

    /** True when the caller asked for none of the tables of an uncorrected valuation, nor its service rasters. */
    private static boolean rastersOnly(ProgressListener monitor, DynamicCorrection correction, Boolean serviceRasters) {
        if (correction.active() || Boolean.TRUE.equals(serviceRasters)) return false;
        for (String table : List.of("byClass", "byService", "totals", "factors", "byRegion")) {
            if (OutputSelection.requested(monitor, table)) return false;
        }
        return true;
    }

    private static List<String> setNames(String names, int sets) {
        if (names == null || names.isBlank()) {
            List<String> out = new ArrayList<>();
            for (int s = 0; s < sets; s++) out.add("set_" + (s + 1));
            return out;
        }
        List<String> out = ZonalSummaryProcess.split(names);
        if (out.size() != sets) {
            throw new InvalidInputException("summaryRegionSets", sets + " region set(s) need as many names, got '" + names + "'");
        }
        return out;
    }

    /** The byRegion table from the zonal sums of the category densities (band 0 total, then one band per category). */
    private static Table regionTable(ZonalSums z, List<Zones> sets, List<String> setNames) {
        List<String> columns = new ArrayList<>(List.of("region_set", "region_id", "region_name", "pixels", "area_ha", "esv_total", "esv_per_ha"));
        for (String c : ServiceCategories.NAMES) columns.add("esv_" + c);
        Table.Builder t = Table.builder(columns.toArray(new String[0]));
        for (int s = 0; s < sets.size(); s++) {
            Zones zones = sets.get(s);
            for (int k = 1; k <= zones.size(); k++) {
                double ha = z.hectares[s][k];
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(setNames.get(s), zones.id(k), zones.name(k), z.pixels[s][k], ha,
                        z.sums[s][0][k], ha > 0 ? z.sums[s][0][k] / ha : null));
                for (int c = 1; c < z.sums[s].length; c++) row.add(z.sums[s][c][k]);
                t.row(row.toArray());
            }
        }
        return t.build();
    }

    /**
     * The statistics pass over one row of blocks: pixels and hectares per class, correction sums. Without correction
     * each block row of pixels is a histogram of codes (pixels of one row share their area), folded into the class
     * sums once per row and code.
     */
    private static final class Pass {
        final double[] pixels, hectares;
        final TreeMap<Integer, double[]> unknown = new TreeMap<>();
        final DynamicCorrection correction;
        final DynamicCorrection.Sums sums;
        final int[] classOf = new int[Blocks.BLOCK * Blocks.BLOCK];
        final double[] scratch = new double[Blocks.BLOCK * Blocks.BLOCK];
        int[] counts, seen; // histogram of codes [0, counts.length) within one pixel row, and the codes it holds

        Pass(int classes, DynamicCorrection correction) {
            pixels = new double[classes];
            hectares = new double[classes];
            this.correction = correction;
            sums = correction.active() ? correction.new Sums() : null;
        }

        void visit(Rectangle b, Raster[] r, double luNodata, PixelArea area, ClassValues classes) {
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            if (sums == null) {
                histogram(b, lu, luNodata, area, classes);
                return;
            }
            for (int i = 0; i < lu.length; i++) {
                if (lu[i] == luNodata) {
                    classOf[i] = -1;
                    continue;
                }
                double a = area.hectares(b.y + i / b.width);
                int k = classes.index(lu[i]);
                if (k < 0) {
                    double[] u = unknown.computeIfAbsent(lu[i], c -> new double[2]);
                    u[0]++;
                    u[1] += a;
                    classOf[i] = pixels.length;
                    continue;
                }
                classOf[i] = k;
                pixels[k]++;
                hectares[k] += a;
            }
            sums.accumulate(b, r, classOf, area, scratch);
        }

        private void histogram(Rectangle b, int[] lu, double luNodata, PixelArea area, ClassValues classes) {
            if (counts == null) {
                counts = new int[Math.max(256, classes.codeLimit())];
                seen = new int[counts.length];
            }
            for (int y = 0, i = 0; y < b.height; y++) {
                int distinct = 0;
                for (int end = i + b.width; i < end; i++) {
                    int code = lu[i];
                    if (code >= 0 && code < counts.length) {
                        if (counts[code]++ == 0) seen[distinct++] = code;
                    } else if (code != luNodata) {
                        add(code, 1, area.hectares(b.y + y), classes);
                    }
                }
                double a = area.hectares(b.y + y);
                for (int d = 0; d < distinct; d++) {
                    int code = seen[d];
                    if (code != luNodata) add(code, counts[code], a, classes);
                    counts[code] = 0;
                }
            }
        }

        /** {@code n} pixels of {@code code}, each of {@code a} hectares. */
        private void add(int code, int n, double a, ClassValues classes) {
            int k = classes.index(code);
            if (k < 0) {
                double[] u = unknown.computeIfAbsent(code, c -> new double[2]);
                u[0] += n;
                u[1] += n * a;
                return;
            }
            pixels[k] += n;
            hectares[k] += n * a;
        }

        Pass merge(Pass later) {
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] += later.pixels[k];
                hectares[k] += later.hectares[k];
            }
            later.unknown.forEach((code, u) -> {
                double[] mine = unknown.computeIfAbsent(code, c -> new double[2]);
                mine[0] += u[0];
                mine[1] += u[1];
            });
            if (sums != null) sums.merge(later.sums);
            return this;
        }
    }

    static void requireIntegral(GridCoverage2D coverage, String input) {
        RenderedImage image = coverage.getRenderedImage();
        int type = image.getSampleModel().getDataType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_SHORT && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
            throw new InvalidInputException(input, "must hold integer class codes (byte, int16, uint16 or int32)");
        }
    }
}
