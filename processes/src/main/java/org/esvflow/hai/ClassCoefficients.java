package org.esvflow.hai;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * A value per land-use class code (a HAILS coefficient, an intensity grade), looked up through a dense table so
 * that per-pixel lookups cost an array access. Codes must be integers in [0, 65535].
 */
final class ClassCoefficients {
    static final int MAX_CODE = 65_535;
    private final double[] byCode;
    private final Map<Integer, Double> values;

    private ClassCoefficients(Map<Integer, Double> values) {
        this.values = new TreeMap<>(values);
        int top = values.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        byCode = new double[top + 1];
        Arrays.fill(byCode, Double.NaN);
        values.forEach((code, v) -> byCode[code] = v);
    }

    /** The value of a class, NaN when the code has none. */
    double get(double code) {
        if (!(code >= 0 && code < byCode.length) || code != Math.rint(code)) return Double.NaN;
        return byCode[(int) code];
    }

    Map<Integer, Double> values() {
        return values;
    }

    /**
     * Reads {@code code} and {@code valueColumn} of a table; every value must lie in [min, max].
     *
     * @param filter when not null, only rows whose {@code classification} column equals it
     */
    static ClassCoefficients of(Table table, String valueColumn, double min, double max, String filter, String input) {
        for (String column : new String[] {"code", valueColumn}) {
            if (table.indexOf(column) < 0) {
                throw new InvalidInputException(input, "needs columns code and " + valueColumn + ", has " + table.columns());
            }
        }
        double[] codes = table.doubles("code"), v = table.doubles(valueColumn);
        String[] classifications = filter == null ? null : table.strings("classification");
        Map<Integer, Double> values = new TreeMap<>();
        for (int r = 0; r < codes.length; r++) {
            if (filter != null && !filter.equals(classifications[r])) continue;
            if (!(codes[r] >= 0 && codes[r] <= MAX_CODE && codes[r] == Math.rint(codes[r]))) {
                throw new InvalidInputException(input, "row " + (r + 1) + ": code must be an integer in [0, "
                        + MAX_CODE + "], got " + table.rows().get(r)[table.indexOf("code")]);
            }
            if (!(v[r] >= min && v[r] <= max)) {
                throw new InvalidInputException(input, "row " + (r + 1) + ": " + valueColumn + " must be in [" + min
                        + ", " + max + "], got " + table.rows().get(r)[table.indexOf(valueColumn)]);
            }
            if (values.put((int) codes[r], v[r]) != null) {
                throw new InvalidInputException(input, "code " + (int) codes[r] + " appears twice");
            }
        }
        if (values.isEmpty()) throw new InvalidInputException(input, "has no rows");
        return new ClassCoefficients(values);
    }

    /** A table shipped with esvflow under {@code org/esvflow/hai/}. */
    static Table resource(String name) {
        try (InputStream in = ClassCoefficients.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws naming the class codes found in the raster that have no value. */
    static void requireAll(TreeSet<Integer> missing, String rasterInput, String tableInput) {
        if (!missing.isEmpty()) {
            throw new InvalidInputException(tableInput, "no value for land-use code(s) " + missing + " found in "
                    + rasterInput + "; give a table with columns code and a value for every class");
        }
    }
}
