package org.esvflow.gd;

/**
 * Conventions where the published GeoDetector implementations disagree. The defaults are those of the official R
 * package {@code geodetector} (Wang and Xu): single-sample strata kept, σ² with N − 1 in λ; the ecological test is
 * two-sided by default (see {@link EcologicalTest}).
 *
 * @param singletons what to do with strata holding a single sample (factor and interaction detectors)
 * @param variance denominator of σ² in the noncentrality λ
 * @param alpha significance level of the risk and ecological tests (and of the factor detector's flag)
 * @param ecologicalTest how the ecological detector decides significance
 * @param independenceTolerance |q12 − (q1 + q2)| at or below which an interaction is called independent
 */
public record GeoDetectorOptions(Singletons singletons, Variance variance, double alpha, EcologicalTest ecologicalTest,
                                 double independenceTolerance) {

    /** Strata of one sample contribute nothing to the within sum of squares; peers keep or drop them. */
    public enum Singletons {
        /** Keep them (R geodetector, py-geodetector): they count in N and L. */
        KEEP,
        /** Drop their samples before computing q, F and λ (GD, gdverse). */
        DROP
    }

    /** σ² = SST/(N − 1) (R geodetector) or SST/N (GD, gdverse) in λ = (1/σ²)[Σ Ȳ_h² − (Σ √N_h Ȳ_h)²/N]. */
    public enum Variance {
        SAMPLE,
        POPULATION
    }

    /**
     * Ecological detector significance. The statistic is always F = N1(N2 − 1)SSW1 / (N2(N1 − 1)SSW2) with
     * (N1 − 1, N2 − 1) degrees of freedom.
     */
    public enum EcologicalTest {
        /** p = 2 · min(P(F' ≤ F), P(F' ≥ F)), significant when p &lt; α: do the two factors differ at all. */
        TWO_SIDED,
        /** p = P(F' ≥ F), significant when p &lt; α: is factor 1's within variance larger (order matters, gdverse). */
        UPPER_TAIL,
        /**
         * The R packages geodetector and GD: the larger of q1/q2 and q2/q1 (ratios of q, not of SSW) against the
         * 0.9 quantile of F(N − 1, N − 1), whatever α; p is the upper tail of that ratio, significant when p &lt; 0.1.
         */
        R_PACKAGES
    }

    public static GeoDetectorOptions defaults() {
        return new GeoDetectorOptions(Singletons.KEEP, Variance.SAMPLE, 0.05, EcologicalTest.TWO_SIDED, 1e-12);
    }

    public GeoDetectorOptions withSingletons(Singletons s) {
        return new GeoDetectorOptions(s, variance, alpha, ecologicalTest, independenceTolerance);
    }

    public GeoDetectorOptions withVariance(Variance v) {
        return new GeoDetectorOptions(singletons, v, alpha, ecologicalTest, independenceTolerance);
    }

    public GeoDetectorOptions withEcologicalTest(EcologicalTest t) {
        return new GeoDetectorOptions(singletons, variance, alpha, t, independenceTolerance);
    }
}
