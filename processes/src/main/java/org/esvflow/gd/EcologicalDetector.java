package org.esvflow.gd;

import org.apache.commons.statistics.distribution.FDistribution;

/**
 * The ecological detector: do two factors explain Y equally well? F = N1(N2 − 1)SSW1 / (N2(N1 − 1)SSW2) with
 * (N1 − 1, N2 − 1) degrees of freedom; with both factors on all N samples F = (1 − q1)/(1 − q2). The p-value and
 * significance follow {@link GeoDetectorOptions.EcologicalTest}.
 */
public final class EcologicalDetector {
    private EcologicalDetector() {}

    public record Result(String factorA, String factorB, double f, double dfA, double dfB, double p, boolean significant,
                         GeoDetectorOptions.EcologicalTest test) {}

    public static Result detect(FactorDetector.Result a, FactorDetector.Result b, GeoDetectorOptions options) {
        double n1 = a.n(), n2 = b.n();
        double f = n1 * (n2 - 1) * a.ssw() / (n2 * (n1 - 1) * b.ssw());
        FDistribution distribution = FDistribution.of(n1 - 1, n2 - 1);
        double p;
        boolean significant;
        switch (options.ecologicalTest()) {
            case UPPER_TAIL -> {
                p = distribution.survivalProbability(f);
                significant = p < options.alpha();
            }
            case R_PACKAGES -> {
                double ratio = Math.max(a.q(), b.q()) / Math.min(a.q(), b.q());
                p = FDistribution.of(n1 - 1, n1 - 1).survivalProbability(ratio);
                significant = p < 0.1;
            }
            default -> {
                p = Math.min(1.0, 2 * Math.min(distribution.cumulativeProbability(f), distribution.survivalProbability(f)));
                significant = p < options.alpha();
            }
        }
        return new Result(a.factor(), b.factor(), f, n1 - 1, n2 - 1, p, significant, options.ecologicalTest());
    }
}
