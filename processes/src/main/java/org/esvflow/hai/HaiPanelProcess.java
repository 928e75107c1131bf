package org.esvflow.hai;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Results;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;
import org.geotools.process.factory.DescribeResults;

/**
 * HAI across epochs: the indicator means of every region and year (for example the regions tables of
 * hai:CompositeHai, one per year) are normalised and weighted together, so that the index is comparable between
 * years, and arranged as a region × year table.
 */
@DescribeProcess(
        title = "HAI panel: regions × years",
        description = "Composite HAI over several epochs: all region-year rows are min-max normalised together and "
                + "weighted with one set of entropy weights (or user weights), HAI = Σ w_j x_ij, so values are "
                + "comparable between years; returns the long table and a region × year matrix.")
public class HaiPanelProcess {

    public record Result(Table panel, Table matrix, Table weights) {}

    @DescribeResults({
        @DescribeResult(name = "panel", type = Table.class,
                description = "One row per region and year: id, year, indicator values, normalised values "
                        + "<name>_norm and hai (empty when an indicator is missing)."),
        @DescribeResult(name = "matrix", type = Table.class,
                description = "Regions as rows, one column hai_<year> per year, regions and years in input order."),
        @DescribeResult(name = "weights", type = Table.class,
                description = "indicator, min, max (over all region-years), entropy, weight, method.")
    })
    public Map<String, Object> execute(
            @DescribeParameter(name = "tables", min = 1, max = 1000, collectionType = Table.class,
                    description = "Tables with an id column, a year column and the indicator columns (e.g. the "
                            + "regions output of hai:CompositeHai with year set); their rows are pooled.") List<Table> tables,
            @DescribeParameter(name = "indicators", description = "Comma-separated names of the indicator columns.")
                    String indicators,
            @DescribeParameter(name = "idColumn", min = 0, defaultValue = "region_id",
                    description = "Column identifying the region.") String idColumn,
            @DescribeParameter(name = "yearColumn", min = 0, defaultValue = "year",
                    description = "Column holding the year.") String yearColumn,
            @DescribeParameter(name = "weights", min = 0, description = "Comma-separated non-negative weights in the "
                    + "order of indicators; entropy weights when absent.") String weights,
            ProgressListener monitor) {
        if (tables == null || tables.isEmpty()) throw new InvalidInputException("tables", "at least one table is required");
        if (indicators == null || indicators.isBlank()) throw new InvalidInputException("indicators", "is required");
        String id = idColumn == null ? "region_id" : idColumn, yearName = yearColumn == null ? "year" : yearColumn;
        String[] names = CompositeIndex.parseNames(indicators, indicators.split(",").length, "indicators");
        double[] userWeights = CompositeIndex.parseWeights(weights, names.length, "weights");
        List<String> ids = new ArrayList<>();
        List<Object> years = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            for (String column : concat(id, yearName, names)) {
                if (table.indexOf(column) < 0) {
                    throw new InvalidInputException("tables", "table " + (t + 1) + " has no column " + column
                            + " (columns " + table.columns() + ")");
                }
            }
            String[] rowIds = table.strings(id);
            double[][] columns = new double[names.length][];
            for (int j = 0; j < names.length; j++) columns[j] = table.doubles(names[j]);
            for (int r = 0; r < table.rowCount(); r++) {
                Object year = table.get(r, yearName);
                if (rowIds[r] == null || year == null) {
                    throw new InvalidInputException("tables", "table " + (t + 1) + " row " + (r + 1) + " lacks an id or a year");
                }
                if (!keys.add(rowIds[r] + "\u0000" + year)) {
                    throw new InvalidInputException("tables", "region " + rowIds[r] + " appears twice for year " + year);
                }
                double[] v = new double[names.length];
                for (int j = 0; j < names.length; j++) v[j] = columns[j][r];
                ids.add(rowIds[r]);
                years.add(year);
                values.add(v);
            }
        }
        List<Integer> complete = new ArrayList<>();
        int[] indexRow = new int[values.size()]; // row of the index for each input row, −1 when incomplete
        for (int i = 0; i < values.size(); i++) {
            boolean all = true;
            for (double v : values.get(i)) all &= Double.isFinite(v);
            indexRow[i] = all ? complete.size() : -1;
            if (all) complete.add(i);
        }
        double[][] raw = new double[complete.size()][];
        for (int i = 0; i < raw.length; i++) raw[i] = values.get(complete.get(i));
        CompositeIndex index = CompositeIndex.of(names, raw, userWeights, "tables");

        List<String> columns = new ArrayList<>(List.of(id, yearName));
        for (String n : names) columns.add(n);
        for (String n : names) columns.add(n + "_norm");
        columns.add("hai");
        Table.Builder panel = Table.builder(columns.toArray(new String[0]));
        Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
        Set<String> yearOrder = new java.util.LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            int row = indexRow[i];
            List<Object> cells = new ArrayList<>(List.of(ids.get(i), years.get(i)));
            for (double v : values.get(i)) cells.add(Double.isFinite(v) ? v : null);
            for (int j = 0; j < names.length; j++) cells.add(row < 0 ? null : index.normalised[row][j]);
            cells.add(row < 0 ? null : index.hai[row]);
            panel.row(cells.toArray());
            String year = String.valueOf(years.get(i));
            yearOrder.add(year);
            matrix.computeIfAbsent(ids.get(i), k -> new LinkedHashMap<>()).put(year, row < 0 ? null : index.hai[row]);
        }
        List<String> matrixColumns = new ArrayList<>(List.of(id));
        for (String y : yearOrder) matrixColumns.add("hai_" + y);
        Table.Builder wide = Table.builder(matrixColumns.toArray(new String[0]));
        for (Map.Entry<String, Map<String, Double>> e : matrix.entrySet()) {
            List<Object> cells = new ArrayList<>(List.of(e.getKey()));
            for (String y : yearOrder) cells.add(e.getValue().get(y));
            wide.row(cells.toArray());
        }
        return Results.of(new Result(panel.build(), wide.build(), index.weightTable()));
    }

    private static List<String> concat(String a, String b, String[] rest) {
        List<String> all = new ArrayList<>(List.of(a, b));
        all.addAll(List.of(rest));
        return all;
    }
}
