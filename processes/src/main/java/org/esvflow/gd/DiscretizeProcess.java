package org.esvflow.gd;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Results;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/** Discretizes continuous columns of a table into classes by one method. */
@DescribeProcess(
        title = "Discretize continuous factors",
        description = "Adds a class column <column>_class (1..k) for each continuous column: right-closed intervals "
                + "(b0, b1], …, (b_{k−1}, b_k] with the lowest value included, as R's cut(include.lowest = TRUE). "
                + "Repeated breaks (ties) are merged. Rows whose value is missing or outside manual breaks get an "
                + "empty class.")
public class DiscretizeProcess {

    public record Discretized(Table table, Table breaks) {}

    @DescribeResults({
            @DescribeResult(name = "table", type = Table.class, description = "The input table with one "
                    + "<column>_class column (1..k) per discretized column."),
            @DescribeResult(name = "breaks", type = Table.class, description = "factor, method, k, classes, q "
                    + "(empty: no Y here), breaks (space-separated), counts (per class).")})
    public Map<String, Object> execute(
            @DescribeParameter(name = "table", description = "Samples (CSV).") Table table,
            @DescribeParameter(name = "columns", description = "Comma-separated numeric columns.") String columns,
            @DescribeParameter(name = "method", min = 0, defaultValue = "NATURAL", description = "EQUAL, QUANTILE "
                    + "(R type 7), NATURAL (exactly optimal Fisher–Jenks), GEOMETRIC (min·(max/min)^(i/k), shifted "
                    + "by 1 − min when min ≤ 0), SD (mean + (i − k/2)·sd) or MANUAL.") String method,
            @DescribeParameter(name = "classes", min = 0, defaultValue = "5", description = "Number of classes k.") Integer classes,
            @DescribeParameter(name = "breaks", min = 0, description = "MANUAL: increasing breaks b0 … b_k, comma "
                    + "or space separated.") String breaks,
            @DescribeParameter(name = "gdCompatible", min = 0, defaultValue = "false", description = "true: the "
                    + "breaks R package GD 10.8's disc gives (SD: mean ± j·sd/2 or sd/4 steps until k + 1 breaks, "
                    + "possibly more classes; QUANTILE: more probabilities until k + 1 distinct breaks; GEOMETRIC: GD's "
                    + "series, k − 1 classes when min ≥ 0, ends possibly just inside the data; NATURAL: BAMMtools' "
                    + "Jenks). Repeated GD breaks are merged here; values outside them get an empty class.")
            Boolean gdCompatible,
            ProgressListener monitor) {
        if (table == null) throw new InvalidInputException("table", "is required");
        List<String> names = SampleTable.names(columns);
        if (names.isEmpty()) throw new InvalidInputException("columns", "give at least one column");
        for (String c : names) {
            if (table.indexOf(c) < 0) throw new InvalidInputException("columns", "no column '" + c + "' in " + table.columns());
        }
        Discretization.Method m = Parameters.method(method == null ? "NATURAL" : method, "method");
        double[] manual = m == Discretization.Method.MANUAL ? Parameters.breaks(breaks) : null;
        int k = manual != null ? manual.length - 1 : Parameters.classRange(classes, 5, "classes");
        Discretization.Convention convention = Boolean.TRUE.equals(gdCompatible) ? Discretization.Convention.GD
                : Discretization.Convention.ESVFLOW;
        if (convention == Discretization.Convention.GD && m == Discretization.Method.NATURAL
                && table.rowCount() > GdDiscretization.NATURAL_LIMIT) {
            throw new InvalidInputException("gdCompatible", "GD's natural breaks take O(N²·k) time and N = "
                    + table.rowCount() + " exceeds " + GdDiscretization.NATURAL_LIMIT + ": use gdCompatible = false");
        }

        List<String> outColumns = new ArrayList<>(table.columns());
        List<int[]> codes = new ArrayList<>();
        Table.Builder breakTable = Table.builder("factor", "method", "k", "classes", "q", "breaks", "counts");
        for (String c : names) {
            double[] values = table.doubles(c);
            if (manual == null && Arrays.stream(values).noneMatch(Double::isFinite)) {
                throw new InvalidInputException("columns", "'" + c + "' has no numeric value");
            }
            double[] b = manual != null ? manual : Discretization.breaks(values, m, k, convention);
            if (b == null) {
                throw new InvalidInputException("classes", "GD's " + m + " rule gives no " + k + " classes for '" + c
                        + "' (too few distinct values or too narrow a range; GD itself does not return)");
            }
            b = Discretization.unique(b);
            int[] code = Discretization.classify(values, b);
            int[] counts = new int[b.length - 1];
            for (int v : code) if (v >= 0) counts[v]++;
            codes.add(code);
            outColumns.add(c + "_class");
            breakTable.row(c, m.name(), k, b.length - 1, null, OpgdTables.join(b), OpgdTables.join(counts));
        }
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            Object[] in = table.rows().get(r);
            Object[] out = Arrays.copyOf(in, outColumns.size());
            for (int j = 0; j < codes.size(); j++) {
                int v = codes.get(j)[r];
                out[in.length + j] = v < 0 ? null : (Object) (long) (v + 1);
            }
            rows.add(out);
        }
        return Results.of(new Discretized(new Table(outColumns, rows), breakTable.build()));
    }
}
