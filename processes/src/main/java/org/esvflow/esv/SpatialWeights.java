package org.esvflow.esv;

import java.util.Arrays;

/**
 * Symmetric binary spatial weights between the occupied cells of a regular grid, stored as neighbour lists
 * (w_ij = 1 for neighbours, 0 otherwise; never a cell with itself).
 */
public final class SpatialWeights {
    /** How neighbours are chosen. */
    public enum Kind {
        /** Cells sharing an edge or a corner. */
        QUEEN,
        /** Cells whose centres are at most a given distance apart. */
        DISTANCE_BAND
    }

    private final int[] start; // neighbours of i: neighbours[start[i] .. start[i+1])
    private final int[] neighbours;

    SpatialWeights(int[] start, int[] neighbours) {
        this.start = start;
        this.neighbours = neighbours;
    }

    /**
     * @param rows grid row of each observation
     * @param cols grid column of each observation (no two observations share a cell)
     * @param cellWidth cell width in distance units, {@code cellHeight} likewise
     * @param distance band threshold (DISTANCE_BAND only), same units
     */
    public static SpatialWeights grid(int[] rows, int[] cols, Kind kind, double cellWidth, double cellHeight, double distance) {
        int n = rows.length;
        int maxRow = 0, maxCol = 0;
        for (int i = 0; i < n; i++) {
            maxRow = Math.max(maxRow, rows[i]);
            maxCol = Math.max(maxCol, cols[i]);
        }
        int gridCols = maxCol + 1;
        int[] index = new int[(maxRow + 1) * gridCols];
        Arrays.fill(index, -1);
        for (int i = 0; i < n; i++) index[rows[i] * gridCols + cols[i]] = i;
        int reachX = kind == Kind.QUEEN ? 1 : (int) Math.floor(distance / cellWidth + 1e-9);
        int reachY = kind == Kind.QUEEN ? 1 : (int) Math.floor(distance / cellHeight + 1e-9);
        int[] start = new int[n + 1];
        int[] list = new int[Math.max(16, n * 8)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            start[i] = count;
            for (int dr = -reachY; dr <= reachY; dr++) {
                int r = rows[i] + dr;
                if (r < 0 || r > maxRow) continue;
                for (int dc = -reachX; dc <= reachX; dc++) {
                    int c = cols[i] + dc;
                    if ((dr == 0 && dc == 0) || c < 0 || c > maxCol) continue;
                    if (kind == Kind.DISTANCE_BAND && Math.hypot(dr * cellHeight, dc * cellWidth) > distance * (1 + 1e-12)) continue;
                    int j = index[r * gridCols + c];
                    if (j < 0) continue;
                    if (count == list.length) list = Arrays.copyOf(list, list.length * 2);
                    list[count++] = j;
                }
            }
        }
        start[n] = count;
        return new SpatialWeights(start, Arrays.copyOf(list, count));
    }

    public int size() {
        return start.length - 1;
    }

    /** Number of neighbours of {@code i} (= Σ_j w_ij). */
    public int degree(int i) {
        return start[i + 1] - start[i];
    }

    public int neighbour(int i, int k) {
        return neighbours[start[i] + k];
    }

    /** S0 = Σ_i Σ_j w_ij. */
    public double s0() {
        return neighbours.length;
    }
}
