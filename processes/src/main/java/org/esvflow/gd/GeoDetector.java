package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import org.esvflow.process.Progress;
import org.esvflow.raster.Parallel;
import org.esvflow.table.Table;
import org.geotools.api.util.ProgressListener;

/**
 * Runs the four detectors on one Y and a list of stratifications (categorical factors, or continuous ones already
 * discretized) and lays the results out as tables: factor, interaction (all pairs), risk means, risk pairs, ecological
 * (all pairs).
 */
public final class GeoDetector {
    private GeoDetector() {}

    /** The detectors' tables; CSV, XLSX, JSON and charts are views of them. */
    public record Report(Table factor, Table interaction, Table riskMeans, Table risk, Table ecological) {}

    public static Report run(double[] y, List<Strata> factors, GeoDetectorOptions options, ProgressListener listener) {
        return run(y, factors, options, listener, 0f, 100f);
    }

    /**
     * Same, reporting progress between {@code from} and {@code to} percent. Every detector works from per-stratum
     * sufficient statistics computed once: each factor's strata (two passes over Y) and the overlay grid of each pair
     * of factors (overlay strata keyed by the pair of codes, no code arrays built; one pass over Y for all the pairs
     * of one first factor, see {@link StratumStats#grids}), the factor, risk and ecological detectors sharing the
     * per-factor statistics.
     */
    public static Report run(double[] y, List<Strata> factors, GeoDetectorOptions options, ProgressListener listener,
                             float from, float to) {
        int m = factors.size();
        int[][] pairs = pairs(m);
        StratumStats[] overlays = new StratumStats[pairs.length];
        StratumStats[] singles = new StratumStats[m];
        // each factor's own two passes (λ = (1/σ²)[Σ Ȳ_h² − (Σ √N_h Ȳ_h)²/N] cancels badly when Y has a large mean,
        // so its stratum means are summed exactly as the single-factor detector always has)
        Parallel.forEach(m, t -> singles[t] = StratumStats.of(y, factors.get(t)));
        // then the pairs (a, b > a) of each a in one pass over Y when their grids are small, the others one by one
        int[] first = new int[m];
        for (int p = pairs.length - 1; p >= 0; p--) first[pairs[p][0]] = p;
        Parallel.forEach(m, a -> {
            Strata sa = factors.get(a);
            List<Integer> dense = new ArrayList<>();
            long together = 0;
            for (int b = a + 1; b < m; b++) {
                int p = first[a] + b - a - 1;
                Strata sb = factors.get(b);
                long cells = (long) sa.count() * sb.count();
                if (together + cells <= SHARED_PASS_CELLS) {
                    dense.add(b);
                    together += cells;
                } else if (cells <= DENSE_CELLS) {
                    overlays[p] = StratumStats.grid(y, sa.codes(), sb.codes(), sb.count(), (int) cells).nonEmpty();
                } else {
                    overlays[p] = StratumStats.of(y, Strata.overlay(sa, sb));
                }
            }
            if (dense.isEmpty()) return;
            int[][] codes = new int[dense.size()][];
            int[] counts = new int[dense.size()];
            for (int j = 0; j < codes.length; j++) {
                codes[j] = factors.get(dense.get(j)).codes();
                counts[j] = factors.get(dense.get(j)).count();
            }
            StratumStats[] grids = StratumStats.grids(y, sa.codes(), singles[a].mean, sa.count(), codes, counts);
            for (int j = 0; j < codes.length; j++) overlays[first[a] + dense.get(j) - a - 1] = grids[j].nonEmpty();
        });
        Progress.report(listener, from + 0.8f * (to - from));
        List<String> names = new ArrayList<>();
        List<Object[]> labels = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Strata s = factors.get(i);
            names.add(s.name());
            Object[] l = new Object[s.count()];
            for (int h = 0; h < l.length; h++) l[h] = s.label(h);
            labels.add(l);
        }
        Report report = fromStats(names, labels, singles, overlays, options);
        Progress.report(listener, to);
        return report;
    }

    /** Overlays of at most this many code pairs are counted in dense arrays; larger ones by their present pairs. */
    private static final long DENSE_CELLS = 1 << 24;
    /** The grids of one first factor's pairs share a pass over Y while their cells add up to at most this (20 B a cell). */
    private static final long SHARED_PASS_CELLS = 1 << 20;

    /**
     * The four detectors from statistics alone: each factor's strata ({@code singles}, labelled by {@code labels}) and
     * the overlay of every pair in {@link #pairs} order (empty cells ignored).
     */
    static Report fromStats(List<String> names, List<Object[]> labels, StratumStats[] singles,
                            StratumStats[] overlays, GeoDetectorOptions options) {
        int m = names.size();
        int[][] pairs = pairs(m);
        // each factor's tests (noncentral F, the Welch t of every pair of its strata), then each pair's, on free cores
        List<FactorDetector.Result> single = Parallel.map(m, i -> FactorDetector.detect(names.get(i), singles[i], options));
        List<RiskDetector.Result> risks = Parallel.map(m,
                i -> RiskDetector.detect(names.get(i), labels.get(i), singles[i], options.alpha()));
        List<InteractionDetector.Result> interactions = Parallel.map(pairs.length, p -> InteractionDetector.detect(
                names.get(pairs[p][0]), names.get(pairs[p][1]), overlays[p], single.get(pairs[p][0]).q(),
                single.get(pairs[p][1]).q(), options));
        List<EcologicalDetector.Result> ecological = Parallel.map(pairs.length,
                p -> EcologicalDetector.detect(single.get(pairs[p][0]), single.get(pairs[p][1]), options));
        return new Report(factorTable(single, options.alpha()), interactionTable(interactions), riskMeansTable(risks),
                riskTable(risks), ecologicalTable(ecological));
    }

    static int[][] pairs(int m) {
        int[][] pairs = new int[m * (m - 1) / 2][];
        int p = 0;
        for (int a = 0; a < m; a++) for (int b = a + 1; b < m; b++) pairs[p++] = new int[] {a, b};
        return pairs;
    }

    static Table factorTable(List<FactorDetector.Result> results, double alpha) {
        Table.Builder t = Table.builder("factor", "strata", "n", "singletons", "q", "F", "lambda", "p_value",
                "significant", "warning");
        for (FactorDetector.Result r : results) {
            t.row(r.factor(), r.strata(), r.n(), r.singletons(), r.q(), r.f(), r.lambda(), r.p(), r.p() < alpha,
                    r.warning());
        }
        return t.build();
    }

    static Table interactionTable(List<InteractionDetector.Result> results) {
        Table.Builder t = Table.builder("factor_a", "factor_b", "q_a", "q_b", "q12", "overlay_strata",
                "overlay_singletons", "interaction");
        for (InteractionDetector.Result r : results) {
            t.row(r.factorA(), r.factorB(), r.qA(), r.qB(), r.q12(), r.overlay().strata(), r.overlay().singletons(),
                    r.kind().label());
        }
        return t.build();
    }

    static Table riskMeansTable(List<RiskDetector.Result> results) {
        Table.Builder t = Table.builder("factor", "stratum", "n", "mean", "variance");
        for (RiskDetector.Result r : results) {
            for (RiskDetector.Stratum s : r.strata()) t.row(r.factor(), s.label(), s.n(), s.mean(), s.variance());
        }
        return t.build();
    }

    static Table riskTable(List<RiskDetector.Result> results) {
        Table.Builder t = Table.builder("factor", "stratum_a", "stratum_b", "mean_a", "mean_b", "t", "df", "p_value",
                "significant");
        for (RiskDetector.Result r : results) {
            for (RiskDetector.Pair p : r.pairs()) {
                t.row(r.factor(), p.labelA(), p.labelB(), p.meanA(), p.meanB(), p.t(), p.df(), p.p(), p.significant());
            }
        }
        return t.build();
    }

    static Table ecologicalTable(List<EcologicalDetector.Result> results) {
        Table.Builder t = Table.builder("factor_a", "factor_b", "F", "df_a", "df_b", "p_value", "significant", "test");
        for (EcologicalDetector.Result r : results) {
            t.row(r.factorA(), r.factorB(), r.f(), r.dfA(), r.dfB(), r.p(), r.significant(), r.test().name());
        }
        return t.build();
    }
}
