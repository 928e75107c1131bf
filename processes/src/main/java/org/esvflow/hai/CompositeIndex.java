package org.esvflow.hai;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;

/**
 * The composite HAI of a set of units (regions, cells, region-years): indicators min-max normalised over the units,
 * weighted by entropy weights or by the user's weights, HAI = Σ_j w_j x'_ij ∈ [0, 1].
 */
final class CompositeIndex {
    final String[] names;
    final double[] min, max, entropy, weights;
    final boolean userWeights;
    final double[][] normalised;
    final double[] hai;

    private CompositeIndex(String[] names, double[] min, double[] max, double[] entropy, double[] weights,
                           boolean userWeights, double[][] normalised, double[] hai) {
        this.names = names;
        this.min = min;
        this.max = max;
        this.entropy = entropy;
        this.weights = weights;
        this.userWeights = userWeights;
        this.normalised = normalised;
        this.hai = hai;
    }

    /**
     * @param raw {@code raw[unit][indicator]}, every value finite
     * @param userWeights null for entropy weights, else one non-negative weight per indicator (rescaled to sum 1)
     */
    static CompositeIndex of(String[] names, double[][] raw, double[] userWeights, String input) {
        int m = names.length;
        if (raw.length < 2) {
            throw new InvalidInputException(input, "the composite index needs at least two units with data for every "
                    + "indicator, got " + raw.length);
        }
        double[] min = new double[m], max = new double[m];
        double[][] x = EntropyWeights.normalise(raw, min, max);
        double[] entropy = EntropyWeights.entropy(x);
        double[] weights;
        if (userWeights != null) {
            double sum = Arrays.stream(userWeights).sum();
            weights = new double[m];
            for (int j = 0; j < m; j++) weights[j] = userWeights[j] / sum;
        } else {
            try {
                weights = EntropyWeights.weights(entropy);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(input, "no indicator varies between the units; entropy weights are undefined");
            }
        }
        return new CompositeIndex(names, min, max, entropy, weights, userWeights != null, x,
                EntropyWeights.composite(x, weights));
    }

    /** Parses "a,b,c" weights; null or blank gives null (entropy weights). */
    static double[] parseWeights(String text, int count, String input) {
        if (text == null || text.isBlank()) return null;
        String[] parts = text.split(",");
        if (parts.length != count) {
            throw new InvalidInputException(input, "needs " + count + " comma-separated weights, got " + parts.length);
        }
        double[] w = new double[count];
        for (int j = 0; j < count; j++) {
            try {
                w[j] = Double.parseDouble(parts[j].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(input, "not a number: '" + parts[j].trim() + "'");
            }
            if (!(w[j] >= 0) || Double.isInfinite(w[j])) throw new InvalidInputException(input, "weights must be ≥ 0, got " + w[j]);
        }
        if (!(Arrays.stream(w).sum() > 0)) throw new InvalidInputException(input, "weights sum to 0");
        return w;
    }

    /** Splits "a,b,c" names, or numbers them x1..xn when null or blank. */
    static String[] parseNames(String text, int count, String input) {
        String[] names = new String[count];
        if (text == null || text.isBlank()) {
            for (int j = 0; j < count; j++) names[j] = "x" + (j + 1);
            return names;
        }
        String[] parts = text.split(",");
        if (parts.length != count) {
            throw new InvalidInputException(input, "needs " + count + " comma-separated names, got " + parts.length);
        }
        List<String> seen = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            names[j] = parts[j].trim();
            if (names[j].isEmpty() || seen.contains(names[j])) {
                throw new InvalidInputException(input, "names must be non-empty and distinct: " + text);
            }
            seen.add(names[j]);
        }
        return names;
    }

    /** One row per indicator: indicator, min, max, entropy, weight, method. */
    Table weightTable() {
        Table.Builder t = Table.builder(WEIGHT_COLUMNS);
        addWeightRows(t);
        return t.build();
    }

    static final String[] WEIGHT_COLUMNS = {"indicator", "min", "max", "entropy", "weight", "method"};

    /** Appends one row per indicator (the {@link #WEIGHT_COLUMNS}) after the given leading cells. */
    void addWeightRows(Table.Builder t, Object... leading) {
        for (int j = 0; j < names.length; j++) {
            Object[] row = java.util.Arrays.copyOf(leading, leading.length + WEIGHT_COLUMNS.length);
            Object[] cells = {names[j], min[j], max[j], entropy[j], weights[j], userWeights ? "user" : "entropy"};
            System.arraycopy(cells, 0, row, leading.length, cells.length);
            t.row(row);
        }
    }
}
