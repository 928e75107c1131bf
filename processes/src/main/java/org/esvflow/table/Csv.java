package org.esvflow.table;

import org.esvflow.io.AtomicFiles;
import org.esvflow.raster.Parallel;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: UTF-8, header row, comma separator, '.' decimal, quotes where needed. Reading keeps cells as
 * strings unless they parse as numbers; a UTF-8 byte-order mark is ignored.
 */
public final class Csv {
    private Csv() {}

    /**
     * Reads a file as {@link #read(Reader)} describes, on all cores when it is large: the rows after the header are
     * split into chunks after line feeds, each chunk is parsed into columns of its own and the chunks' columns are
     * joined in order (same types, same values, the same error with the same line number as one sequential pass).
     * A chunk starts after the first line feed past its share of the bytes, taken to end a record; that holds when
     * the chunk before ends outside quotes, and when it does not (a quoted field with a line break spans the split)
     * the rest of the file is parsed again from the start of that chunk, in one piece.
     */
    public static Table read(Path file) throws IOException {
        return read(file, 0);
    }

    /** Chunks of at least this many bytes: below it the start-up of a thread outweighs the parsing saved. */
    private static final long MIN_CHUNK = 1 << 20;

    /** {@code chunkBytes}: the chunk length to aim at, 0 for a quarter of a core's share (at least {@link #MIN_CHUNK}). */
    static Table read(Path file, long chunkBytes) throws IOException {
        if (!Files.isRegularFile(file)) { // a pipe or a device: no length, no positions, one pass
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, -1);
            }
        }
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            Scanner scanner = new Scanner(new RangeStream(channel, 0, size));
            List<String> header = header(scanner);
            long headerBytes = scanner.position(), data = size - headerBytes;
            if (chunkBytes <= 0) {
                chunkBytes = Math.max(MIN_CHUNK, data / (4L * Runtime.getRuntime().availableProcessors()));
            }
            if (data < 2 * chunkBytes) return join(header, List.of(Chunk.parse(scanner, header.size(), data)));
            long[] starts = lineStarts(channel, headerBytes, size, (int) Math.min(1 << 16, data / chunkBytes));
            Chunk[] chunks = new Chunk[starts.length];
            Parallel.forEach(chunks.length, k -> chunks[k] = parse(file, starts, k, size, header.size()));
            // chunk k starts a record when chunk k − 1 does and ends outside quotes
            List<Chunk> verified = new ArrayList<>();
            for (int k = 0; k < chunks.length; k++) {
                if (chunks[k].openQuote && k + 1 < chunks.length) {
                    // its last record runs on past the split (and may look ragged): the rest in one piece
                    verified.add(parse(file, new long[] {starts[k]}, 0, size, header.size()));
                    break;
                }
                verified.add(chunks[k]);
                if (!chunks[k].complete()) break; // an error, reported by join, ends the file
            }
            return join(header, verified);
        }
    }

    /** Chunk {@code k} of a file split at {@code starts} (the last ending at {@code size}), or its read error. */
    private static Chunk parse(Path file, long[] starts, int k, long size, int width) {
        long from = starts[k], to = k + 1 < starts.length ? starts[k + 1] : size;
        try (FileChannel own = FileChannel.open(file)) {
            return Chunk.parse(new Scanner(new RangeStream(own, from, to)), width, to - from);
        } catch (IOException e) {
            return Chunk.failed(e); // thrown by join in file order, as one pass would
        }
    }

    /**
     * {@code from} and the position after the first line feed at or after each of the {@code n − 1} inner
     * {@code n}-ths of {@code [from, to)}, without duplicates (a part without a line feed joins the one before).
     */
    private static long[] lineStarts(FileChannel channel, long from, long to, int n) throws IOException {
        List<Long> starts = new ArrayList<>();
        starts.add(from);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 12);
        for (int k = 1; k < n; k++) {
            long position = Math.max(from + (to - from) * k / n, starts.get(starts.size() - 1));
            long found = -1;
            while (found < 0 && position < to) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read <= 0) break;
                for (int i = 0; i < read && found < 0; i++) if (buffer.get(i) == '\n') found = position + i + 1;
                position += read;
            }
            if (found < 0 || found >= to) break;
            if (found > starts.get(starts.size() - 1)) starts.add(found);
        }
        long[] out = new long[starts.size()];
        for (int k = 0; k < out.length; k++) out[k] = starts.get(k);
        return out;
    }

    /** Reads UTF-8 bytes; see {@link #read(Reader)}. */
    public static Table read(InputStream in) throws IOException {
        return read(in, -1);
    }

    /**
     * Reads column by column without an object per cell (see {@link Table}): a single pass over the bytes, numbers
     * parsed in place (decimals of up to 15 significant digits and exponents within ±22 exactly, by one correctly
     * rounded IEEE operation; others by {@link Double#parseDouble}), texts decoded as UTF-8 (an error for malformed
     * bytes) and kept once per column. Characters from a reader are encoded to UTF-8 first, whole: for the small
     * tables that come as text; files and streams are read as bytes.
     */
    public static Table read(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int n; (n = in.read(chunk)) > 0; ) text.append(chunk, 0, n);
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        return read(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** {@code size}: the stream's length in bytes when known (columns are then sized once), else −1. */
    private static Table read(InputStream in, long size) throws IOException {
        Scanner scanner = new Scanner(in);
        List<String> header = header(scanner);
        return join(header, List.of(Chunk.parse(scanner, header.size(), size < 0 ? -1 : size - scanner.position())));
    }

    /** The header row; its first name without a UTF-8 byte-order mark. */
    private static List<String> header(Scanner scanner) throws IOException {
        List<String> header = new ArrayList<>();
        int end;
        do {
            end = scanner.next();
            if (end == EOF && header.isEmpty() && !scanner.any) throw new IOException("empty CSV: no header row");
            header.add(scanner.text());
        } while (end == ',');
        if (header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        return header;
    }

    /**
     * The rows of a run of whole records: its columns, the records read (blank lines included, which are skipped but
     * counted in line numbers) and whether its end came inside quotes; a ragged record ends the chunk with its record
     * number, so that the error can name the line of the whole file once the records of the chunks before it are known.
     */
    private record Chunk(Column[] columns, int rows, int records, int raggedRecord, int raggedFields,
                         boolean openQuote, IOException failure) {

        static Chunk failed(IOException failure) {
            return new Chunk(null, 0, 0, 0, 0, false, failure);
        }

        /** Whether every record was read (no error). */
        boolean complete() {
            return failure == null && raggedRecord == 0;
        }

        /** {@code bytes}: the chunk's length when known (columns are then sized once), else −1. */
        static Chunk parse(Scanner scanner, int width, long bytes) throws IOException {
            Column[] columns = new Column[width];
            for (int c = 0; c < width; c++) columns[c] = new Column(1024);
            long start = scanner.position();
            int rows = 0, record = 1, end = END_OF_RECORD;
            for (; end != EOF; record++) {
                int fields = 0;
                end = scanner.number(columns[0]);
                boolean added = end != NOT_A_NUMBER;
                if (!added) {
                    end = scanner.next();
                    if (end != ',' && scanner.length() == 0) {
                        if (end == EOF && !scanner.any) break;
                        continue; // an empty line
                    }
                }
                while (true) {
                    if (!added && fields < width) scanner.addTyped(columns[fields]);
                    fields++;
                    if (end != ',') break;
                    end = fields < width ? scanner.number(columns[fields]) : NOT_A_NUMBER;
                    added = end != NOT_A_NUMBER;
                    if (!added) end = scanner.next();
                }
                if (fields != width) return new Chunk(columns, rows, record, record, fields, scanner.openQuote, null);
                if (rows++ == 0 && bytes > 0) {
                    // rows to expect from the first record's length, 5 % spare, so columns are not copied as they grow
                    long first = Math.max(1, scanner.position() - start);
                    long expected = Math.min(Integer.MAX_VALUE - 8, bytes / first * 21 / 20 + 16);
                    for (Column c : columns) c.ensureCapacity((int) expected);
                }
            }
            return new Chunk(columns, rows, record - 1, 0, 0, scanner.openQuote, null);
        }
    }

    /**
     * The chunks' columns end to end. The first failure in file order is thrown: a chunk's read error, or a ragged
     * record, numbered as a line of the whole file.
     */
    private static Table join(List<String> header, List<Chunk> chunks) throws IOException {
        long records = 0;
        for (Chunk chunk : chunks) {
            if (chunk.failure != null) throw chunk.failure;
            if (chunk.raggedRecord > 0) {
                throw new IOException("CSV line " + (records + chunk.raggedRecord + 1) + " has " + chunk.raggedFields
                        + " fields, header has " + header.size());
            }
            records += chunk.records;
        }
        if (chunks.size() == 1) return new Table(header, chunks.get(0).columns, chunks.get(0).rows);
        long rows = 0;
        for (Chunk chunk : chunks) rows += chunk.rows;
        if (rows > Integer.MAX_VALUE - 8) throw new IOException("CSV of " + rows + " rows: too many for one table");
        Column[] columns = new Column[header.size()];
        // column by column, each chunk's part let go once joined: the columns are held about once, not twice
        Parallel.forEach(columns.length, c -> {
            Column[] parts = new Column[chunks.size()];
            for (int k = 0; k < parts.length; k++) {
                parts[k] = chunks.get(k).columns[c];
                chunks.get(k).columns[c] = null;
            }
            columns[c] = Column.concat(parts);
        });
        return new Table(header, columns, (int) rows);
    }

    /** The bytes {@code [position, end)} of a file, read without moving the channel's own position. */
    private static final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeStream(FileChannel channel, long position, long end) {
            this.channel = channel;
            this.position = position;
            this.end = end;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) return -1;
            int read = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (read > 0) position += read;
            return read;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }
    }

    private static final int EOF = -1, END_OF_RECORD = '\n', NOT_A_NUMBER = -2;
    private static final long EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact to 1e22
    }

    /**
     * RFC 4180 fields from a byte stream: quotes, doubled quotes, CR, LF and CRLF record ends. The delimiters are
     * ASCII, so a UTF-8 field is split on bytes and decoded only when it is kept as text.
     */
    private static final class Scanner {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos, limit;
        /** Bytes of the stream before {@code buffer[0]}. */
        private long before;
        /** The current field: {@code data[start, end)}, in the read buffer itself or in {@code field}. */
        private byte[] data;
        private int start, end;
        private byte[] field = new byte[64];
        /** Whether the current record has consumed any byte (a last line without a newline is a record). */
        boolean any;
        /** Whether the stream ended inside a quoted field. */
        boolean openQuote;

        Scanner(InputStream in) {
            this.in = in;
        }

        long position() {
            return before + pos;
        }

        int length() {
            return end - start;
        }

        private int read() throws IOException {
            if (pos == limit) {
                before += limit;
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return EOF;
                }
            }
            return buffer[pos++] & 0xff;
        }

        /**
         * The common numeric field in one pass: when the next field is [-]digits[.digits] of at most 15 digits, ended
         * by a comma or a record end inside the buffer, adds it to the column (as {@link #addTyped} would: a Long
         * without a point, else the Double of one correctly rounded division) and returns what ended it; otherwise
         * reads nothing and returns NOT_A_NUMBER.
         */
        int number(Column column) {
            byte[] b = buffer;
            int p = pos, lim = limit;
            if (lim - p > 10) {
                // the commonest field of a sample table: a code of at most 9 digits, then a comma or a line feed (the
                // 10 bytes after p lie in the buffer: no bound check per byte)
                int q = p, v = 0, c = b[q];
                while (c >= '0' && c <= '9' && q - p < 9) {
                    v = v * 10 + (c - '0');
                    c = b[++q];
                }
                if (q > p && (c == ',' || c == '\n') && column.addInt(v)) {
                    pos = q + 1;
                    any = c == ',';
                    return c == ',' ? ',' : END_OF_RECORD;
                }
            }
            if (p == lim) return NOT_A_NUMBER;
            boolean negative = b[p] == '-', point = false;
            int q = negative ? p + 1 : p, digits = 0, decimals = 0, c = 0;
            long mantissa = 0;
            for (; q < lim; q++) {
                c = b[q];
                if (c >= '0' && c <= '9') {
                    mantissa = mantissa * 10 + (c - '0');
                    digits++;
                    if (point) decimals++;
                } else if (c == '.' && !point) point = true;
                else break;
            }
            if (q == lim || digits == 0 || digits > 15) return NOT_A_NUMBER;
            int after;
            if (c == ',' || c == '\n') after = q + 1;
            else if (c == '\r' && q + 1 < lim && b[q + 1] == '\n') after = q + 2;
            else return NOT_A_NUMBER;
            if (point) {
                double value = mantissa / POWERS_OF_TEN[decimals]; // exact operands: mantissa < 10¹⁵, 10^decimals ≤ 10¹⁵
                column.addDecimal(negative ? -value : value);
            } else column.addInteger(negative ? -mantissa : mantissa);
            pos = after;
            any = c == ',';
            return c == ',' ? ',' : END_OF_RECORD;
        }

        /** Reads one field; returns what ended it: ',', END_OF_RECORD or EOF. */
        int next() throws IOException {
            // the common case: an unquoted field ending inside the buffer, parsed where it lies
            byte[] b = buffer;
            int p = pos;
            byte c0 = 0;
            while (p < limit && (c0 = b[p]) != ',' && c0 != '\n' && c0 != '\r' && c0 != '"') p++;
            if (p < limit && c0 != '"' && (c0 != '\r' || p + 1 < limit)) {
                data = b;
                start = pos;
                end = p;
                pos = p + 1;
                if (c0 == ',') {
                    any = true;
                    return ',';
                }
                if (c0 == '\r' && b[pos] == '\n') pos++;
                any = false;
                return END_OF_RECORD;
            }
            return nextSlowly();
        }

        private int nextSlowly() throws IOException {
            data = field;
            start = 0;
            end = 0;
            boolean quoted = false;
            int c;
            while ((c = read()) != EOF) {
                if (quoted) {
                    if (c == '"') {
                        int after = read();
                        if (after == '"') append('"');
                        else {
                            quoted = false;
                            if (after == EOF) break;
                            pos--; // the byte after the closing quote is read again below
                        }
                    } else append(c);
                    continue;
                }
                any = true;
                if (c == '"') quoted = true;
                else if (c == ',') return ',';
                else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int after = read();
                        if (after != '\n' && after != EOF) pos--;
                    }
                    any = false;
                    return END_OF_RECORD;
                } else append(c);
            }
            openQuote = quoted;
            return EOF;
        }

        private void append(int c) {
            any = true;
            if (end == field.length) data = field = java.util.Arrays.copyOf(field, end * 2);
            field[end++] = (byte) c;
        }

        /** The field as text: UTF-8, malformed bytes an error. */
        String text() throws IOException {
            boolean ascii = true;
            for (int i = start; i < end && ascii; i++) ascii = data[i] >= 0;
            if (ascii) return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data, start, end - start)).toString();
        }

        /** Adds the field to the column typed as {@link Csv#typed} types a cell. */
        void addTyped(Column column) throws IOException {
            byte[] d = data;
            int s = start, e = end;
            while (s < e && (d[s] & 0xff) <= ' ') s++;
            while (e > s && (d[e - 1] & 0xff) <= ' ') e--;
            int n = e - s;
            if (n == 0 || n == 2 && (d[s] | 0x20) == 'n' && (d[s + 1] | 0x20) == 'a') {
                column.addMissing();
                return;
            }
            if (integer(column, d, s, e) || decimal(column, d, s, e)) return;
            // Double.parseDouble's other forms (NaN, Infinity, hexadecimal, a type suffix) begin so; texts seldom do
            byte first = d[s];
            if (first >= '0' && first <= '9' || first == '+' || first == '-' || first == '.' || first == 'N'
                    || first == 'I') {
                try {
                    column.addDecimal(Double.parseDouble(new String(d, s, n, StandardCharsets.ISO_8859_1)));
                    return;
                } catch (NumberFormatException notANumber) {
                    // a text
                }
            }
            column.addText(text());
        }

        /** [+-]?\d{1,18} as a Long. */
        private static boolean integer(Column column, byte[] d, int s, int e) {
            boolean negative = d[s] == '-';
            int i = d[s] == '+' || negative ? s + 1 : s;
            if (e - i < 1 || e - i > 18) return false;
            long v = 0;
            for (; i < e; i++) {
                int digit = d[i] - '0';
                if (digit < 0 || digit > 9) return false;
                v = v * 10 + digit;
            }
            column.addInteger(negative ? -v : v);
            return true;
        }

        /** [+-]?digits[.digits][(e|E)[+-]digits] with an exactly representable mantissa and |exponent| ≤ 22. */
        private static boolean decimal(Column column, byte[] d, int s, int e) {
            boolean negative = d[s] == '-';
            int i = d[s] == '+' || negative ? s + 1 : s;
            long mantissa = 0;
            int digits = 0, significant = 0, scale = 0;
            boolean point = false;
            for (; i < e; i++) {
                byte c = d[i];
                if (c >= '0' && c <= '9') {
                    digits++;
                    if (mantissa == 0 && c == '0') {
                        if (point) scale--;
                        continue;
                    }
                    if (++significant > 15) return false;
                    mantissa = mantissa * 10 + (c - '0');
                    if (point) scale--;
                } else if (c == '.' && !point) point = true;
                else break;
            }
            if (digits == 0) return false;
            if (i < e) {
                if (d[i] != 'e' && d[i] != 'E') return false;
                i++;
                boolean negativeExponent = i < e && d[i] == '-';
                if (i < e && (d[i] == '+' || d[i] == '-')) i++;
                if (i == e || e - i > 4) return false;
                int exponent = 0;
                for (; i < e; i++) {
                    int digit = d[i] - '0';
                    if (digit < 0 || digit > 9) return false;
                    exponent = exponent * 10 + digit;
                }
                scale += negativeExponent ? -exponent : exponent;
            }
            double value;
            if (mantissa == 0) value = 0;
            else if (mantissa < EXACT_MANTISSA && scale >= -22 && scale <= 22) {
                value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
            } else return false;
            column.addDecimal(negative ? -value : value);
            return true;
        }
    }

    /** The type a cell gets: null for blank or NA, Long for up to 18 digits, Double when it parses, else the text. */
    static Object typed(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("NA")) return null;
        try {
            if (s.matches("[+-]?\\d{1,18}")) return Long.parseLong(s);
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /** Writes atomically: a temporary file in the same folder is moved over {@code file}. */
    public static void write(Table table, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                write(table, w);
            }
        });
    }

    public static void write(Table table, Writer out) throws IOException {
        writeRecord(out, table.columns().toArray());
        for (Object[] row : table.rows()) writeRecord(out, row);
        out.flush();
    }

    public static String toString(Table table) {
        StringWriter w = new StringWriter();
        try {
            write(table, w);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static void writeRecord(Writer out, Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.write(',');
            out.write(escape(format(values[i])));
        }
        out.write("\n");
    }

    /** Full precision, shortest round-trip form for doubles; integers without a decimal point. */
    public static String format(Object value) {
        if (value == null) return "";
        if (value instanceof Double d) {
            if (d.isNaN()) return "";
            if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf(d.longValue());
            return d.toString();
        }
        if (value instanceof Float f) return format(f.doubleValue());
        return value.toString();
    }

    private static String escape(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
