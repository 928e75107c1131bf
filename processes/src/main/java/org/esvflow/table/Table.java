package org.esvflow.table;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small rectangular table: named columns and rows of plain values ({@link String}, {@link Number},
 * {@link Boolean} or {@code null}). CSV is its primary form; JSON and XLSX are views of the same rows.
 *
 * <p>A table read from CSV holds its cells column by column without an object per cell (a kind byte and a double per
 * cell, texts in a dictionary per column); {@link #rows()} is then a view that builds each row when asked, and
 * {@link #doubles} and {@link #coded} read the columns directly.
 */
public final class Table {
    private final List<String> columns;
    private final List<Object[]> rows;
    private final Column[] data;

    public Table(List<String> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
            }
        }
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.data = null;
    }

    /** A column-wise table (from {@link Csv#read}); every column holds the same number of cells. */
    Table(List<String> columns, Column[] data, int rowCount) {
        if (data.length != columns.size()) throw new IllegalArgumentException(data.length + " columns for " + columns);
        for (Column c : data) if (c.size() != rowCount) throw new IllegalArgumentException("ragged columns");
        this.columns = List.copyOf(columns);
        this.data = data;
        this.rows = new AbstractList<>() {
            @Override
            public Object[] get(int row) {
                Objects.checkIndex(row, rowCount);
                Object[] values = new Object[data.length];
                for (int c = 0; c < values.length; c++) values[c] = data[c].value(row);
                return values;
            }

            @Override
            public int size() {
                return rowCount;
            }
        };
    }

    public static Builder builder(String... columns) {
        return new Builder(Arrays.asList(columns));
    }

    public List<String> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Index of a column, or -1. */
    public int indexOf(String column) {
        return columns.indexOf(column);
    }

    public Object get(int row, String column) {
        int c = indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
        return data != null ? data[c].value(row) : rows.get(row)[c];
    }

    /** The column as doubles; blanks and non-numbers are NaN. */
    public double[] doubles(String column) {
        int c = indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
        if (data != null) return data[c].doubles();
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            Object v = rows.get(i)[c];
            if (v instanceof Number n) values[i] = n.doubleValue();
            else if (v instanceof String s && !s.isBlank()) {
                try {
                    values[i] = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    values[i] = Double.NaN;
                }
            } else values[i] = Double.NaN;
        }
        return values;
    }

    /** The column as strings ({@code null} stays {@code null}). */
    public String[] strings(String column) {
        int c = indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Objects.toString(rows.get(i)[c], null);
        }
        return values;
    }

    /**
     * A column coded by distinct value: {@code codes[i]} indexes {@code values} (each value present once, in order of
     * first appearance; ascending for a column read from CSV that holds integers alone), −1 for a missing cell or NaN,
     * of which there are {@code missing}. Numbers compare by value (2 and 2.0 are one value, given as the Long 2;
     * integral values of magnitude below 10¹⁵ are Longs, others Doubles), anything else by its text.
     */
    public record Coded(int[] codes, Object[] values, int missing) {}

    public Coded coded(String column) {
        int c = indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
        if (data != null) return data[c].coded();
        int[] codes = new int[rows.size()];
        int missing = 0;
        Map<Object, Integer> index = new HashMap<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            Object v = rows.get(i)[c];
            Object key = v == null ? null : v instanceof Number n ? numericKey(n.doubleValue()) : v.toString();
            if (key == null) {
                codes[i] = -1;
                missing++;
                continue;
            }
            Integer code = index.putIfAbsent(key, values.size());
            if (code == null) {
                code = values.size();
                values.add(key);
            }
            codes[i] = code;
        }
        return new Coded(codes, values.toArray(), missing);
    }

    /** The key a number is compared by: Long when integral and below 10¹⁵ in magnitude, else the Double; NaN → null. */
    static Object numericKey(double d) {
        if (Double.isNaN(d)) return null;
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return (long) d;
        return d;
    }

    @Override
    public String toString() {
        return "Table" + columns + " × " + rows.size() + " rows";
    }

    /** Collects rows in order. */
    public static final class Builder {
        private final List<String> columns;
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            this.columns = columns;
        }

        public Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row has " + values.length + " values for columns " + columns);
            }
            rows.add(values.clone());
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
