package org.esvflow.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The column-wise reader against an independent reference: records split by a plain row-wise RFC 4180 state machine
 * written here, each cell typed by {@link Csv#typed} (regex + {@link Long#parseLong} / {@link Double#parseDouble}).
 */
class CsvReadTest {

    @Test
    void quotesLineEndsBlanksAndTypesAsTheReference() throws IOException {
        String csv = "\uFEFFid,name,v\r\n"
                + "1,\"a, b\",2.5\n"
                + "\n"
                + "2,\"say \"\"hi\"\"\",NA\r"
                + "3,\"two\nlines\", 1e3 \n"
                + "-4,plain,-0.0\n"
                + "123456789012345678,x,0.1\n"
                + "5,\" 12 \",1.7976931348623157E308\n"
                + "6,12x,.5\n"
                + "7,,NaN\n"
                + "8,\"\",0x1p3\n"
                + "9,na,1234567890.12345678\n"
                + "10,+7,1.\n"
                + "11,1e-400,4.9e-324";
        assertSame(reference(csv), Csv.read(new StringReader(csv)));
        Table t = Csv.read(new StringReader(csv));
        assertEquals(List.of("id", "name", "v"), t.columns());
        assertEquals("a, b", t.get(0, "name"));
        assertEquals("say \"hi\"", t.get(1, "name"));
        assertEquals(null, t.get(1, "v"));
        assertEquals(1000.0, t.get(2, "v"));
        assertEquals(123456789012345678L, t.get(4, "id"));
        assertEquals(12L, t.get(5, "name"));
    }

    @Test
    void randomNumbersRoundTripExactly() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        for (int i = 0; i < 20_000; i++) {
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(-30, 30));
            csv.append(x).append(',')
                    .append(String.format(Locale.ROOT, "%." + random.nextInt(0, 17) + "f", random.nextDouble() * 1000 - 500)).append(',')
                    .append(random.nextLong(-1L << 62, 1L << 62) / (1L << random.nextInt(0, 62))).append(',')
                    .append(random.nextInt(4) == 0 ? "text" + random.nextInt(3) : "").append('\n');
        }
        Table fast = Csv.read(new StringReader(csv.toString()));
        assertSame(reference(csv.toString()), fast);
        double[] a = fast.doubles("a");
        List<Object[]> rows = reference(csv.toString()).rows();
        for (int i = 0; i < rows.size(); i++) assertEquals(((Number) rows.get(i)[0]).doubleValue(), a[i], 0.0);
    }

    @Test
    void plainNumbersAtFieldAndRecordEndsAsTheReference() throws IOException {
        // the one-pass numeric path and its fall-backs: lone CR, CRLF, 15 and 16 digits, signs, points, leading zeros
        String csv = "a,b\r\n-0,007\r5.,-.5\r\n123456789012345,1234567890123456\n0.123456789012345,1.2.3\n"
                + "-,+3\n00.10,-0.0\r\n999999999999999.,9007199254740993\n-12,34";
        assertSame(reference(csv), Csv.read(new StringReader(csv)));
        Table t = Csv.read(new StringReader(csv));
        assertEquals(0L, t.get(0, "a"));
        assertEquals(-0.5, t.get(1, "b"));
        assertEquals("1.2.3", t.get(3, "b"));
        assertEquals(9007199254740993L, t.get(6, "b"));
    }

    @Test
    void codedComparesNumbersByValue() throws IOException {
        Table t = Csv.read(new StringReader("x\n2\n2.0\n2.5\nb\nNA\na\nb\n-0.0\n0\nNaN\n"));
        Table.Coded coded = t.coded("x");
        assertArrayEquals(new int[] {0, 0, 1, 2, -1, 3, 2, 4, 4, -1}, coded.codes());
        assertArrayEquals(new Object[] {2L, 2.5, "b", "a", 0L}, coded.values());
        Table rowWise = new Table(t.columns(), new ArrayList<>(t.rows()));
        assertArrayEquals(coded.codes(), rowWise.coded("x").codes());
        assertArrayEquals(coded.values(), rowWise.coded("x").values());
    }

    @Test
    void raggedRowNamesTheLine() {
        IOException e = assertThrows(IOException.class, () -> Csv.read(new StringReader("a,b\n1,2\n3\n")));
        assertEquals("CSV line 3 has 1 fields, header has 2", e.getMessage());
        assertThrows(IOException.class, () -> Csv.read(new StringReader("")));
    }

    private static void assertSame(Table expected, Table actual) {
        assertEquals(expected.columns(), actual.columns());
        assertEquals(expected.rowCount(), actual.rowCount());
        for (int r = 0; r < expected.rowCount(); r++) {
            Object[] e = expected.rows().get(r), a = actual.rows().get(r);
            for (int c = 0; c < e.length; c++) {
                assertEquals(e[c] == null ? null : e[c].getClass(), a[c] == null ? null : a[c].getClass(), "row " + r + " col " + c);
                assertEquals(e[c], a[c], "row " + r + " col " + c);
            }
        }
    }

    /** Row-wise reference: split records character by character, then type each cell. */
    static Table reference(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') quoted = false;
                else field.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                any = false;
            } else field.append(c);
        }
        if (any) {
            record.add(field.toString());
            records.add(record);
        }
        List<String> header = records.get(0);
        if (header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        List<Object[]> rows = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
            rows.add(rec.stream().map(Csv::typed).toArray());
        }
        return new Table(header, rows);
    }
}
