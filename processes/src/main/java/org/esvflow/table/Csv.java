package org.esvflow.table;

import org.esvflow.io.AtomicFiles;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
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

    public static Table read(Path file) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    /**
     * Reads column by column without an object per cell (see {@link Table}): a single pass over the characters, numbers
     * parsed in place (decimals of up to 15 significant digits and exponents within ±22 exactly, by one correctly
     * rounded IEEE operation; others by {@link Double#parseDouble}), texts kept once per column.
     */
    public static Table read(Reader in) throws IOException {
        Scanner scanner = new Scanner(in);
        List<String> header = new ArrayList<>();
        int end;
        do {
            end = scanner.next();
            if (end == EOF && header.isEmpty() && !scanner.any) throw new IOException("empty CSV: no header row");
            header.add(scanner.text());
        } while (end == ',');
        if (header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        Column[] columns = new Column[header.size()];
        for (int c = 0; c < columns.length; c++) columns[c] = new Column(1024);
        int rows = 0;
        for (int record = 1; end != EOF; record++) {
            int fields = 0;
            end = scanner.next();
            if (end != ',' && scanner.length == 0) {
                if (end == EOF && !scanner.any) break;
                continue; // an empty line
            }
            while (true) {
                if (fields < columns.length) scanner.addTyped(columns[fields]);
                fields++;
                if (end != ',') break;
                end = scanner.next();
            }
            if (fields != columns.length) {
                throw new IOException("CSV line " + (record + 1) + " has " + fields + " fields, header has " + header.size());
            }
            rows++;
        }
        return new Table(header, columns, rows);
    }

    private static final int EOF = -1, END_OF_RECORD = '\n';
    private static final long EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact to 1e22
    }

    /** RFC 4180 fields from a character stream: quotes, doubled quotes, CR, LF and CRLF record ends. */
    private static final class Scanner {
        private final Reader in;
        private final char[] buffer = new char[1 << 16];
        private int pos, limit;
        private char[] field = new char[64];
        int length;
        /** Whether the current record has consumed any character (a last line without a newline is a record). */
        boolean any;

        Scanner(Reader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return EOF;
                }
            }
            return buffer[pos++];
        }

        /** Reads one field; returns what ended it: ',', END_OF_RECORD or EOF. */
        int next() throws IOException {
            // the common case: an unquoted field ending inside the buffer, copied at once
            int p = pos;
            char c0 = 0;
            while (p < limit && (c0 = buffer[p]) != ',' && c0 != '\n' && c0 != '\r' && c0 != '"') p++;
            if (p < limit && c0 != '"' && (c0 != '\r' || p + 1 < limit)) {
                length = p - pos;
                if (length > field.length) field = new char[Math.max(length, field.length * 2)];
                System.arraycopy(buffer, pos, field, 0, length);
                pos = p + 1;
                if (c0 == ',') {
                    any = true;
                    return ',';
                }
                if (c0 == '\r' && buffer[pos] == '\n') pos++;
                any = false;
                return END_OF_RECORD;
            }
            return nextSlowly();
        }

        private int nextSlowly() throws IOException {
            length = 0;
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
                            pos--; // the character after the closing quote is read again below
                        }
                    } else append((char) c);
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
                } else append((char) c);
            }
            return EOF;
        }

        private void append(char c) {
            any = true;
            if (length == field.length) field = java.util.Arrays.copyOf(field, length * 2);
            field[length++] = c;
        }

        String text() {
            return new String(field, 0, length);
        }

        /** Adds the field to the column typed as {@link Csv#typed} types a cell. */
        void addTyped(Column column) {
            int s = 0, e = length;
            while (s < e && field[s] <= ' ') s++;
            while (e > s && field[e - 1] <= ' ') e--;
            int n = e - s;
            if (n == 0 || n == 2 && (field[s] | 0x20) == 'n' && (field[s + 1] | 0x20) == 'a') {
                column.addMissing();
                return;
            }
            if (integer(column, s, e) || decimal(column, s, e)) return;
            String trimmed = new String(field, s, n);
            try {
                column.addDecimal(Double.parseDouble(trimmed));
            } catch (NumberFormatException notANumber) {
                column.addText(text());
            }
        }

        /** [+-]?\d{1,18} as a Long. */
        private boolean integer(Column column, int s, int e) {
            boolean negative = field[s] == '-';
            int i = field[s] == '+' || negative ? s + 1 : s;
            if (e - i < 1 || e - i > 18) return false;
            long v = 0;
            for (; i < e; i++) {
                int d = field[i] - '0';
                if (d < 0 || d > 9) return false;
                v = v * 10 + d;
            }
            column.addInteger(negative ? -v : v);
            return true;
        }

        /** [+-]?digits[.digits][(e|E)[+-]digits] with an exactly representable mantissa and |exponent| ≤ 22. */
        private boolean decimal(Column column, int s, int e) {
            boolean negative = field[s] == '-';
            int i = field[s] == '+' || negative ? s + 1 : s;
            long mantissa = 0;
            int digits = 0, significant = 0, scale = 0;
            boolean point = false;
            for (; i < e; i++) {
                char c = field[i];
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
                if (field[i] != 'e' && field[i] != 'E') return false;
                i++;
                boolean negativeExponent = i < e && field[i] == '-';
                if (i < e && (field[i] == '+' || field[i] == '-')) i++;
                if (i == e || e - i > 4) return false;
                int exponent = 0;
                for (; i < e; i++) {
                    int d = field[i] - '0';
                    if (d < 0 || d > 9) return false;
                    exponent = exponent * 10 + d;
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
