package org.esvflow.table;

import org.esvflow.io.AtomicFiles;
import java.io.BufferedReader;
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
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        }
    }

    public static Table read(Reader in) throws IOException {
        List<List<String>> records = parse(in);
        if (records.isEmpty()) throw new IOException("empty CSV: no header row");
        List<String> header = records.get(0);
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1));
        List<Object[]> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
            if (rec.size() != header.size()) {
                throw new IOException("CSV line " + (r + 1) + " has " + rec.size() + " fields, header has " + header.size());
            }
            Object[] row = new Object[rec.size()];
            for (int c = 0; c < row.length; c++) row[c] = typed(rec.get(c));
            rows.add(row);
        }
        return new Table(header, rows);
    }

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

    private static List<List<String>> parse(Reader in) throws IOException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, any = false;
        int ch;
        while ((ch = in.read()) != -1) {
            char c = (char) ch;
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') field.append('"');
                    else {
                        quoted = false;
                        if (next != -1) in.reset();
                    }
                } else field.append(c);
            } else if (c == '"') quoted = true;
            else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') in.reset();
                }
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
        return records;
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
