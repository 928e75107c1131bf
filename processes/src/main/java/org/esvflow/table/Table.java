package org.esvflow.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A small rectangular table: named columns and rows of plain values ({@link String}, {@link Number},
 * {@link Boolean} or {@code null}). CSV is its primary form; JSON and XLSX are views of the same rows.
 */
public final class Table {
    private final List<String> columns;
    private final List<Object[]> rows;

    public Table(List<String> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        for (Object[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("row has " + row.length + " values for " + columns.size() + " columns");
            }
        }
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
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
        return rows.get(row)[c];
    }

    /** The column as doubles; blanks and non-numbers are NaN. */
    public double[] doubles(String column) {
        int c = indexOf(column);
        if (c < 0) throw new IllegalArgumentException("no column " + column + " in " + columns);
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
