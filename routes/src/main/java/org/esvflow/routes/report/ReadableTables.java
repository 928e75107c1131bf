package org.esvflow.routes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The collected tables as the report shows them: each header with its unit ({@code area_ha (ha)},
 * {@code esv_total (CNY/yr)}, {@code vc_per_ha (CNY/ha/yr)}, {@code share_pct (%)}), numbers by
 * {@link ReadableNumbers}, identifiers (years, class codes, region ids) as written. Units come from the naming
 * conventions of the processes' tables; a column whose unit varies by row (a {@code value} beside a {@code unit}
 * column, a factor's mean) or that has none (q, weights, indices) keeps its bare name.
 */
public final class ReadableTables {
    /** Columns whose numbers are names, not quantities. */
    static final Set<String> IDENTIFIERS = Set.of("year", "epoch", "period", "pair", "code", "class", "grade", "k", "component");

    /** Tables whose every other numeric column is a value in currency per year (indices and rates excepted). */
    static final Set<String> CURRENCY_TABLES = Set.of("esv_change_decomposition", "esv_change_summary");

    /** Tables whose every other numeric column is an area in hectares. */
    static final Set<String> AREA_TABLES = Set.of("transfer_matrix");

    private ReadableTables() {}

    /** The unit of a column of a table, or null; currency values in CNY. */
    public static String unit(String table, String column) {
        String c = column.toLowerCase(java.util.Locale.ROOT);
        if (isIdentifier(c)) return null;
        if (c.endsWith("_pct_per_year")) return "%/yr";
        if (c.endsWith("_pct") || c.equals("pct") || c.endsWith("percent")) return "%";
        if (c.contains("per_ha") || c.startsWith("vc_")) return "CNY/ha/yr"; // vc: value coefficient of a class
        if (c.endsWith("_ha") || c.equals("ha")) return "ha";
        if (c.equals("years")) return "yr";
        if (c.startsWith("esv") || c.endsWith("_esv")) return "CNY/yr";
        boolean other = !c.startsWith("region") && !c.endsWith("_name") && !c.equals("pixels") && !c.contains("index");
        if (CURRENCY_TABLES.contains(table) && other) return "CNY/yr";
        if (AREA_TABLES.contains(table) && other) return "ha";
        return null;
    }

    static boolean isIdentifier(String c) {
        return IDENTIFIERS.contains(c) || c.endsWith("_year") && !c.endsWith("per_year") || c.endsWith("_id") || c.endsWith("_code")
                || c.endsWith("_class") || c.endsWith("_grade") || c.startsWith("stratum");
    }

    /** The table for reading: header with units, formatted numbers; rows unchanged in number and order. */
    public static List<List<String>> display(String table, List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        if (rows == null || rows.isEmpty()) return out;
        List<String> header = rows.get(0);
        List<String> named = new ArrayList<>();
        boolean[] identifier = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            String unit = unit(table, header.get(c));
            named.add(unit == null ? header.get(c) : header.get(c) + " (" + unit + ")");
            identifier[c] = isIdentifier(header.get(c).toLowerCase(java.util.Locale.ROOT));
        }
        out.add(named);
        for (List<String> row : rows.subList(1, rows.size())) {
            List<String> cells = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                cells.add(c < identifier.length && identifier[c] ? row.get(c) : ReadableNumbers.cell(row.get(c)));
            }
            out.add(cells);
        }
        return out;
    }

    /** Rows the report shows of a table (header included); the CSV holds the rest. */
    public static final int SHOWN_ROWS = 201;

    /** Every table for reading, in order, each cut to its first {@link #SHOWN_ROWS} rows. */
    public static Map<String, List<List<String>>> display(Map<String, List<List<String>>> tables) {
        Map<String, List<List<String>>> out = new java.util.LinkedHashMap<>();
        tables.forEach((name, rows) -> out.put(name, display(name, rows.subList(0, Math.min(rows.size(), SHOWN_ROWS)))));
        return out;
    }
}
