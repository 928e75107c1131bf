package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import org.esvflow.gd.Discretization.Convention;
import org.esvflow.gd.Discretization.Method;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.geotools.api.util.ProgressListener;

/**
 * OPGD (Song et al. 2020): discretize a continuous factor by every method × number of classes asked, and keep the
 * combination with the largest q, the first one in method order, then k ascending, on ties (R's first maximum in
 * GD's method-major grid). The whole q grid is kept.
 * <p>
 * {@link Convention#ESVFLOW}: {@link Discretization}'s breaks, every candidate scored with the factor detector's q
 * (single-sample strata per {@code singletons}). {@link Convention#GD}: GD 10.8's {@code optidisc}, breaks by
 * {@link GdDiscretization}; a candidate whose breaks repeat, or with a class of fewer than 2 samples, is rejected
 * (no q); q = 1 − Σ_h SS_h / SST where SST runs over all samples, including any left outside the breaks (geometric
 * end breaks), which belong to no class.
 */
public final class OptimalDiscretization {
    private OptimalDiscretization() {}

    /**
     * One cell of the grid: the classes actually obtained (ties can merge breaks; GD's sd and geometric rules give
     * other counts than k), q, and why GD's rules reject it (null when scored; q is then NaN).
     */
    public record Candidate(Method method, int k, int classes, double q, double[] breaks, String rejected) {}

    /** The chosen discretization, the class counts, and every candidate. */
    public record Result(String factor, Candidate best, int[] counts, List<Candidate> grid) {}

    public static Result optimize(String factor, double[] y, double[] x, List<Method> methods, int kMin,
                                  int kMax, GeoDetectorOptions.Singletons singletons, ProgressListener listener) {
        return optimize(factor, y, x, methods, kMin, kMax, Convention.ESVFLOW, singletons, listener);
    }

    /** {@code y} and {@code x} aligned, x finite; {@code singletons} applies to {@link Convention#ESVFLOW} only. */
    public static Result optimize(String factor, double[] y, double[] x, List<Method> methods, int kMin, int kMax,
                                  Convention convention, GeoDetectorOptions.Singletons singletons,
                                  ProgressListener listener) {
        if (kMin < 2 || kMax < kMin) throw new IllegalArgumentException("need 2 ≤ kMin ≤ kMax, got " + kMin + ".." + kMax);
        double[] sorted = Discretization.sortedFinite(x);
        boolean gd = convention == Convention.GD;
        List<Candidate> grid = new ArrayList<>();
        Candidate best = null;
        int done = 0, total = methods.size() * (kMax - kMin + 1);
        for (Method method : methods) {
            FisherJenks jenks = !gd && method == Method.NATURAL ? FisherJenks.of(sorted, kMax) : null;
            GdDiscretization.Jenks gdJenks = gd && method == Method.NATURAL ? GdDiscretization.Jenks.of(sorted, kMax) : null;
            for (int k = kMin; k <= kMax; k++) {
                Candidate c;
                if (gd) {
                    c = gdCandidate(y, x, method, k, method == Method.NATURAL ? gdJenks.breaks(k)
                            : GdDiscretization.breaks(sorted, method, k));
                } else {
                    double[] breaks = method == Method.NATURAL
                            ? Discretization.unique(jenks.breaks(Math.min(k, jenks.maxClasses())))
                            : Discretization.breaks(sorted, method, k);
                    double q = FactorDetector.q(y, Discretization.strata(factor, x, breaks), singletons);
                    c = new Candidate(method, k, breaks.length - 1, q, breaks, null);
                }
                grid.add(c);
                if (c.rejected() == null && (best == null || c.q() > best.q())) best = c;
                Progress.report(listener, ++done, total, 0f, 100f);
            }
        }
        if (best == null) {
            throw new InvalidInputException("continuous", factor + ": every discretization tried has repeated breaks "
                    + "or a class of fewer than 2 samples (GD's optidisc rejects those); try other methods or fewer classes");
        }
        int[] counts = new int[best.classes()];
        for (int code : Discretization.classify(x, best.breaks())) if (code >= 0) counts[code]++;
        return new Result(factor, best, counts, grid);
    }

    /** GD's test of one candidate, then its q. */
    private static Candidate gdCandidate(double[] y, double[] x, Method method, int k, double[] breaks) {
        if (breaks == null) return new Candidate(method, k, 0, Double.NaN, null, "no breaks (GD does not return)");
        int classes = breaks.length - 1;
        for (int i = 1; i < breaks.length; i++) {
            if (breaks[i] == breaks[i - 1]) return new Candidate(method, k, classes, Double.NaN, breaks, "repeated breaks");
        }
        int[] codes = Discretization.classify(x, breaks);
        int[] counts = new int[classes];
        for (int code : codes) if (code >= 0) counts[code]++;
        for (int n : counts) {
            if (n < 2) return new Candidate(method, k, classes, Double.NaN, breaks, "a class with fewer than 2 samples");
        }
        return new Candidate(method, k, classes, gdQ(y, codes, classes), breaks, null);
    }

    /**
     * GD's q: 1 − Σ_h SS_h / SST with SS_h over the samples of class h and SST over all samples, those of class −1
     * (outside the breaks) included. Two-pass sums.
     */
    static double gdQ(double[] y, int[] codes, int classes) {
        double[] sum = new double[classes];
        int[] n = new int[classes];
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            total += y[i];
            if (codes[i] >= 0) {
                sum[codes[i]] += y[i];
                n[codes[i]]++;
            }
        }
        double mean = total / y.length, sst = 0, ssw = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - mean;
            sst += d * d;
            if (codes[i] >= 0) {
                double e = y[i] - sum[codes[i]] / n[codes[i]];
                ssw += e * e;
            }
        }
        return 1 - ssw / sst;
    }
}
