package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.esvflow.gd.Discretization.Convention;
import org.esvflow.gd.Discretization.Method;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.table.Table;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * OPGD under {@link Convention#GD} against R package GD 10.8 itself: {@code gd_optidisc_10.8.csv} holds, for every
 * continuous factor of the shipped GD and gdverse data sets, every candidate of {@code optidisc} (methods equal,
 * natural, quantile, geometric, sd in that order; k 3..8) with GD's breaks ({@code disc}), its q (empty where optidisc
 * rejects the candidate) and the combination it chose, as GD printed them (17 significant digits; the script is
 * {@code gd_optidisc.R} beside it). Breaks to 1e-12 relative, q to 1e-12, classes, counts and the choice exactly.
 * 64 factors of 11 data sets; the 4 of GD_ndvi_5 run with {@code -Desvflow.heavy=true}.
 */
class GdOptidiscReferenceTest {

    private static final Map<String, Table> DATA = new java.util.concurrent.ConcurrentHashMap<>();
    static final List<Method> GD_ORDER = List.of(Method.EQUAL, Method.NATURAL, Method.QUANTILE, Method.GEOMETRIC, Method.SD);

    @TestFactory
    Stream<DynamicTest> everyFactorEqualsGd() throws Exception {
        Table oracle = ReferenceData.table("gd_optidisc_10.8.csv");
        Map<String, List<Integer>> byFactor = new LinkedHashMap<>();
        for (int r = 0; r < oracle.rowCount(); r++) {
            byFactor.computeIfAbsent(oracle.get(r, "dataset") + " " + oracle.get(r, "factor"), key -> new ArrayList<>()).add(r);
        }
        // GD_ndvi_5 (N = 46 295): GD's O(N²·k) natural breaks take ~10 s per factor; with -Desvflow.heavy=true only
        boolean heavy = Boolean.getBoolean("esvflow.heavy");
        return byFactor.entrySet().stream().filter(e -> heavy || !e.getKey().startsWith("GD_ndvi_5.csv")).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(oracle, e.getValue())));
    }

    static void check(Table oracle, List<Integer> rows) throws Exception {
        int first = rows.get(0);
        String dataset = (String) oracle.get(first, "dataset"), factor = (String) oracle.get(first, "factor");
        Table data = DATA.computeIfAbsent(dataset, ReferenceData::tableOrFail);
        OptimalDiscretization.Result result = OptimalDiscretization.optimize(factor,
                data.doubles((String) oracle.get(first, "y")), data.doubles(factor), GD_ORDER, 3, 8, Convention.GD,
                Singletons.KEEP, null);
        assertEquals(rows.size(), result.grid().size());
        int chosen = 0;
        for (int i = 0; i < rows.size(); i++) {
            int r = rows.get(i);
            OptimalDiscretization.Candidate c = result.grid().get(i);
            String where = dataset + " " + factor + " " + c.method() + " k=" + c.k();
            assertEquals(((String) oracle.get(r, "method")).toUpperCase(), c.method().name(), where);
            assertEquals(((Number) oracle.get(r, "k")).intValue(), c.k(), where);
            double[] breaks = numbers(oracle.get(r, "breaks"));
            assertEquals(breaks.length - 1, c.classes(), where + " classes");
            for (int b = 0; b < breaks.length; b++) {
                assertEquals(breaks[b], c.breaks()[b], 1e-12 * Math.max(1, Math.abs(breaks[b])), where + " break " + b
                        + ": " + Arrays.toString(c.breaks()));
            }
            Object q = oracle.get(r, "q");
            if (q == null) {
                assertTrue(Double.isNaN(c.q()), where + ": GD rejects it, got q " + c.q());
            } else {
                assertNull(c.rejected(), where);
                assertEquals(((Number) q).doubleValue(), c.q(), 1e-12, where + " q");
            }
            if (Boolean.parseBoolean(String.valueOf(oracle.get(r, "chosen")))) {
                chosen++;
                assertEquals(c, result.best(), where + " is GD's choice, chosen here: " + result.best().method()
                        + " k=" + result.best().k());
                assertEquals(Arrays.toString(numbers(oracle.get(r, "counts"))),
                        Arrays.toString(Arrays.stream(result.counts()).asDoubleStream().toArray()), where + " counts");
            }
        }
        assertEquals(1, chosen, "one choice per factor");
    }

    static double[] numbers(Object cell) {
        if (cell instanceof Number n) return new double[] {n.doubleValue()};
        return Arrays.stream(((String) cell).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
