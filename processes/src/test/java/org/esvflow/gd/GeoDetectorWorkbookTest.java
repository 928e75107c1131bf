package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

/** The GeoDetector workbook (written by the one XLSX writer, Xlsx) read back by Apache POI: names, bold header, cell types and exact values. */
class GeoDetectorWorkbookTest {

    @Test
    void poiReadsEveryCellAsWritten() throws Exception {
        Map<String, Table> sheets = new LinkedHashMap<>();
        sheets.put("factor", Table.builder("factor", "n", "q", "significant", "warning")
                .row("a <&> \"b\"", 3L, 0.1 + 0.2, true, null)
                .row("x ∩ y", 9_007_199_254_740_993L, 1.0E-300, false, Double.NaN).build());
        sheets.put("skipped", null);
        sheets.put("a name longer than thirty-one characters", Table.builder("v").row(-2.5).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoDetectorWorkbook.write(sheets, out);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(2, book.getNumberOfSheets());
            assertEquals("a name longer than thirty-one c", book.getSheetName(1));
            Sheet s = book.getSheet("factor");
            assertEquals("q", s.getRow(0).getCell(2).getStringCellValue());
            assertTrue(book.getFontAt(s.getRow(0).getCell(2).getCellStyle().getFontIndex()).getBold());
            assertFalse(book.getFontAt(s.getRow(1).getCell(2).getCellStyle().getFontIndex()).getBold());
            assertEquals("a <&> \"b\"", s.getRow(1).getCell(0).getStringCellValue());
            assertEquals(0.30000000000000004, s.getRow(1).getCell(2).getNumericCellValue(), 0.0);
            assertEquals(CellType.BOOLEAN, s.getRow(1).getCell(3).getCellType());
            assertTrue(s.getRow(1).getCell(3).getBooleanCellValue());
            assertNull(s.getRow(1).getCell(4));
            assertEquals("x ∩ y", s.getRow(2).getCell(0).getStringCellValue());
            assertEquals(9.007199254740992E15, s.getRow(2).getCell(1).getNumericCellValue(), 0.0); // as Excel holds it
            assertEquals(1.0E-300, s.getRow(2).getCell(2).getNumericCellValue(), 0.0);
            assertNull(s.getRow(2).getCell(4)); // NaN: empty
            assertEquals(-2.5, book.getSheetAt(1).getRow(1).getCell(0).getNumericCellValue(), 0.0);
        }
    }
}
