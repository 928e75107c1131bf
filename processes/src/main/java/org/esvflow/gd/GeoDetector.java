package org.esvflow.gd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
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
        List<String> names = new ArrayList<>();
        List<Object[]> labels = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Strata s = factors.get(i);
            names.add(s.name());
            Object[] l = new Object[s.count()];
            for (int h = 0; h < l.length; h++) l[h] = s.label(h);
            labels.add(l);
        }
        // the factor and risk tests need each factor's strata only: two tasks run beside the pair passes, the factor
        // tests first (in a fresh JVM the first noncentral-F tail loads and warms the special functions, ~0.05–0.1 s
        // of interpreted code, while the other cores sum pair grids)
        List<FactorDetector.Result> single = new ArrayList<>(java.util.Collections.nCopies(m, null));
        List<RiskDetector.Result> risks = new ArrayList<>(java.util.Collections.nCopies(m, null));
        IntConsumer beside = t -> {
            for (int i = 0; i < m; i++) {
                if (t == 0) single.set(i, FactorDetector.detect(names.get(i), singles[i], options));
                else risks.set(i, RiskDetector.detect(names.get(i), labels.get(i), singles[i], options.alpha()));
            }
        };
        // pairs of factors of few strata first through groups (see pairsByGroups), the rest (a, b > a) of each a
        // in one pass over Y when their grids are small, the others one by one
        boolean[] done = pairsByGroups(y, factors, singles, overlays, beside);
        int[] first = new int[m];
        for (int p = pairs.length - 1; p >= 0; p--) first[pairs[p][0]] = p;
        Parallel.forEach(m, a -> {
            Strata sa = factors.get(a);
            List<Integer> dense = new ArrayList<>();
            long together = 0;
            for (int b = a + 1; b < m; b++) {
                int p = first[a] + b - a - 1;
                if (done[p]) continue;
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
        Report report = report(names, single, risks, overlays, options);
        Progress.report(listener, to);
        return report;
    }

    /** A group joins two factors whose strata multiply to at most this; factors of more strata are left to pairs. */
    static final int GROUP_STRATA = 64;

    /**
     * The overlays of the pairs among factors of at most {@link #GROUP_STRATA} strata, through groups: such factors
     * are joined in twos (fewest strata with most, while the product stays within GROUP_STRATA), a group's stratum
     * being c_a · L_b + c_b, and one grid per pair of groups (cells g_A · G_B + g_B, at most GROUP_STRATA² of them,
     * summed by {@link StratumStats#grids}, each group's own pairs with the groups after it in one pass) is summed into
     * the overlays of the factor pairs across the two groups and of each group's own pair (Chan et al.'s merge). A
     * pass over Y then updates one cell per pair of groups, about a quarter of one per pair of factors. Fills
     * {@code overlays} (in {@link #pairs} order) and returns which pairs it filled: none when fewer than two groups or
     * no joined pair come out. {@code beside} 0 and 1 run in the same batch as the grids, 0 before them, 1 after.
     */
    static boolean[] pairsByGroups(double[] y, List<Strata> factors, StratumStats[] singles, StratumStats[] overlays,
                                   IntConsumer beside) {
        int m = factors.size();
        boolean[] done = new boolean[m * (m - 1) / 2];
        List<int[]> groups = groups(factors);
        boolean paired = false;
        for (int[] g : groups) paired |= g.length == 2;
        if (groups.size() < 2 || !paired) {
            Parallel.forEach(2, beside);
            return done;
        }
        int count = groups.size();
        byte[][] codes = new byte[count][]; // a group's strata (≤ GROUP_STRATA) fit a byte
        int[] strata = new int[count];
        double[][] shift = new double[count][];
        Parallel.forEach(count, g -> {
            int[] members = groups.get(g);
            Strata a = factors.get(members[0]);
            int[] ca = a.codes();
            byte[] joined = new byte[ca.length];
            if (members.length == 1) {
                for (int i = 0; i < joined.length; i++) joined[i] = (byte) ca[i];
                codes[g] = joined;
                strata[g] = a.count();
                shift[g] = singles[members[0]].mean;
                return;
            }
            Strata b = factors.get(members[1]);
            int[] cb = b.codes();
            int width = b.count();
            for (int i = 0; i < joined.length; i++) joined[i] = (byte) (ca[i] * width + cb[i]);
            codes[g] = joined;
            strata[g] = a.count() * width;
            // each cell's d = y − the mean of its stratum of a, as the pair grids of a shift it (no cancellation)
            shift[g] = new double[strata[g]];
            for (int c = 0; c < strata[g]; c++) shift[g][c] = singles[members[0]].mean[c / width];
        });
        StratumStats[] sums = new StratumStats[done.length];
        Parallel.forEach(count + 1, t -> {
            if (t == 0 || t == count) {
                beside.accept(t == 0 ? 0 : 1);
                return;
            }
            int g = t - 1, later = count - 1 - g;
            byte[][] others = new byte[later][];
            int[] widths = new int[later];
            for (int j = 0; j < later; j++) {
                others[j] = codes[g + 1 + j];
                widths[j] = strata[g + 1 + j];
            }
            StratumStats[] grids = StratumStats.grids(y, codes[g], shift[g], strata[g], others, widths);
            for (int j = 0; j < later; j++) {
                addToPairs(grids[j], groups.get(g), groups.get(g + 1 + j), factors, sums, m, j == 0,
                        g + 1 + j == count - 1 && g == count - 2);
            }
        });
        for (int p = 0; p < done.length; p++) {
            if (sums[p] == null) continue;
            overlays[p] = sums[p].nonEmpty();
            done[p] = true;
        }
        return done;
    }

    /**
     * Sums the grid of groups {@code ga} × {@code gb} into the overlay of each factor pair across them, and into the
     * overlay of {@code ga}'s own pair when {@code ownA} ({@code gb}'s when {@code ownB}): each overlay is filled from
     * one grid only, by the one task that holds it.
     */
    private static void addToPairs(StratumStats grid, int[] ga, int[] gb, List<Strata> factors, StratumStats[] sums,
                                   int m, boolean ownA, boolean ownB) {
        int[] members = new int[ga.length + gb.length];
        System.arraycopy(ga, 0, members, 0, ga.length);
        System.arraycopy(gb, 0, members, ga.length, gb.length);
        int k = members.length;
        int[] width = new int[k]; // L of each member
        for (int f = 0; f < k; f++) width[f] = factors.get(members[f]).count();
        // the pairs (f, g) of members summed from this grid, as member indices, lower factor index first
        List<int[]> wanted = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            for (int g = f + 1; g < k; g++) {
                boolean across = f < ga.length && g >= ga.length;
                boolean own = f < ga.length ? ownA && g < ga.length : ownB;
                if (!across && !own) continue;
                wanted.add(members[f] < members[g] ? new int[] {f, g} : new int[] {g, f});
            }
        }
        StratumStats[] out = new StratumStats[wanted.size()];
        int[] index = new int[out.length];
        for (int w = 0; w < out.length; w++) {
            int[] fg = wanted.get(w);
            out[w] = StratumStats.empty(width[fg[0]] * width[fg[1]]);
            index[w] = pairIndex(members[fg[0]], members[fg[1]], m);
        }
        int stridesB = 1;
        for (int g : gb) stridesB *= factors.get(g).count();
        int[] code = new int[k];
        for (int c = 0; c < grid.n.length; c++) {
            int count = grid.n[c];
            if (count == 0) continue;
            // cell c = g_A · G_B + g_B; a group's stratum is c_first · L_second + c_second
            int gA = c / stridesB, gB = c % stridesB;
            if (ga.length == 2) {
                code[0] = gA / width[1];
                code[1] = gA % width[1];
            } else code[0] = gA;
            if (gb.length == 2) {
                code[ga.length] = gB / width[ga.length + 1];
                code[ga.length + 1] = gB % width[ga.length + 1];
            } else code[ga.length] = gB;
            for (int w = 0; w < out.length; w++) {
                int f = wanted.get(w)[0], g = wanted.get(w)[1];
                out[w].merge(code[f] * width[g] + code[g], count, grid.mean[c], grid.ss[c]);
            }
        }
        for (int w = 0; w < out.length; w++) sums[index[w]] = out[w];
    }

    /** The index of pair (a, b), a &lt; b, in {@link #pairs} order. */
    static int pairIndex(int a, int b, int m) {
        return a * (2 * m - a - 1) / 2 + b - a - 1;
    }

    /**
     * The groups of the factors of at most {@link #GROUP_STRATA} strata: by strata count, the fewest joined with the
     * most while their product stays within GROUP_STRATA, else the one of most strata alone; members by factor index.
     */
    static List<int[]> groups(List<Strata> factors) {
        List<Integer> small = new ArrayList<>();
        for (int f = 0; f < factors.size(); f++) if (factors.get(f).count() <= GROUP_STRATA) small.add(f);
        small.sort((x, z) -> Integer.compare(factors.get(x).count(), factors.get(z).count()));
        List<int[]> groups = new ArrayList<>();
        int i = 0, j = small.size() - 1;
        while (i <= j) {
            int a = small.get(i), b = small.get(j);
            if (i < j && factors.get(a).count() * factors.get(b).count() <= GROUP_STRATA) {
                groups.add(new int[] {Math.min(a, b), Math.max(a, b)});
                i++;
            } else groups.add(new int[] {b});
            j--;
        }
        return groups;
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
        // each factor's tests (noncentral F, the Welch t of every pair of its strata), then each pair's, on free cores
        List<FactorDetector.Result> single = Parallel.map(m, i -> FactorDetector.detect(names.get(i), singles[i], options));
        List<RiskDetector.Result> risks = Parallel.map(m,
                i -> RiskDetector.detect(names.get(i), labels.get(i), singles[i], options.alpha()));
        return report(names, single, risks, overlays, options);
    }

    /** The report from the factor and risk tests already made, and the pairs' overlays. */
    private static Report report(List<String> names, List<FactorDetector.Result> single,
                                 List<RiskDetector.Result> risks, StratumStats[] overlays, GeoDetectorOptions options) {
        int m = names.size();
        int[][] pairs = pairs(m);
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
