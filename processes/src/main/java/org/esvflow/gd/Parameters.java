package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.esvflow.process.InvalidInputException;

/** Parsing and validation of the text parameters shared by the gd processes. */
final class Parameters {
    private Parameters() {}

    /** Default OPGD search: every automatic method. */
    static final String ALL_METHODS = "EQUAL,NATURAL,QUANTILE,GEOMETRIC,SD";

    static List<Discretization.Method> methods(String list, String input) {
        List<Discretization.Method> methods = new ArrayList<>();
        for (String name : SampleTable.names(list == null ? ALL_METHODS : list)) {
            Discretization.Method m = method(name, input);
            if (m == Discretization.Method.MANUAL) throw new InvalidInputException(input, "MANUAL needs breaks, not a search");
            methods.add(m);
        }
        if (methods.isEmpty()) throw new InvalidInputException(input, "no method given");
        return methods;
    }

    static Discretization.Method method(String name, String input) {
        try {
            return Discretization.Method.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(input, "unknown method '" + name + "'; one of EQUAL, QUANTILE, NATURAL, "
                    + "GEOMETRIC, SD" + (input.equals("method") ? ", MANUAL" : ""));
        }
    }

    static int classRange(Integer value, int fallback, String input) {
        int k = value == null ? fallback : value;
        if (k < 2 || k > 100) throw new InvalidInputException(input, "must be between 2 and 100, got " + k);
        return k;
    }

    static double alpha(Double alpha) {
        double a = alpha == null ? 0.05 : alpha;
        if (!(a > 0 && a < 1)) throw new InvalidInputException("alpha", "must be in (0, 1), got " + a);
        return a;
    }

    /** Manual breaks: comma- or space-separated numbers, strictly increasing. */
    static double[] breaks(String text) {
        if (text == null || text.isBlank()) throw new InvalidInputException("breaks", "MANUAL needs breaks");
        String[] parts = text.trim().split("[,\\s]+");
        double[] b = new double[parts.length];
        for (int i = 0; i < b.length; i++) {
            try {
                b[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("breaks", "'" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(b[i]) || (i > 0 && b[i] <= b[i - 1])) {
                throw new InvalidInputException("breaks", "must be finite and strictly increasing: " + text);
            }
        }
        if (b.length < 2) throw new InvalidInputException("breaks", "need at least two breaks (one class)");
        return b;
    }
}
