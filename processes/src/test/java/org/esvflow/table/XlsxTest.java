package org.esvflow.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The XLSX writer's texts, columns and layout, read back by Apache POI (an independent reader). */
class XlsxTest {

    static byte[] write(Map<String, Table> sheets) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Xlsx.write(sheets, out);
        return out.toByteArray();
    }

    @Test
    void textsComeBackAsWritten() throws Exception {
        // markup, leading and trailing blanks, a control character, a literal Excel escape, a non-BMP character
        String[] texts = {"<a & b>", "  padded ", "bell\u0007", "_x0041_ stays", "tab\tand\nline", "𝑞 ∩ q", ""};
        Table.Builder t = Table.builder("text");
        for (String s : texts) t.row(s);
        Map<String, Table> sheets = new LinkedHashMap<>();
        sheets.put("texts & <more>", t.build());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(write(sheets)))) {
            Sheet s = book.getSheet("texts & <more>");
            for (int r = 0; r < texts.length; r++) {
                assertEquals(CellType.STRING, s.getRow(r + 1).getCell(0).getCellType());
                assertEquals(texts[r], s.getRow(r + 1).getCell(0).getStringCellValue(), "row " + (r + 1));
            }
        }
    }

    @Test
    void columnsPastZAndEmptyCells() throws Exception {
        // 30 columns: Z is the 26th, AA the 27th, AD the 30th; every other cell of row 2 left empty (null)
        String[] names = new String[30];
        Object[] values = new Object[30];
        for (int c = 0; c < 30; c++) {
            names[c] = "c" + c;
            values[c] = c % 2 == 0 ? (Object) (c * 1.5) : null;
        }
        Map<String, Table> sheets = new LinkedHashMap<>();
        sheets.put("wide", Table.builder(names).row(values).row(new Object[30]).build());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(write(sheets)))) {
            Sheet s = book.getSheetAt(0);
            assertEquals("c29", s.getRow(0).getCell(29).getStringCellValue());
            assertEquals(28 * 1.5, s.getRow(1).getCell(28).getNumericCellValue(), 0.0);
            assertEquals(26 * 1.5, s.getRow(1).getCell(26).getNumericCellValue(), 0.0);
            assertNull(s.getRow(1).getCell(27));
            assertEquals(0, s.getRow(2) == null ? 0 : s.getRow(2).getPhysicalNumberOfCells()); // a row of nulls
        }
        assertEquals("A", Xlsx.column(0));
        assertEquals("Z", Xlsx.column(25));
        assertEquals("AA", Xlsx.column(26));
        assertEquals("AZ", Xlsx.column(51));
        assertEquals("BA", Xlsx.column(52));
        assertEquals("XFD", Xlsx.column(16383)); // Excel's last column
    }
}
