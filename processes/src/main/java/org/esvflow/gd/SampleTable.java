package org.esvflow.gd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.Parallel;
import org.esvflow.table.Table;

/**
 * Y and factor columns taken from a table, keeping only rows where Y is a finite number, every categorical factor
 * has a value and every continuous factor is a finite number; the other rows are dropped and counted.
 */
final class SampleTable {
    final double[] y;
    final List<String> categoricalNames;
    final List<Strata> categorical;
    final List<String> continuousNames;
    final List<double[]> continuous;
    final int dropped;

    private SampleTable(double[] y, List<String> categoricalNames, List<Strata> categorical,
                        List<String> continuousNames, List<double[]> continuous, int dropped) {
        this.y = y;
        this.categoricalNames = categoricalNames;
        this.categorical = categorical;
        this.continuousNames = continuousNames;
        this.continuous = continuous;
        this.dropped = dropped;
    }

    /** Splits a comma-separated list of column names; blank gives an empty list. */
    static List<String> names(String list) {
        if (list == null || list.isBlank()) return List.of();
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static SampleTable of(Table table, String yName, List<String> categoricalNames, List<String> continuousNames,
                          String categoricalInput, String continuousInput) {
        if (table == null) throw new InvalidInputException("table", "is required");
        if (yName == null || table.indexOf(yName) < 0) {
            throw new InvalidInputException("y", "no column '" + yName + "' in " + table.columns());
        }
        for (String c : categoricalNames) requireColumn(table, c, categoricalInput, yName);
        for (String c : continuousNames) requireColumn(table, c, continuousInput, yName);
        // Y, then the factors, column by column on the free cores, each with its count of unusable cells
        int cats = categoricalNames.size(), columns = 1 + cats + continuousNames.size();
        Object[] read = new Object[columns];
        int[] unusable = new int[columns];
        Parallel.forEach(columns, c -> {
            if (c > 0 && c <= cats) {
                Table.Coded coded = table.coded(categoricalNames.get(c - 1));
                unusable[c] = coded.missing();
                read[c] = coded;
            } else {
                double[] values = table.doubles(c == 0 ? yName : continuousNames.get(c - 1 - cats));
                for (double v : values) if (!Double.isFinite(v)) unusable[c]++;
                read[c] = values;
            }
        });
        double[] yAll = (double[]) read[0];
        List<Table.Coded> catAll = new ArrayList<>();
        for (int c = 1; c <= cats; c++) catAll.add((Table.Coded) read[c]);
        List<double[]> conAll = new ArrayList<>();
        for (int c = cats + 1; c < columns; c++) conAll.add((double[]) read[c]);
        int total = table.rowCount(), kept = total;
        long unused = 0;
        for (int u : unusable) unused += u;
        boolean[] keep = unused > 0 ? new boolean[total] : null;
        if (keep != null) {
            // column by column: a tight loop each, no iterator per row
            for (int i = 0; i < keep.length; i++) keep[i] = Double.isFinite(yAll[i]);
            for (Table.Coded col : catAll) {
                int[] codes = col.codes();
                for (int i = 0; i < keep.length; i++) if (codes[i] < 0) keep[i] = false;
            }
            for (double[] col : conAll) for (int i = 0; i < keep.length; i++) if (!Double.isFinite(col[i])) keep[i] = false;
            kept = 0;
            for (boolean k : keep) if (k) kept++;
        }
        if (kept == 0) throw new InvalidInputException("y", "no row has Y and every factor present");
        boolean all = kept == total;
        double[] y = all ? yAll : subset(yAll, keep, kept);
        int rows = kept;
        List<Strata> cat = Parallel.map(cats, c -> {
            Table.Coded col = catAll.get(c);
            int[] codes = col.codes();
            if (!all) {
                int[] sub = new int[rows];
                for (int i = 0, j = 0; i < keep.length; i++) if (keep[i]) sub[j++] = codes[i];
                codes = sub;
            }
            return Strata.ofValues(categoricalNames.get(c), codes, col.values(), all);
        });
        List<double[]> con = new ArrayList<>();
        for (double[] col : conAll) con.add(all ? col : subset(col, keep, kept));
        return new SampleTable(y, categoricalNames, cat, continuousNames, con, total - kept);
    }

    private static double[] subset(double[] values, boolean[] keep, int kept) {
        double[] out = new double[kept];
        for (int i = 0, j = 0; i < keep.length; i++) if (keep[i]) out[j++] = values[i];
        return out;
    }

    private static void requireColumn(Table table, String column, String input, String yName) {
        if (table.indexOf(column) < 0) {
            throw new InvalidInputException(input, "no column '" + column + "' in " + table.columns());
        }
        if (column.equals(yName)) throw new InvalidInputException(input, "'" + column + "' is Y itself");
    }
}
