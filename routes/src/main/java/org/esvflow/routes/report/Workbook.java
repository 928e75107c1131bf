package org.esvflow.routes.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.esvflow.io.AtomicFiles;

/**
 * The collected tables as one XLSX workbook, a sheet per table: the same rows as the CSV files, numbers as numbers
 * (the double a cell's text denotes, so nothing is rounded), everything else as text.
 */
final class Workbook {
    /** Excel's limit on sheet rows; longer tables (samples) stay CSV-only beyond it. */
    static final int MAX_ROWS = 1_048_576;

    private Workbook() {}

    static void write(Map<String, List<List<String>>> tables, Path file) throws IOException {
        AtomicFiles.write(file, part -> writeTo(tables, part));
    }

    private static void writeTo(Map<String, List<List<String>>> tables, Path part) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            for (Map.Entry<String, List<List<String>>> t : tables.entrySet()) {
                Sheet sheet = book.createSheet(t.getKey().length() > 31 ? t.getKey().substring(0, 31) : t.getKey());
                List<List<String>> rows = t.getValue();
                for (int r = 0; r < Math.min(rows.size(), MAX_ROWS); r++) {
                    Row row = sheet.createRow(r);
                    List<String> cells = rows.get(r);
                    for (int c = 0; c < cells.size(); c++) {
                        String v = cells.get(c);
                        Double number = r == 0 ? null : number(v);
                        if (number != null) row.createCell(c).setCellValue(number);
                        else row.createCell(c).setCellValue(v);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(part)) {
                book.write(out);
            }
            book.dispose();
        }
    }

    /** The finite double a cell denotes, or null for text (years and codes are numbers too). */
    static Double number(String v) {
        if (v == null || v.isEmpty() || !v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) return null;
        double d = Double.parseDouble(v);
        return Double.isFinite(d) ? d : null;
    }
}
