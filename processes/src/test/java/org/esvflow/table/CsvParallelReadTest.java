package org.esvflow.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Csv#read(Path)} split into chunks (forced small here): the same table as the row-wise reference of
 * {@link CsvReadTest}, whatever the split; errors name the line of the whole file.
 */
class CsvParallelReadTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("t" + System.nanoTime() + ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void splitsInsideQuotedLineBreaksAndCrlfGiveTheReferenceTable() throws IOException {
        // quoted fields holding LF, CRLF, commas and doubled quotes; records ended by LF, CRLF and CR; blank lines
        SplittableRandom random = new SplittableRandom(12);
        StringBuilder csv = new StringBuilder("id,note,v\r\n");
        String[] notes = {"\"a\nb\"", "\"x\r\ny\"", "\"say \"\"hi\"\"\n,\"", "plain", "\"\"", "\"\n\n\"", "7"};
        String[] ends = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};
        for (int i = 0; i < 400; i++) {
            csv.append(i).append(',').append(notes[random.nextInt(notes.length)]).append(',')
                    .append(random.nextInt(3) == 0 ? "NA" : String.valueOf(random.nextInt(100) / 8.0))
                    .append(ends[random.nextInt(ends.length)]);
        }
        Path f = file(csv.toString());
        Table expected = CsvReadTest.reference(csv.toString());
        assertEquals(400, expected.rowCount());
        for (long chunk : new long[] {1, 3, 7, 16, 61, 500, 4096}) assertSame(expected, Csv.read(f, chunk), chunk);
        assertSame(expected, Csv.read(f), 0);
    }

    @Test
    void aFileSmallerThanOneChunkIsReadInOnePiece() throws IOException {
        Path f = file("a,b\r\n1,\"x\ny\"\r\n2.5,z");
        Table t = Csv.read(f, 1 << 20);
        assertEquals(List.of("a", "b"), t.columns());
        assertEquals(2, t.rowCount());
        assertEquals(1L, t.get(0, "a"));
        assertEquals("x\ny", t.get(0, "b"));
        assertEquals(2.5, t.get(1, "a"));
        assertEquals("z", t.get(1, "b"));
        // only a header: no rows, split or not
        assertEquals(0, Csv.read(file("a,b\n"), 1).rowCount());
    }

    @Test
    void aFileThatIsNotRegularIsReadAsAStream() throws IOException {
        Path fifo = dir.resolve("fifo.csv");
        org.esvflow.testing.Tools.assumeOnPath("mkfifo", "coreutils");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        try {
            assertEquals(0, mk.waitFor());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "a,b\n1,x\n2,y\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Table t = Csv.read(fifo);
        assertEquals(2, t.rowCount());
        assertEquals(2L, t.get(1, "a"));
        assertEquals("y", t.get(1, "b"));
    }

    @Test
    void columnsJoinAcrossChunksOfDifferentTypes() throws IOException {
        // x: ints in the first half, then a decimal, a text, a blank and a wide integer; t: texts repeated across chunks
        StringBuilder csv = new StringBuilder("x,t\n");
        for (int i = 0; i < 200; i++) csv.append(i % 5).append(',').append(i % 3 == 0 ? "b" : "a").append('\n');
        csv.append("2.5,c\nb,a\n,b\n9007199254740993,c\n3,\n");
        Path f = file(csv.toString());
        Table expected = CsvReadTest.reference(csv.toString());
        for (long chunk : new long[] {5, 64, 300}) {
            Table t = Csv.read(f, chunk);
            assertSame(expected, t, chunk);
            Table rowWise = new Table(expected.columns(), new ArrayList<>(expected.rows()));
            for (String c : List.of("x", "t")) {
                assertArrayEquals(rowWise.coded(c).codes(), t.coded(c).codes(), c + ", chunk " + chunk);
                assertArrayEquals(rowWise.coded(c).values(), t.coded(c).values(), c + ", chunk " + chunk);
            }
        }
        assertEquals(9007199254740993L, Csv.read(f, 5).get(203, "x"));
    }

    @Test
    void aRaggedRecordInALaterChunkNamesItsLineInTheFile() throws IOException {
        // line 1 header; lines 2..101 rows (line 31 spans two physical lines in quotes, line 50 is blank);
        // line 90 has one field: the 90th record of the file, counted by hand
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int line = 2; line <= 101; line++) {
            if (line == 31) csv.append("1,\"two\nlines\"\n");
            else if (line == 50) csv.append('\n');
            else if (line == 90) csv.append("3\n");
            else csv.append(line).append(",x\n");
        }
        Path f = file(csv.toString());
        for (long chunk : new long[] {1, 40, 200}) {
            IOException e = assertThrows(IOException.class, () -> Csv.read(f, chunk));
            assertEquals("CSV line 90 has 1 fields, header has 2", e.getMessage(), "chunk " + chunk);
        }
        // the earlier of two errors in file order, whichever chunk is parsed first
        Path two = file(csv.toString().replace("20,x\n", "20,x,y\n"));
        IOException e = assertThrows(IOException.class, () -> Csv.read(two, 1));
        assertEquals("CSV line 20 has 3 fields, header has 2", e.getMessage());
        // and the sequential reader agrees
        IOException sequential = assertThrows(IOException.class, () -> Csv.read(new StringReader(csv.toString())));
        assertEquals("CSV line 90 has 1 fields, header has 2", sequential.getMessage());
    }

    private static void assertSame(Table expected, Table actual, long chunk) {
        assertEquals(expected.columns(), actual.columns(), "chunk " + chunk);
        assertEquals(expected.rowCount(), actual.rowCount(), "chunk " + chunk);
        for (int r = 0; r < expected.rowCount(); r++) {
            Object[] e = expected.rows().get(r), a = actual.rows().get(r);
            for (int c = 0; c < e.length; c++) {
                String at = "chunk " + chunk + ", row " + r + ", col " + c;
                assertEquals(e[c] == null ? null : e[c].getClass(), a[c] == null ? null : a[c].getClass(), at);
                assertEquals(e[c], a[c], at);
            }
        }
    }
}
