package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The risk detector: the mean of Y in every stratum and, for every pair of strata, Welch's unequal-variance t test
 * t = (Ȳ_a − Ȳ_b)/√(s_a²/n_a + s_b²/n_b) with Welch–Satterthwaite degrees of freedom and a two-sided p. A stratum of
 * one sample has no variance, and two strata both of zero variance have no standard error: their tests are NaN and
 * never significant.
 */
public final class RiskDetector {
    private RiskDetector() {}

    /** One stratum: count, mean and sample variance (N_h − 1 denominator; NaN for one sample). */
    public record Stratum(Object label, int n, double mean, double variance) {}

    /** One pair of strata. */
    public record Pair(Object labelA, Object labelB, double meanA, double meanB, double t, double df, double p,
                       boolean significant) {}

    public record Result(String factor, List<Stratum> strata, List<Pair> pairs) {}

    public static Result detect(double[] y, Strata strata, double alpha) {
        Object[] labels = new Object[strata.count()];
        for (int h = 0; h < labels.length; h++) labels[h] = strata.label(h);
        return detect(strata.name(), labels, StratumStats.of(y, strata), alpha);
    }

    /** The detector from per-stratum stats, one label per stratum; empty strata (n = 0) are left out. */
    static Result detect(String factor, Object[] labels, StratumStats stats, double alpha) {
        List<Stratum> means = new ArrayList<>();
        for (int h = 0; h < stats.strata(); h++) {
            if (stats.n[h] > 0) means.add(new Stratum(labels[h], stats.n[h], stats.mean[h], stats.variance(h)));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int a = 0; a < means.size(); a++) {
            for (int b = a + 1; b < means.size(); b++) {
                Stratum sa = means.get(a), sb = means.get(b);
                double[] test = welch(sa.mean(), sa.variance(), sa.n(), sb.mean(), sb.variance(), sb.n());
                pairs.add(new Pair(sa.label(), sb.label(), sa.mean(), sb.mean(), test[0], test[1], test[2],
                        test[2] < alpha));
            }
        }
        return new Result(factor, means, pairs);
    }

    /** {t, df, two-sided p} of Welch's test; NaNs when a variance is undefined or both are zero. */
    static double[] welch(double meanA, double varA, int nA, double meanB, double varB, int nB) {
        double ua = varA / nA, ub = varB / nB;
        double se2 = ua + ub;
        if (!(se2 > 0)) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double t = (meanA - meanB) / Math.sqrt(se2);
        double df = se2 * se2 / (ua * ua / (nA - 1) + ub * ub / (nB - 1));
        double p = 2 * TDistribution.of(df).survivalProbability(Math.abs(t));
        return new double[] {t, df, Math.min(1.0, p)};
    }
}
