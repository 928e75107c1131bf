package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.esvflow.gd.Discretization.Convention;
import org.esvflow.gd.Discretization.Method;
import org.esvflow.gd.GeoDetectorOptions.Singletons;
import org.esvflow.process.InvalidInputException;
import org.junit.jupiter.api.Test;

/** GD 10.8's discretization rules on small cases worked by hand (derivations in the comments). */
class GdDiscretizationTest {

    @Test
    void quantileTriesMoreProbabilitiesUntilKPlusOneDistinctBreaks() {
        double[] x = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        // type 7, index h = 1 + 9p. k = 4: h = 1, 3.25, 5.5, 7.75, 10 → 0, 0, 0, 1.75, 4: 3 distinct < 5.
        // 3 intervals: h = 1, 4, 7, 10 → 0, 0, 1, 4 (3). 4 again 3. 5: h = 1, 2.8, 4.6, 6.4, 8.2, 10 →
        // 0, 0, 0, 0.4, 2.2, 4 (4). 6: h = 1, 2.5, 4, 5.5, 7, 8.5, 10 → 0, 0, 0, 0, 1, 2.5, 4 (4).
        // 7: h = 1 + 9i/7 → 0, 0, 0, 0, x6 + (1/7)(x7 − x6) = 1/7, 1 + 3/7 = 10/7, 2 + 5/7 = 19/7, 4 (5 distinct): done.
        assertArrayEquals(new double[] {0, 1 / 7.0, 10 / 7.0, 19 / 7.0, 4}, GdDiscretization.quantile(x, 4), 1e-15);
        // esvflow's QUANTILE merges the repeats instead: 0, 1.75, 4
        assertArrayEquals(new double[] {0, 1.75, 4}, Discretization.breaks(x, Method.QUANTILE, 4), 1e-15);
        // GD loops forever when there are fewer than k + 1 distinct values: unavailable here
        assertNull(GdDiscretization.quantile(new double[] {1, 1, 2, 2, 3}, 3));
    }

    @Test
    void sdStepsAroundTheMeanUntilKPlusOneBreaks() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double mean = 5.5, sd = Math.sqrt(82.5 / 9); // Σ(x − 5.5)² = 82.5
        // k = 3: counter m = 4, j ∈ {1} (j ≡ m − 1 mod 2, j ≤ m − 3), steps j/2·sd: mean ± sd/2 inside (1, 10)
        assertArrayEquals(new double[] {1, mean - sd / 2, mean + sd / 2, 10}, GdDiscretization.standardDeviation(x, 3), 1e-12);
        // k = 4: m = 5, j ∈ {0, 2}: mean − sd, mean, mean + sd (the two means merge)
        assertArrayEquals(new double[] {1, mean - sd, mean, mean + sd, 10}, GdDiscretization.standardDeviation(x, 4), 1e-12);
        // k = 6: m = 7, j ∈ {0, 2, 4}: mean ± 2sd = −0.56, 11.56 fall outside → 5 breaks < 7; m = 8 (now sd/4 steps),
        // j ∈ {1, 3, 5}: mean ± 0.25sd, ±0.75sd, ±1.25sd (±3.78: 1.72 and 9.28 inside) → 8 breaks, 7 classes for k = 6
        double[] expected = {1, mean - 1.25 * sd, mean - 0.75 * sd, mean - 0.25 * sd, mean + 0.25 * sd,
                mean + 0.75 * sd, mean + 1.25 * sd, 10};
        assertArrayEquals(expected, GdDiscretization.standardDeviation(x, 6), 1e-12);
    }

    @Test
    void geometricSeriesAsGdBuildsThem() {
        // min ≥ 0: on x + 1 = 1..8, ratio 8^(1/3) = 2, k = 4 gives k breaks 2^(i−1) − 1 = 0, 1, 3, 7 (3 classes)
        assertArrayEquals(new double[] {0, 1, 3, 7}, GdDiscretization.geometric(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, 4), 1e-14);
        // min < 0: |min| = 1, |max| = 7, k = 4: n2 = ⌊5/(1 + 1/7)⌋ = 4, n1 = 1; negative side {1} (series 0, 1 without 0),
        // positive side 8^(i/4) − 1 for i = 1..4: the breaks are −1, 8^¼ − 1, 8^½ − 1, 8^¾ − 1, 7 (0 is no break)
        double r = Math.pow(8, 0.25);
        assertArrayEquals(new double[] {-1, r - 1, r * r - 1, r * r * r - 1, 7},
                GdDiscretization.geometric(new double[] {-1, 0, 1, 2, 3, 4, 5, 6, 7}, 4), 1e-14);
        // GD stops with an error when |min| = |max|
        assertNull(GdDiscretization.geometric(new double[] {-2, 0, 2}, 3));
    }

    @Test
    void naturalBreaksFollowTheJenksTableOnAllValues() {
        // 1, 2, 2, 3 in 2 classes: {1} + {2, 2, 3} and {1, 2, 2} + {3} both have SS 2/3 exactly; in the table's
        // arithmetic Σx² − (Σx)²/w gives 9 − 25/3 = 0.66…661 for {1, 2, 2} and 17 − 49/3 = 0.66…679 for {2, 2, 3},
        // so the last class is {3}: breaks 1, 2, 3 (BAMMtools' getJenksBreaks(c(1, 2, 2, 3), 3) gives the same)
        assertArrayEquals(new double[] {1, 2, 3}, GdDiscretization.Jenks.of(new double[] {1, 2, 2, 3}, 2).breaks(2), 0);
        // k above the distinct count is capped at it and the breaks repeat: 1, 1, 2 for 3 classes of {1, 1, 1, 2}
        double[] capped = GdDiscretization.Jenks.of(new double[] {1, 1, 1, 2}, 3).breaks(3);
        assertEquals(3, capped.length);
    }

    @Test
    void optidiscRejectsRepeatsAndThinClassesAndCountsOutsideValuesInSst() {
        double[] x = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, y = {1, 1, 2, 2, 1, 2, 5, 6, 7, 8};
        // equal k = 3: 0, 4/3, 8/3, 4 → classes {0×6, 1}, {2}, {3, 4}: the middle one has 1 sample, rejected, and
        // with no other candidate GD has no choice: a clear error naming the factor
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> OptimalDiscretization.optimize("x",
                y, x, List.of(Method.EQUAL), 3, 3, Convention.GD, Singletons.KEEP, null));
        assertTrue(none.getMessage().contains("x: every discretization tried"), none.getMessage());
        // quantile k = 2: h = 1, 5.5, 10 → 0, 0, 4 (2 distinct); 3 intervals: h = 1, 4, 7, 10 → 0, 0, 1, 4: breaks 0, 1, 4
        OptimalDiscretization.Result q = OptimalDiscretization.optimize("x", y, x, List.of(Method.QUANTILE), 2, 2,
                Convention.GD, Singletons.KEEP, null);
        assertArrayEquals(new double[] {0, 1, 4}, q.best().breaks(), 0);
        // classes {0×6, 1} (y 1 1 2 2 1 2 5: mean 2, SS 12) and {2, 3, 4} (y 6 7 8: SS 2); SST: mean 3.5,
        // Σ(y − 3.5)² = 3·6.25 (y = 1) + 3·2.25 (y = 2) + 2.25 + 6.25 + 12.25 + 20.25 = 66.5
        assertEquals(1 - 14 / 66.5, q.best().q(), 1e-14);
        // the same classes with the first sample left outside the breaks: SST keeps it, SSW loses it
        int[] codes = {-1, 0, 0, 0, 0, 0, 0, 1, 1, 1};
        // class 0 without it: y 1 2 2 1 2 5, mean 13/6, SS = Σy² − 6·mean² = 39 − 169/6 = 65/6
        assertEquals(1 - (65 / 6.0 + 2) / 66.5, OptimalDiscretization.gdQ(y, codes, 2), 1e-14);
    }
}
