package org.esvflow.gd;

import org.esvflow.process.InvalidInputException;

/**
 * The factor detector: q = 1 − SSW/SST, the power of a stratification to explain Y, with its noncentral-F test
 * (Wang, Zhang and Fu 2016): F = (N − L)/(L − 1) · q/(1 − q) ~ F(L − 1, N − L; λ),
 * λ = (1/σ²)[Σ_h Ȳ_h² − (1/N)(Σ_h √N_h Ȳ_h)²], p = P(F' &gt; F).
 */
public final class FactorDetector {
    private FactorDetector() {}

    /**
     * One factor's result.
     *
     * @param strata L, strata used (after dropping single-sample strata under {@code DROP})
     * @param n N, samples used
     * @param singletons single-sample strata found (kept or dropped)
     * @param ssw within-strata sum of squares; {@code sst} the total
     * @param warning empty, or why the figure deserves caution
     */
    public record Result(String factor, int strata, int n, int singletons, double q, double f, double lambda,
                         double p, double ssw, double sst, String warning) {}

    /** q alone (no test), for searches such as the optimal discretization. */
    public static double q(double[] y, Strata strata, GeoDetectorOptions.Singletons singletons) {
        return q(StratumStats.of(y, strata), singletons);
    }

    /** q alone from per-stratum stats (NaN when SST = 0). */
    static double q(StratumStats stats, GeoDetectorOptions.Singletons singletons) {
        boolean drop = singletons == GeoDetectorOptions.Singletons.DROP;
        long n = 0;
        double weightedSum = 0;
        for (int h = 0; h < stats.strata(); h++) {
            if (stats.n[h] == 0 || drop && stats.n[h] == 1) continue;
            n += stats.n[h];
            weightedSum += stats.n[h] * stats.mean[h];
        }
        double grand = weightedSum / n, ssw = 0, ssb = 0;
        for (int h = 0; h < stats.strata(); h++) {
            if (stats.n[h] == 0 || drop && stats.n[h] == 1) continue;
            double d = stats.mean[h] - grand;
            ssw += stats.ss[h];
            ssb += stats.n[h] * d * d;
        }
        double sst = ssw + ssb;
        if (!(sst > 0)) return Double.NaN;
        return ssw < ssb ? 1 - ssw / sst : ssb / sst;
    }

    public static Result detect(double[] y, Strata strata, GeoDetectorOptions options) {
        return detect(strata.name(), StratumStats.of(y, strata), options);
    }

    /** The detector from per-stratum stats (empty strata, n = 0, are ignored). */
    static Result detect(String name, StratumStats stats, GeoDetectorOptions options) {
        return detect(name, stats, options, true);
    }

    /**
     * Same; without {@code test} the p-value is left NaN (the noncentral-F tail is the costly part for large N and
     * λ, and the interaction detector reports only q12).
     */
    static Result detect(String name, StratumStats stats, GeoDetectorOptions options, boolean test) {
        boolean drop = options.singletons() == GeoDetectorOptions.Singletons.DROP;
        int singletons = 0, count = 0;
        long n = 0;
        double weightedSum = 0;
        for (int h = 0; h < stats.strata(); h++) {
            if (stats.n[h] == 1) singletons++;
            if (stats.n[h] == 0 || drop && stats.n[h] == 1) continue;
            count++;
            n += stats.n[h];
            weightedSum += stats.n[h] * stats.mean[h];
        }
        double grand = weightedSum / n;
        double ssw = 0, ssb = 0, sumMeanSq = 0, sumRootMean = 0;
        for (int h = 0; h < stats.strata(); h++) {
            if (stats.n[h] == 0 || drop && stats.n[h] == 1) continue;
            double d = stats.mean[h] - grand;
            ssw += stats.ss[h];
            ssb += stats.n[h] * d * d;
            sumMeanSq += stats.mean[h] * stats.mean[h];
            sumRootMean += Math.sqrt(stats.n[h]) * stats.mean[h];
        }
        double sst = ssw + ssb;
        if (!(sst > 0)) {
            throw new InvalidInputException("y", "Y is constant over the " + n + " samples used for " + name
                    + ": q = 1 − SSW/SST is undefined when SST = 0");
        }
        double q = ssw < ssb ? 1 - ssw / sst : ssb / sst;
        double f = count > 1 && n > count ? (double) (n - count) / (count - 1) * (ssb / ssw) : Double.NaN;
        double sigma2 = sst / (options.variance() == GeoDetectorOptions.Variance.SAMPLE ? n - 1 : n);
        double lambda = (sumMeanSq - sumRootMean * sumRootMean / n) / sigma2;
        double p = Double.isNaN(f) || !test ? Double.NaN : NoncentralF.survival(f, count - 1, n - count, Math.max(0, lambda));
        StringBuilder warning = new StringBuilder();
        if (count > n / 2.0) {
            warning.append("more strata (").append(count).append(") than half the samples (N/2 = ").append(n / 2.0)
                    .append("): q is inflated, coarsen the factor");
        }
        if (count < 2) warning.append(warning.length() > 0 ? "; " : "").append("a single stratum: no test");
        return new Result(name, count, (int) n, singletons, q, f, lambda, p, ssw, sst, warning.toString());
    }
}
