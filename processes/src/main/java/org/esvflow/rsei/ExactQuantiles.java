package org.esvflow.rsei;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact quantiles of value streams too large to hold in memory, by repeated passes: each pass histograms the values
 * inside the current interval into {@value #BINS} bins (with the true minimum and maximum of every bin), the bin that
 * holds the wanted rank becomes the next interval, and once that bin holds at most {@value #COLLECT_LIMIT} values
 * they are collected and sorted. A bin whose minimum equals its maximum ends the search at once (ties). The result
 * is the exact order statistic, not an approximation; rasters of up to about 4·10⁹ pixels typically need two passes
 * (one histogram, one collection).
 *
 * <p>Quantile definition: linear interpolation between order statistics at h = (n − 1)·p (Hyndman and Fan type 7,
 * the default of R and NumPy).
 */
public final class ExactQuantiles {
    static final int BINS = 4096;
    static final int COLLECT_LIMIT = 1 << 20;

    /** Receives one value of one stream. */
    @FunctionalInterface
    public interface Sink {
        void accept(int stream, double value);
    }

    /** Replays every value of every stream into the sink; each call is one pass over the data. */
    @FunctionalInterface
    public interface Replay {
        void run(Sink sink);
    }

    private ExactQuantiles() {}

    /**
     * @param counts number of values in each stream (all finite)
     * @param min smallest value of each stream
     * @param max largest value of each stream
     * @param probabilities the wanted probabilities in [0, 1], the same for every stream
     * @return {@code result[stream][p]}
     */
    public static double[][] of(Replay replay, long[] counts, double[] min, double[] max, double[] probabilities) {
        return of(replay, counts, min, max, probabilities, COLLECT_LIMIT);
    }

    /** As {@link #of(Replay, long[], double[], double[], double[])} with a chosen collection limit (for tests). */
    static double[][] of(Replay replay, long[] counts, double[] min, double[] max, double[] probabilities,
                         int collectLimit) {
        int streams = counts.length;
        List<Target> targets = new ArrayList<>();
        Target[][] lower = new Target[streams][probabilities.length], upper = new Target[streams][probabilities.length];
        double[][] fraction = new double[streams][probabilities.length];
        for (int s = 0; s < streams; s++) {
            if (counts[s] == 0) throw new IllegalArgumentException("stream " + s + " is empty");
            for (int q = 0; q < probabilities.length; q++) {
                double h = (counts[s] - 1) * probabilities[q];
                long k = (long) Math.floor(h);
                fraction[s][q] = h - k;
                lower[s][q] = new Target(s, k, min[s], max[s], collectLimit);
                upper[s][q] = new Target(s, Math.min(k + 1, counts[s] - 1), min[s], max[s], collectLimit);
                targets.add(lower[s][q]);
                targets.add(upper[s][q]);
            }
        }
        @SuppressWarnings("unchecked")
        List<Target>[] byStream = new List[streams];
        for (int s = 0; s < streams; s++) byStream[s] = new ArrayList<>();
        for (Target t : targets) byStream[t.stream].add(t);
        while (targets.stream().anyMatch(t -> !t.done)) {
            for (Target t : targets) t.startPass();
            replay.run((stream, value) -> {
                for (Target t : byStream[stream]) t.offer(value);
            });
            for (Target t : targets) t.endPass();
        }
        double[][] result = new double[streams][probabilities.length];
        for (int s = 0; s < streams; s++) {
            for (int q = 0; q < probabilities.length; q++) {
                double a = lower[s][q].value, b = upper[s][q].value;
                result[s][q] = fraction[s][q] == 0 ? a : a + fraction[s][q] * (b - a);
            }
        }
        return result;
    }

    /** The search for one rank of one stream. */
    private static final class Target {
        final int stream;
        final int collectLimit;
        long rank; // rank among the values still inside the chain of chosen bins
        final List<double[]> levels = new ArrayList<>(); // {lo, hi, bin} of each refinement already made
        double lo, hi; // the interval histogrammed in the next pass
        boolean collect, done;
        double value;
        long[] counts;
        double[] binMin, binMax;
        double[] collected;
        int collectedSize;

        Target(int stream, long rank, double lo, double hi, int collectLimit) {
            this.stream = stream;
            this.collectLimit = collectLimit;
            this.rank = rank;
            this.lo = lo;
            this.hi = hi;
            if (lo == hi) {
                done = true;
                value = lo;
            }
        }

        void startPass() {
            if (done) return;
            if (collect) {
                collectedSize = 0;
            } else {
                counts = new long[BINS];
                binMin = new double[BINS];
                binMax = new double[BINS];
                Arrays.fill(binMin, Double.POSITIVE_INFINITY);
                Arrays.fill(binMax, Double.NEGATIVE_INFINITY);
            }
        }

        boolean member(double v) {
            for (double[] level : levels) {
                if (bin(v, level[0], level[1]) != (int) level[2]) return false;
            }
            return true;
        }

        void offer(double v) {
            if (done || !member(v)) return;
            if (collect) {
                collected[collectedSize++] = v;
            } else {
                int b = bin(v, lo, hi);
                counts[b]++;
                if (v < binMin[b]) binMin[b] = v;
                if (v > binMax[b]) binMax[b] = v;
            }
        }

        void endPass() {
            if (done) return;
            if (collect) {
                Arrays.sort(collected, 0, collectedSize);
                value = collected[(int) rank];
                done = true;
                collected = null;
                return;
            }
            long below = 0;
            int b = 0;
            while (below + counts[b] <= rank) below += counts[b++];
            rank -= below;
            if (binMin[b] == binMax[b]) {
                value = binMin[b];
                done = true;
                return;
            }
            levels.add(new double[] {lo, hi, b});
            lo = binMin[b];
            hi = binMax[b];
            if (counts[b] <= collectLimit) {
                collect = true;
                collected = new double[(int) counts[b]];
            }
            counts = null;
            binMin = binMax = null;
        }

        static int bin(double v, double lo, double hi) {
            int b = (int) ((v - lo) / (hi - lo) * BINS);
            return b < 0 ? 0 : Math.min(b, BINS - 1);
        }
    }
}
