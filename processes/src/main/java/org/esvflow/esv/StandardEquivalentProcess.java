package org.esvflow.esv;

import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Results;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** The value D of one standard equivalent from crop statistics. */
@DescribeProcess(
        title = "Standard equivalent value D from crop statistics",
        description = "SEVENTH: D = (1/7) Σ m_i p_i q_i / M (sown area m in ha, price p per kg, yield q in kg/ha, "
                + "M = Σ m_i), the form of Xie 2003. NET_PROFIT: D = Σ m_i · net profit_i / M, net profit per ha "
                + "given or p_i q_i − cost_i (the Xie 2015 definition: net profit of grain production per ha). Prices "
                + "(and costs) are multiplied by priceFactor to bring them to a base year. Result in currency per ha per year.")
public class StandardEquivalentProcess {
    /** How D is derived. */
    public enum Method { SEVENTH, NET_PROFIT }

    public record Result(Double standardEquivalent, Table crops) {}

    @DescribeResults({
        @DescribeResult(name = "standardEquivalent", type = Double.class, description = "D, currency per ha per year."),
        @DescribeResult(name = "crops", type = Table.class, description = "Per crop: crop, sown_area_ha, area_share, "
                + "output_value_per_ha (p·q), net_profit_per_ha (NET_PROFIT), contribution to D.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "crops", description = "CSV: crop, sown_area_ha, yield_kg_per_ha, price_per_kg, and "
                    + "for NET_PROFIT either net_profit_per_ha or cost_per_ha.") Table crops,
            @DescribeParameter(name = "method", min = 0, defaultValue = "SEVENTH", description = "SEVENTH or NET_PROFIT.") Method method,
            @DescribeParameter(name = "priceFactor", min = 0, defaultValue = "1",
                    description = "Multiplier on prices and costs (deflator to the base year), > 0.") Double priceFactor,
            ProgressListener monitor) {
        return Results.of(compute(crops, method, priceFactor));
    }

    /** D and the per-crop table; errors name the input {@code crops}. */
    static Result compute(Table crops, Method method, Double priceFactor) {
        if (crops == null || crops.rowCount() == 0) throw new InvalidInputException("crops", "needs at least one crop row");
        Method m = method == null ? Method.SEVENTH : method;
        double factor = priceFactor == null ? 1 : priceFactor;
        if (!(factor > 0)) throw new InvalidInputException("priceFactor", "must be > 0");
        String[] needed = m == Method.SEVENTH || crops.indexOf("net_profit_per_ha") < 0
                ? new String[] {"sown_area_ha", "yield_kg_per_ha", "price_per_kg"} : new String[] {"sown_area_ha"};
        for (String c : needed) if (crops.indexOf(c) < 0) throw new InvalidInputException("crops", "missing column '" + c + "' in " + crops.columns());
        if (m == Method.NET_PROFIT && crops.indexOf("net_profit_per_ha") < 0 && crops.indexOf("cost_per_ha") < 0) {
            throw new InvalidInputException("crops", "NET_PROFIT needs a net_profit_per_ha or a cost_per_ha column");
        }
        int n = crops.rowCount();
        String[] names = crops.indexOf("crop") >= 0 ? crops.strings("crop") : new String[n];
        double[] area = crops.doubles("sown_area_ha");
        double[] yield = crops.indexOf("yield_kg_per_ha") >= 0 ? crops.doubles("yield_kg_per_ha") : null;
        double[] price = crops.indexOf("price_per_kg") >= 0 ? crops.doubles("price_per_kg") : null;
        double[] profit = crops.indexOf("net_profit_per_ha") >= 0 ? crops.doubles("net_profit_per_ha") : null;
        double[] cost = crops.indexOf("cost_per_ha") >= 0 ? crops.doubles("cost_per_ha") : null;
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!(area[i] >= 0)) throw new InvalidInputException("crops", "row " + (i + 1) + ": sown_area_ha must be ≥ 0");
            total += area[i];
        }
        if (!(total > 0)) throw new InvalidInputException("crops", "the total sown area is 0");
        Table.Builder t = Table.builder("crop", "sown_area_ha", "area_share", "output_value_per_ha", "net_profit_per_ha", "contribution");
        double d = 0;
        for (int i = 0; i < n; i++) {
            double output = yield == null || price == null ? Double.NaN : yield[i] * price[i] * factor;
            double perHa;
            Double net = null;
            if (m == Method.SEVENTH) {
                if (Double.isNaN(output)) throw new InvalidInputException("crops", "row " + (i + 1) + ": yield and price are required");
                perHa = output / 7;
            } else {
                net = profit != null ? profit[i] * factor : output - cost[i] * factor;
                if (Double.isNaN(net)) throw new InvalidInputException("crops", "row " + (i + 1) + ": cannot compute the net profit");
                perHa = net;
            }
            double contribution = area[i] / total * perHa;
            d += contribution;
            t.row(names[i] == null ? "crop " + (i + 1) : names[i], area[i], area[i] / total, Double.isNaN(output) ? null : output, net, contribution);
        }
        return new Result(d, t.build());
    }
}
