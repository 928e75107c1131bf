package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import org.geotools.api.util.ProgressListener;
import org.esvflow.process.Progress;

/**
 * OPGD (Song et al. 2020): discretize a continuous factor by every method × number of classes asked, and keep the
 * combination with the largest q (the first one in method order, then k ascending, on ties). The whole q grid is kept.
 */
public final class OptimalDiscretization {
    private OptimalDiscretization() {}

    /** One cell of the grid: the classes actually obtained (ties can merge breaks) and q. */
    public record Candidate(Discretization.Method method, int k, int classes, double q, double[] breaks) {}

    /** The chosen discretization, the class counts, and every candidate. */
    public record Result(String factor, Candidate best, int[] counts, List<Candidate> grid) {}

    public static Result optimize(String factor, double[] y, double[] x, List<Discretization.Method> methods, int kMin,
                                  int kMax, GeoDetectorOptions.Singletons singletons, ProgressListener listener) {
        if (kMin < 2 || kMax < kMin) throw new IllegalArgumentException("need 2 ≤ kMin ≤ kMax, got " + kMin + ".." + kMax);
        double[] sorted = Discretization.sortedFinite(x);
        List<Candidate> grid = new ArrayList<>();
        Candidate best = null;
        int done = 0, total = methods.size() * (kMax - kMin + 1);
        for (Discretization.Method method : methods) {
            FisherJenks jenks = method == Discretization.Method.NATURAL ? FisherJenks.of(sorted, kMax) : null;
            for (int k = kMin; k <= kMax; k++) {
                double[] breaks = switch (method) {
                    case NATURAL -> Discretization.unique(jenks.breaks(Math.min(k, jenks.maxClasses())));
                    default -> Discretization.breaks(sorted, method, k);
                };
                double q = FactorDetector.q(y, Discretization.strata(factor, x, breaks), singletons);
                Candidate c = new Candidate(method, k, breaks.length - 1, q, breaks);
                grid.add(c);
                if (best == null || q > best.q()) best = c;
                Progress.report(listener, ++done, total, 0f, 100f);
            }
        }
        int[] counts = new int[best.classes()];
        for (int code : Discretization.classify(x, best.breaks())) counts[code]++;
        return new Result(factor, best, counts, grid);
    }
}
