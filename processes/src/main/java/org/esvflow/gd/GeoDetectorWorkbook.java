package org.esvflow.gd;

import org.esvflow.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.esvflow.table.Table;

/**
 * An XLSX workbook with one sheet per table (as the original Excel GeoDetector lays out its detectors): a bold
 * header row, numbers as numbers at full double precision, booleans as booleans, empty cells for missing or NaN.
 */
public final class GeoDetectorWorkbook {
    private GeoDetectorWorkbook() {}

    /** Writes the sheets, in map order, to {@code out}. Sheet names are cut to Excel's 31 characters. */
    public static void write(Map<String, Table> sheets, OutputStream out) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(500)) {
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            for (Map.Entry<String, Table> e : sheets.entrySet()) {
                if (e.getValue() == null) continue;
                Sheet sheet = workbook.createSheet(e.getKey().length() > 31 ? e.getKey().substring(0, 31) : e.getKey());
                Table table = e.getValue();
                Row first = sheet.createRow(0);
                for (int c = 0; c < table.columns().size(); c++) {
                    Cell cell = first.createCell(c);
                    cell.setCellValue(table.columns().get(c));
                    cell.setCellStyle(header);
                }
                int r = 1;
                for (Object[] values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.length; c++) set(row, c, values[c]);
                }
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    /** Writes atomically to {@code file}. */
    public static void write(Map<String, Table> sheets, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(sheets, out);
            }
        });
    }

    private static void set(Row row, int column, Object value) {
        if (value == null) return;
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) row.createCell(column).setCellValue(d);
        } else if (value instanceof Boolean b) {
            row.createCell(column).setCellValue(b);
        } else {
            row.createCell(column).setCellValue(value.toString());
        }
    }
}
