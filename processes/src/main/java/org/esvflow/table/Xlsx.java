package org.esvflow.table;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The one XLSX writer: a workbook with one sheet per table, a bold header row, numbers as numbers at full double
 * precision, booleans as booleans, empty cells for missing or NaN. Sheet names are cut to Excel's 31 characters;
 * rows beyond Excel's 1 048 576 per sheet (header included) are left out (the CSV keeps them).
 *
 * <p>Written by fastexcel (a streaming writer of plain XML parts): Apache POI's XSSF loads its XML schema types first,
 * about 3 s of CPU before the first cell.
 */
public final class Xlsx {
    /** Excel's limit on the rows of a sheet. */
    public static final int MAX_ROWS = 1_048_576;

    private Xlsx() {}

    /** Writes the sheets, in map order, to {@code out}; null tables are skipped. */
    public static void write(Map<String, Table> sheets, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "esvflow", "1.0");
        for (Map.Entry<String, Table> e : sheets.entrySet()) {
            if (e.getValue() == null) continue;
            Worksheet sheet = workbook.newWorksheet(e.getKey().length() > 31 ? e.getKey().substring(0, 31) : e.getKey());
            Table table = e.getValue();
            for (int c = 0; c < table.columns().size(); c++) sheet.value(0, c, table.columns().get(c));
            if (!table.columns().isEmpty()) sheet.range(0, 0, 0, table.columns().size() - 1).style().bold().set();
            int rows = Math.min(table.rowCount(), MAX_ROWS - 1);
            for (int r = 0; r < rows; r++) {
                Object[] values = table.rows().get(r);
                for (int c = 0; c < values.length; c++) set(sheet, r + 1, c, values[c]);
            }
            sheet.finish();
        }
        workbook.finish();
    }

    private static void set(Worksheet sheet, int row, int column, Object value) {
        if (value == null) return;
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) sheet.value(row, column, d);
        } else if (value instanceof Boolean b) {
            sheet.value(row, column, b);
        } else {
            sheet.value(row, column, value.toString());
        }
    }
}
