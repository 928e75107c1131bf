package org.esvflow.esv;

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

/** Coefficient of sensitivity of total ESV to each ecosystem type's value coefficients. */
@DescribeProcess(
        title = "ESV sensitivity to value coefficients",
        description = "For each ecosystem type of the coefficient table that the land use uses, every value "
                + "coefficient of that type is raised and lowered by 'adjustment' (default ±50%) and the total ESV "
                + "recomputed: CS = [(ESV_adj − ESV)/ESV] / [(VC_adj − VC)/VC]. CS < 1 means ESV is inelastic to "
                + "that coefficient. Uncorrected ESV (no dynamic correction).")
public class SensitivityProcess {

    @DescribeResult(name = "sensitivity", type = Table.class, description = "type, verification, adjustment_pct, "
            + "vc_per_ha (type's Σ VC, currency/ha/yr), area_ha (area-equivalent of the type over all classes), "
            + "esv_base, esv_adjusted (currency/yr), esv_change_pct, cs.")
    public Table execute(
            @DescribeParameter(name = "landUse", description = "Land-use raster of integer class codes.") GridCoverage2D landUse,
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
        if (landUse == null) throw new InvalidInputException("landUse", "is required");
        ValueProcess.requireIntegral(landUse, "landUse");
        double adj = adjustment == null ? 0.5 : adjustment;
        if (!(adj > 0 && adj <= 1)) throw new InvalidInputException("adjustment", "must be in (0, 1], got " + adjustment);
        Valuation valuation = Valuation.of(standardEquivalent, coefficients, coefficientTable, tableUnit, classPreset, classMapping);
        ClassValues classes = valuation.classes();
        double[] hectares = new double[classes.size()];
        TreeMap<Integer, Double> unknown = new TreeMap<>();
        PixelArea area = PixelArea.of(landUse.getGridGeometry());
        double nodata = Rasters.nodata(landUse);
        Progress.started(monitor);
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
        Table table = Sensitivity.table(valuation, hectares, adj);
        Progress.completed(monitor);
        return table;
    }

    /** The pure computation, from class areas. */
    static final class Sensitivity {
        private Sensitivity() {}

        static Table table(Valuation valuation, double[] hectares, double adj) {
            ClassValues classes = valuation.classes();
            ValueCoefficients coefficients = valuation.table();
            double base = 0;
            for (int k = 0; k < classes.size(); k++) base += hectares[k] * classes.total(k);
            Table.Builder t = Table.builder("type", "verification", "adjustment_pct", "vc_per_ha", "area_ha", "esv_base",
                    "esv_adjusted", "esv_change_pct", "cs");
            for (int type = 0; type < coefficients.types().size(); type++) {
                double typeArea = 0; // Σ_k A_k · weight of the type in class k
                for (int k = 0; k < classes.size(); k++) typeArea += hectares[k] * classes.typeWeight(k, type);
                if (typeArea == 0) continue;
                double vc = 0;
                for (int s = 0; s < coefficients.services().size(); s++) vc += coefficients.value(type, s) * valuation.scale();
                for (double sign : new double[] {1, -1}) {
                    double adjusted = base + sign * adj * typeArea * vc;
                    double change = base == 0 ? Double.NaN : (adjusted - base) / base;
                    t.row(coefficients.types().get(type), coefficients.verification(type), 100 * sign * adj, vc, typeArea, base,
                            adjusted, Double.isNaN(change) ? null : 100 * change, Double.isNaN(change) ? null : change / (sign * adj));
                }
            }
            return t.build();
        }
    }
}
