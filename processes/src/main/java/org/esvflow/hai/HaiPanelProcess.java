package org.esvflow.hai;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * years, and arranged as a region × year table. Each region set (counties, provinces) is a panel of its own.
 */
@DescribeProcess(
        title = "HAI panel: regions × years",
        description = "Composite HAI over several epochs: with normalisation POOLED (default) all region-year rows of "
                + "a region set are min-max normalised together (x' = (x − min)/(max − min) over every region and year) "
                + "and weighted with one set of entropy weights (or user weights), HAI = Σ w_j x'_ij, so a region's "
                + "values of different years can be compared; EPOCH normalises and weights each year on its own (ranks "
                + "within a year only). Rows lacking an indicator get no HAI and do not enter the normalisation.")
public class HaiPanelProcess {

    public record Result(Table panel, Table matrix, Table weights) {}

    @DescribeResults({
        @DescribeResult(name = "panel", type = Table.class,
                description = "One row per region set, region and year: [group column], id, [name], year, the raw "
                        + "indicator means and hai (empty when an indicator is missing)."),
        @DescribeResult(name = "matrix", type = Table.class,
                description = "Regions as rows, one column hai_<year> per year, regions and years in input order."),
        @DescribeResult(name = "weights", type = Table.class,
                description = "Per region set (and per year with EPOCH): indicator, min, max (over the rows "
                        + "normalised together), entropy, weight, method.")
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
            @DescribeParameter(name = "groupColumn", min = 0, description = "Column naming the region set (e.g. "
                    + "region_set); each set is normalised and weighted on its own. All rows form one set when absent.")
                    String groupColumn,
            @DescribeParameter(name = "nameColumn", min = 0, description = "Column with the region's display name, "
                    + "written as column name.") String nameColumn,
            @DescribeParameter(name = "normalisation", min = 0, defaultValue = "POOLED", description = "POOLED: every "
                    + "year of a region set together (comparable across years); EPOCH: each year on its own.")
                    Normalisation normalisation,
            @DescribeParameter(name = "weights", min = 0, description = "Comma-separated non-negative weights in the "
                    + "order of indicators; entropy weights when absent.") String weights,
            ProgressListener monitor) {
        if (tables == null || tables.isEmpty()) throw new InvalidInputException("tables", "at least one table is required");
        if (indicators == null || indicators.isBlank()) throw new InvalidInputException("indicators", "is required");
        String id = idColumn == null ? "region_id" : idColumn, yearName = yearColumn == null ? "year" : yearColumn;
        Normalisation mode = normalisation == null ? Normalisation.POOLED : normalisation;
        String[] names = CompositeIndex.parseNames(indicators, indicators.split(",").length, "indicators");
        double[] userWeights = CompositeIndex.parseWeights(weights, names.length, "weights");
        List<Row> rows = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int t = 0; t < tables.size(); t++) {
            Table table = tables.get(t);
            List<String> required = new ArrayList<>(List.of(id, yearName));
            if (groupColumn != null) required.add(groupColumn);
            if (nameColumn != null) required.add(nameColumn);
            required.addAll(List.of(names));
            for (String column : required) {
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
                String group = groupColumn == null ? "" : String.valueOf(table.get(r, groupColumn));
                if (rowIds[r] == null || year == null) {
                    throw new InvalidInputException("tables", "table " + (t + 1) + " row " + (r + 1) + " lacks an id or a year");
                }
                String where = (groupColumn == null ? "" : group + " ") + "region " + rowIds[r];
                if (!keys.add(group + "\u0000" + rowIds[r] + "\u0000" + year)) {
                    throw new InvalidInputException("tables", where + " appears twice for year " + year);
                }
                double[] v = new double[names.length];
                for (int j = 0; j < names.length; j++) v[j] = columns[j][r];
                Object name = nameColumn == null ? null : table.get(r, nameColumn);
                rows.add(new Row(group, rowIds[r], name, year, v));
            }
        }

        // the units normalised together: a region set, or a region set in one year
        Map<String, List<Integer>> units = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            if (!row.complete()) continue;
            units.computeIfAbsent(unitKey(row, mode), k -> new ArrayList<>()).add(i);
        }
        double[] hai = new double[rows.size()];
        java.util.Arrays.fill(hai, Double.NaN);
        List<String> weightColumns = new ArrayList<>();
        if (groupColumn != null) weightColumns.add(groupColumn);
        if (mode == Normalisation.EPOCH) weightColumns.add(yearName);
        weightColumns.addAll(List.of(CompositeIndex.WEIGHT_COLUMNS));
        Table.Builder weightTable = Table.builder(weightColumns.toArray(new String[0]));
        for (List<Integer> unit : units.values()) {
            double[][] raw = new double[unit.size()][];
            for (int u = 0; u < raw.length; u++) raw[u] = rows.get(unit.get(u)).values;
            Row first = rows.get(unit.get(0));
            CompositeIndex index;
            try {
                index = CompositeIndex.of(names, raw, userWeights, "tables");
            } catch (InvalidInputException e) {
                throw new InvalidInputException("tables", (groupColumn == null ? "" : "region set " + first.group + ": ")
                        + (mode == Normalisation.EPOCH ? "year " + first.year + ": " : "") + e.getMessage());
            }
            for (int u = 0; u < raw.length; u++) hai[unit.get(u)] = index.hai[u];
            List<Object> leading = new ArrayList<>();
            if (groupColumn != null) leading.add(first.group);
            if (mode == Normalisation.EPOCH) leading.add(first.year);
            index.addWeightRows(weightTable, leading.toArray());
        }

        List<String> columns = new ArrayList<>();
        if (groupColumn != null) columns.add(groupColumn);
        columns.add(id);
        if (nameColumn != null) columns.add("name");
        columns.add(yearName);
        columns.addAll(List.of(names));
        columns.add("hai");
        Table.Builder panel = Table.builder(columns.toArray(new String[0]));
        Map<String, Map<String, Double>> matrix = new LinkedHashMap<>();
        Map<String, Row> firstOfRegion = new LinkedHashMap<>();
        Set<String> yearOrder = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            List<Object> cells = new ArrayList<>();
            if (groupColumn != null) cells.add(row.group);
            cells.add(row.id);
            if (nameColumn != null) cells.add(row.name);
            cells.add(row.year);
            for (double v : row.values) cells.add(Double.isFinite(v) ? v : null);
            Double h = Double.isNaN(hai[i]) ? null : hai[i];
            cells.add(h);
            panel.row(cells.toArray());
            String year = String.valueOf(row.year);
            yearOrder.add(year);
            String region = row.group + "\u0000" + row.id;
            firstOfRegion.putIfAbsent(region, row);
            matrix.computeIfAbsent(region, k -> new LinkedHashMap<>()).put(year, h);
        }
        List<String> matrixColumns = new ArrayList<>();
        if (groupColumn != null) matrixColumns.add(groupColumn);
        matrixColumns.add(id);
        for (String y : yearOrder) matrixColumns.add("hai_" + y);
        Table.Builder wide = Table.builder(matrixColumns.toArray(new String[0]));
        for (Map.Entry<String, Map<String, Double>> e : matrix.entrySet()) {
            Row row = firstOfRegion.get(e.getKey());
            List<Object> cells = new ArrayList<>();
            if (groupColumn != null) cells.add(row.group);
            cells.add(row.id);
            for (String y : yearOrder) cells.add(e.getValue().get(y));
            wide.row(cells.toArray());
        }
        return Results.of(new Result(panel.build(), wide.build(), weightTable.build()));
    }

    private static String unitKey(Row row, Normalisation mode) {
        return mode == Normalisation.POOLED ? row.group : row.group + "\u0000" + row.year;
    }

    /** One region-year: its region set ("" without a group column), id, display name, year and indicator means. */
    private record Row(String group, String id, Object name, Object year, double[] values) {
        boolean complete() {
            for (double v : values) if (!Double.isFinite(v)) return false;
            return true;
        }
    }
}
