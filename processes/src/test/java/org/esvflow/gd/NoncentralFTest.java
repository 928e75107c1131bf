package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.FDistribution;
import org.junit.jupiter.api.Test;

class NoncentralFTest {

    /**
     * An independent P(F &gt; f) for even d1, by a different algorithm: with a = d1/2 an integer the central upper tail
     * is the finite sum I_y(b, a + j) = Σ_{i &lt; a+j} Γ(b + i)/(Γ(b) i!) y^b x^i (y = 1 − x), every term positive and
     * each obtained from the previous by the ratio (b + i)x/(i + 1); the Poisson weights come by the ratio (λ/2)/j from
     * e^{−λ/2}, and the mixture is summed from j = 0 upward.
     */
    static double evenD1Survival(double f, int d1, double d2, double lambda) {
        int a = d1 / 2;
        double b = d2 / 2, denominator = d1 * f + d2, x = d1 * f / denominator, y = d2 / denominator;
        double half = lambda / 2, weight = Math.exp(-half);
        double term = Math.pow(y, b), tail = 0;
        int i = 0;
        for (; i < a; i++) {
            tail += term;
            term *= (b + i) / (i + 1) * x;
        }
        double sum = weight * tail;
        for (int j = 1; j < 1_000_000; j++) {
            tail += term;
            term *= (b + i) / (i + 1) * x;
            i++;
            weight *= half / j;
            sum += weight * tail;
            if (j > 2 * half + 10 && weight <= 1e-20 * sum) break;
        }
        return sum;
    }

    @Test
    void heshunTailsAgreeWithScipyAndWithTheFiniteSeries() {
        // scipy.stats.ncf.sf(F, L − 1, 185 − L, λ) from the reference README (watershed, soiltype, elevation)
        double[][] cases = {
                {38.735507560362, 8, 176, 152.040074659891, 0.000116990439154},
                {28.2561188976884, 4, 180, 101.374626796785, 0.363236288149704},
                {45.7651249861021, 6, 178, 197.916592599284, 0.040804067857058}};
        for (double[] c : cases) {
            double p = NoncentralF.survival(c[0], c[1], c[2], c[3]);
            // the README prints 15 decimals: allow half a unit of the last printed digit besides 1e-12 relative
            assertEquals(c[4], p, Math.max(1e-12 * c[4], 5e-16), "scipy");
            double series = evenD1Survival(c[0], (int) c[1], c[2], c[3]);
            assertEquals(series, p, 1e-12 * series, "finite series");
        }
    }

    @Test
    void tinyTailKeepsRelativePrecision() {
        // ndvi_40 Climatezone: F = 816.45, d1 = 4, d2 = 708, λ = 6.09; R's pf returns ~1e-9 here
        double f = 816.4526280156107, lambda = 6.093627614318682;
        double p = NoncentralF.survival(f, 4, 708, lambda);
        double series = evenD1Survival(f, 4, 708, lambda);
        assertTrue(p > 1e-242 && p < 1e-240, "p = " + p);
        assertEquals(series, p, 1e-12 * series);
        // a tail far below R's floor, with a large noncentrality
        double far = NoncentralF.survival(600, 8, 400, 400);
        double farSeries = evenD1Survival(600, 8, 400, 400);
        assertTrue(far > 0 && far < 1e-90, "p = " + far);
        assertEquals(farSeries, far, 1e-12 * farSeries);
    }

    @Test
    void zeroNoncentralityIsTheCentralF() {
        for (double f : new double[] {0.3, 1.0, 2.5, 9.0}) {
            double central = FDistribution.of(5, 37).survivalProbability(f);
            assertEquals(central, NoncentralF.survival(f, 5, 37, 0), 1e-14 * central);
        }
    }

    @Test
    void oddDegreesAreMonotoneAndBounded() {
        // d1 odd has no finite series to compare with: the tail must fall with f, grow with λ and stay in [0, 1]
        double previous = 1;
        for (double f = 0.5; f < 50; f *= 1.7) {
            double p = NoncentralF.survival(f, 7, 120, 30);
            assertTrue(p < previous && p > 0, "monotone in f");
            previous = p;
        }
        assertTrue(NoncentralF.survival(3, 7, 120, 40) > NoncentralF.survival(3, 7, 120, 30), "increasing in λ");
        assertEquals(1.0, NoncentralF.survival(0, 7, 120, 30));
        assertEquals(0.0, NoncentralF.survival(Double.POSITIVE_INFINITY, 7, 120, 30));
    }
}
