package org.esvflow.gd;

/**
 * Per-cell statistics of the joint stratification of several factors: cell = Σ_f code_f · stride_f, stride_0 = 1,
 * stride_{f+1} = stride_f · classes_f. One update per pixel whatever the number of factors; every factor's strata and
 * every pair overlay are sums of cells ({@link #marginals}). Within a block each touched cell gets its count, mean and
 * squared deviations in two passes over Y (no cancellation); blocks and cells are merged by Chan et al.
 * ({@link StratumStats#merge}). A dense table: the caller bounds {@link #cells(int[])}.
 */
final class JointStats {
    final int[] classes;
    final int[] stride;
    final StratumStats cells;
    /** Block scratch: a cell's index among the block's touched cells, plus one (0: untouched). */
    private final int[] local;
    private int[] touched = new int[256], n = new int[256];
    private double[] sum = new double[256], ss = new double[256];
    private int[] slot = new int[0];

    JointStats(int[] classes) {
        this.classes = classes.clone();
        stride = new int[classes.length];
        long size = 1;
        for (int f = 0; f < classes.length; f++) {
            stride[f] = (int) size;
            size *= classes[f];
        }
        cells = StratumStats.empty((int) size);
        local = new int[(int) size];
    }

    /** The number of cells of the joint table of factors with these class counts; Long.MAX_VALUE past it. */
    static long cells(int[] classes) {
        long size = 1;
        for (int c : classes) size = c > 0 && size > Long.MAX_VALUE / c ? Long.MAX_VALUE : size * c;
        return size;
    }

    /** Adds the first {@code count} samples: Y and each one's cell. */
    void add(double[] y, int[] cell, int count) {
        if (slot.length < count) slot = new int[Math.max(count, 2 * slot.length)];
        int used = 0;
        for (int j = 0; j < count; j++) {
            int c = cell[j], s = local[c] - 1;
            if (s < 0) {
                if (used == touched.length) grow();
                s = used++;
                local[c] = s + 1;
                touched[s] = c;
            }
            slot[j] = s;
            n[s]++;
            sum[s] += y[j];
        }
        for (int s = 0; s < used; s++) sum[s] /= n[s]; // now the block mean of each touched cell
        for (int j = 0; j < count; j++) {
            double d = y[j] - sum[slot[j]];
            ss[slot[j]] += d * d;
        }
        for (int s = 0; s < used; s++) {
            cells.merge(touched[s], n[s], sum[s], ss[s]);
            local[touched[s]] = 0;
            n[s] = 0;
            sum[s] = 0;
            ss[s] = 0;
        }
    }

    private void grow() {
        int size = 2 * touched.length;
        touched = java.util.Arrays.copyOf(touched, size);
        n = java.util.Arrays.copyOf(n, size);
        sum = java.util.Arrays.copyOf(sum, size);
        ss = java.util.Arrays.copyOf(ss, size);
    }

    JointStats merge(JointStats later) {
        cells.merge(later.cells);
        return this;
    }

    /**
     * Adds every non-empty cell to the strata of each factor and of each pair overlay: factor f's class in the table,
     * c, is class {@code map[f][c]} of {@code singles[f]}; pair p = (a, b) takes cell map_a · L_b + map_b, L_b =
     * {@code singles[b].strata()}, of {@code overlays[p]}.
     */
    void marginals(int[][] map, int[][] pairs, StratumStats[] singles, StratumStats[] overlays) {
        int m = classes.length;
        int[] code = new int[m];
        for (int c = 0; c < cells.n.length; c++) {
            int count = cells.n[c];
            if (count == 0) continue;
            for (int f = 0; f < m; f++) code[f] = map[f][c / stride[f] % classes[f]];
            double mean = cells.mean[c], s = cells.ss[c];
            for (int f = 0; f < m; f++) singles[f].merge(code[f], count, mean, s);
            for (int p = 0; p < pairs.length; p++) {
                int a = pairs[p][0], b = pairs[p][1];
                overlays[p].merge(code[a] * singles[b].strata() + code[b], count, mean, s);
            }
        }
    }
}
