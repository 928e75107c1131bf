package org.esvflow.esv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.PixelArea;
import org.esvflow.raster.Rasters;
import org.esvflow.raster.Samples;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/** Coefficient of sensitivity of total ESV to the value coefficients of each land-use class (or ecosystem sub-type). */
@DescribeProcess(
        title = "ESV sensitivity to value coefficients",
        description = "Coefficient of sensitivity CS = [(ESV_adj − ESV)/ESV] / [(VC_adj − VC)/VC] of the total ESV when "
                + "value coefficients are raised and lowered by 'adjustment' (default ±50%). by=CLASS (default): the "
                + "coefficients of one land-use class at a time, on the corrected ESV when 'esvByClass' (the byClass "
                + "table of esv:Value) is given, else on the uncorrected ESV of 'landUse'; since ESV is linear in each "
                + "class's coefficients, CS of a class equals its share of the total. by=TYPE: the coefficients of one "
                + "ecosystem sub-type of the coefficient table at a time, on the uncorrected ESV of 'landUse'. "
                + "CS < 1 means ESV is inelastic to those coefficients.")
public class SensitivityProcess {
    /** What is adjusted, one at a time. */
    public enum By { CLASS, TYPE }

    @DescribeResult(name = "sensitivity", type = Table.class, description = "by=CLASS: [year,] code, label, cs_plus, "
            + "cs_minus, esv_class (the class's ESV), esv_base, esv_plus, esv_minus (total ESV, currency/yr). by=TYPE: "
            + "[year,] type, verification, adjustment_pct, vc_per_ha (type's Σ VC, currency/ha/yr), area_ha "
            + "(area-equivalent of the type over all classes), esv_base, esv_adjusted (currency/yr), esv_change_pct, cs.")
    public Table execute(
            @DescribeParameter(name = "landUse", min = 0, description = "Land-use raster of integer class codes "
                    + "(uncorrected ESV); required unless esvByClass is given.") GridCoverage2D landUse,
            @DescribeParameter(name = "esvByClass", min = 0, description = "The byClass table of esv:Value (code, "
                    + "label, esv_total in currency/yr): CS on that (corrected) ESV; by=CLASS only.") Table esvByClass,
            @DescribeParameter(name = "by", min = 0, defaultValue = "CLASS",
                    description = "CLASS: per land-use class; TYPE: per ecosystem sub-type of the coefficient table.") By by,
            @DescribeParameter(name = "year", min = 0, description = "Written as a first column 'year' when given.") Integer year,
            @DescribeParameter(name = "standardEquivalent", min = 0, description = Valuation.D_DESCRIPTION) Double standardEquivalent,
            @DescribeParameter(name = "coefficients", min = 0, defaultValue = "XIE2015", description = "Shipped coefficient table.")
                    ValueCoefficients.Preset coefficients,
            @DescribeParameter(name = "coefficientTable", min = 0, description = "Own coefficient table (CSV).") Table coefficientTable,
            @DescribeParameter(name = "tableUnit", min = 0, defaultValue = "EQUIVALENT", description = "Unit of coefficientTable.")
                    ValueCoefficients.Unit tableUnit,
            @DescribeParameter(name = "classPreset", min = 0, defaultValue = "CLCD", description = "CLCD, CAS or WORLDCOVER.")
                    ClassMapping.Preset classPreset,
            @DescribeParameter(name = "classMapping", min = 0, description = "Own class mapping (CSV).") Table classMapping,
            @DescribeParameter(name = "unknownCodes", min = 0, defaultValue = "ERROR", description = "ERROR or ZERO.")
                    Valuation.UnknownCodes unknownCodes,
            @DescribeParameter(name = "adjustment", min = 0, defaultValue = "0.5",
                    description = "Relative change applied up and down, in (0, 1]; 0.5 = ±50%.") Double adjustment,
            ProgressListener monitor) {
        By what = by == null ? By.CLASS : by;
        double adj = adjustment == null ? 0.5 : adjustment;
        if (!(adj > 0 && adj <= 1)) throw new InvalidInputException("adjustment", "must be in (0, 1], got " + adjustment);
        if (esvByClass != null && what == By.TYPE) {
            throw new InvalidInputException("esvByClass", "gives ESV per class, not per sub-type: use by=CLASS, or landUse for by=TYPE");
        }
        if (esvByClass != null && landUse != null) throw new InvalidInputException("esvByClass", "give either landUse or esvByClass, not both");
        if (esvByClass == null && landUse == null) throw new InvalidInputException("landUse", "is required (or esvByClass with by=CLASS)");
        Progress.started(monitor);
        Table table;
        if (esvByClass != null) {
            table = Sensitivity.byClass(classEsv(esvByClass), adj, year);
        } else {
            ValueProcess.requireIntegral(landUse, "landUse");
            Valuation valuation = Valuation.of(standardEquivalent, coefficients, coefficientTable, tableUnit, classPreset, classMapping);
            double[] hectares = classHectares(landUse, valuation.classes(), unknownCodes, monitor);
            table = what == By.TYPE ? Sensitivity.table(valuation, hectares, adj, year)
                    : Sensitivity.byClass(uncorrectedClassEsv(valuation.classes(), hectares), adj, year);
        }
        Progress.completed(monitor);
        return table;
    }

    /** Area per class of the mapping, ha (true pixel areas); unknown codes fail unless unknownCodes=ZERO. */
    private static double[] classHectares(GridCoverage2D landUse, ClassValues classes, Valuation.UnknownCodes unknownCodes,
            ProgressListener monitor) {
        double[] hectares = new double[classes.size()];
        TreeMap<Integer, Double> unknown = new TreeMap<>();
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double nodata = Rasters.nodata(landUse);
        Blocks.forEach(List.of(landUse), monitor, 0f, 100f, (b, r) -> {
            int[] lu = Samples.ints(r[0], b.x, b.y, b.width, b.height, 0, null);
            for (int i = 0; i < lu.length; i++) {
                if (lu[i] == nodata) continue;
                int k = classes.index(lu[i]);
                double a = area.hectares(b.y + i / b.width);
                if (k < 0) unknown.merge(lu[i], a, Double::sum);
                else hectares[k] += a;
            }
        });
        if (unknownCodes != Valuation.UnknownCodes.ZERO) Valuation.failOnUnknown(unknown.keySet(), "landUse");
        return hectares;
    }

    private static List<ClassEsv> uncorrectedClassEsv(ClassValues classes, double[] hectares) {
        List<ClassEsv> out = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            if (hectares[k] > 0) out.add(new ClassEsv(classes.code(k), classes.label(k), hectares[k] * classes.total(k)));
        }
        return out;
    }

    /** The classes of an esv:Value byClass table: code, label, esv_total. */
    static List<ClassEsv> classEsv(Table byClass) {
        for (String c : List.of("code", "label", "esv_total")) {
            if (byClass.indexOf(c) < 0) throw new InvalidInputException("esvByClass", "needs a column '" + c + "' (esv:Value byClass), has " + byClass.columns());
        }
        double[] esv = byClass.doubles("esv_total");
        String[] labels = byClass.strings("label");
        List<ClassEsv> out = new ArrayList<>();
        for (int r = 0; r < byClass.rowCount(); r++) {
            if (!Double.isFinite(esv[r])) throw new InvalidInputException("esvByClass", "row " + (r + 1) + ": esv_total is not a number");
            Object code = byClass.get(r, "code");
            out.add(new ClassEsv(code instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : code,
                    labels[r], esv[r]));
        }
        return out;
    }

    /** The pure computation, from class areas. */
    static final class Sensitivity {
        private Sensitivity() {}

        /**
         * CS per class: scaling every coefficient of class k by (1 ± adj) scales that class's ESV (corrected or not,
         * since the correction multiplies each pixel's services) by the same, so ESV_adj = ESV ± adj · ESV_k.
         */
        static Table byClass(List<ClassEsv> classes, double adj, Integer year) {
            double base = 0;
            for (ClassEsv c : classes) base += c.esv();
            List<String> columns = new ArrayList<>(List.of("code", "label", "cs_plus", "cs_minus", "esv_class", "esv_base", "esv_plus", "esv_minus"));
            if (year != null) columns.add(0, "year");
            Table.Builder t = Table.builder(columns.toArray(new String[0]));
            for (ClassEsv c : classes) {
                double plus = base + adj * c.esv(), minus = base - adj * c.esv();
                Double csPlus = base == 0 ? null : ((plus - base) / base) / adj;
                Double csMinus = base == 0 ? null : ((minus - base) / base) / -adj;
                List<Object> row = new ArrayList<>(Arrays.asList(c.code(), c.label()));
                row.add(csPlus);
                row.add(csMinus);
                row.addAll(List.of(c.esv(), base, plus, minus));
                if (year != null) row.add(0, year);
                t.row(row.toArray());
            }
            return t.build();
        }

        static Table table(Valuation valuation, double[] hectares, double adj, Integer year) {
            ClassValues classes = valuation.classes();
            ValueCoefficients coefficients = valuation.table();
            double base = 0;
            for (int k = 0; k < classes.size(); k++) base += hectares[k] * classes.total(k);
            List<String> columns = new ArrayList<>(List.of("type", "verification", "adjustment_pct", "vc_per_ha", "area_ha",
                    "esv_base", "esv_adjusted", "esv_change_pct", "cs"));
            if (year != null) columns.add(0, "year");
            Table.Builder t = Table.builder(columns.toArray(new String[0]));
            for (int type = 0; type < coefficients.types().size(); type++) {
                double typeArea = 0; // Σ_k A_k · weight of the type in class k
                for (int k = 0; k < classes.size(); k++) typeArea += hectares[k] * classes.typeWeight(k, type);
                if (typeArea == 0) continue;
                double vc = 0;
                for (int s = 0; s < coefficients.services().size(); s++) vc += coefficients.value(type, s) * valuation.scale();
                for (double sign : new double[] {1, -1}) {
                    double adjusted = base + sign * adj * typeArea * vc;
                    double change = base == 0 ? Double.NaN : (adjusted - base) / base;
                    List<Object> row = new ArrayList<>(Arrays.asList(coefficients.types().get(type), coefficients.verification(type),
                            100 * sign * adj, vc, typeArea, base, adjusted));
                    row.add(Double.isNaN(change) ? null : 100 * change);
                    row.add(Double.isNaN(change) ? null : change / (sign * adj));
                    if (year != null) row.add(0, year);
                    t.row(row.toArray());
                }
            }
            return t.build();
        }
    }
}
