package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTextTest {
    @Test
    void keepsCellsExactlyAndQuotesWhatNeedsIt() {
        String csv = "a,b,c\r\n1.50,\"x, y\",\"say \"\"hi\"\"\"\n8.45078154103125E11,\"two\nlines\",\n";
        List<List<String>> rows = CsvText.parse(csv);
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1.50", "x, y", "say \"hi\""),
                List.of("8.45078154103125E11", "two\nlines", "")), rows);
        assertEquals(rows, CsvText.parse(CsvText.format(rows)));
        assertEquals("1.50,\"x, y\",\"say \"\"hi\"\"\"\n", CsvText.format(List.of(rows.get(1))));
    }

    @Test
    void blankLinesAreNotRows() {
        assertEquals(List.of(List.of("a"), List.of("1")), CsvText.parse("a\n\n1\n\n"));
    }

    @Test
    void workbookNumbersAreTheDoublesTheTextDenotes() {
        assertEquals(8.45078154103125E11, Workbook.number("8.45078154103125E11"));
        assertEquals(2013.0, Workbook.number("2013"));
        assertEquals(null, Workbook.number("Infinity"));
        assertEquals(null, Workbook.number("C11"));
        assertEquals(null, Workbook.number(""));
    }
}
