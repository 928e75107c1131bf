package org.esvflow.lu;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accumulates the land-use transfer matrix between two epochs: area (ha) of land in class {@code from} at the start
 * and {@code to} at the end. Codes 0–255 are counted in a dense array as large as the largest code seen needs
 * (so a matrix per region stays small), others in a map.
 */
public final class TransferMatrix {
    private static final int DENSE = 256;
    private int side; // dense holds codes 0 .. side-1 in both directions, row-major by `from`
    private double[] dense = new double[0];
    private final Map<Long, Double> sparse = new HashMap<>();
    private TreeSet<Integer> classes; // cache, cleared by add

    public void add(int from, int to, double hectares) {
        classes = null;
        if (from >= 0 && from < DENSE && to >= 0 && to < DENSE) {
            if (from >= side || to >= side) grow(Math.max(from, to) + 1);
            dense[from * side + to] += hectares;
        } else sparse.merge(((long) from << 32) | (to & 0xffffffffL), hectares, Double::sum);
    }

    /** Adds every area of {@code other} to this matrix (merging matrices counted over separate parts of a raster). */
    public void addAll(TransferMatrix other) {
        classes = null;
        for (int i = 0; i < other.dense.length; i++) {
            if (other.dense[i] != 0) add(i / other.side, i % other.side, other.dense[i]);
        }
        other.sparse.forEach((key, ha) -> sparse.merge(key, ha, Double::sum));
    }

    /** Widens the dense part to hold codes below {@code codes} (a power of two, at least 16, at most 256). */
    private void grow(int codes) {
        int wider = Math.min(DENSE, Math.max(16, Integer.highestOneBit(codes - 1) << 1));
        double[] copy = new double[wider * wider];
        for (int from = 0; from < side; from++) System.arraycopy(dense, from * side, copy, from * wider, side);
        dense = copy;
        side = wider;
    }

    /** Area converted from {@code from} to {@code to}, ha (the diagonal is the unchanged area). */
    public double area(int from, int to) {
        if (from >= 0 && from < DENSE && to >= 0 && to < DENSE) return from < side && to < side ? dense[from * side + to] : 0;
        return sparse.getOrDefault(((long) from << 32) | (to & 0xffffffffL), 0.0);
    }

    /** Every code present at either epoch, ascending (do not modify). */
    public TreeSet<Integer> classes() {
        if (classes != null) return classes;
        TreeSet<Integer> codes = new TreeSet<>();
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                codes.add(i / side);
                codes.add(i % side);
            }
        }
        for (Long key : sparse.keySet()) {
            codes.add((int) (key >> 32));
            codes.add((int) (long) key);
        }
        classes = codes;
        return codes;
    }

    /** Area of {@code code} at the start (row total), ha. */
    public double start(int code) {
        double sum = 0;
        for (int to : classes()) sum += area(code, to);
        return sum;
    }

    /** Area of {@code code} at the end (column total), ha. */
    public double end(int code) {
        double sum = 0;
        for (int from : classes()) sum += area(from, code);
        return sum;
    }

    /** Total area counted (pixels valid at both epochs), ha. */
    public double total() {
        double sum = 0;
        for (double v : dense) sum += v;
        for (double v : sparse.values()) sum += v;
        return sum;
    }

    /** Area that changed class, Σ_i Σ_{j≠i} A[i→j], ha. */
    public double changed() {
        double sum = 0;
        for (int i : classes()) for (int j : classes()) if (i != j) sum += area(i, j);
        return sum;
    }

    /** Single dynamic degree of {@code code}, % per year: (U_b − U_a) / U_a / T · 100; NaN when U_a = 0. */
    public double singleDynamicDegree(int code, double years) {
        double ua = start(code), ub = end(code);
        return ua == 0 ? Double.NaN : (ub - ua) / ua / years * 100;
    }

    /**
     * Comprehensive dynamic degree, % per year, METHODS.md form: LC = Σ_i ΔLU_{i→non-i} / (2 Σ_i LU_i) / T · 100,
     * with ΔLU_{i→non-i} the area leaving class i and Σ LU_i the total area at the start.
     */
    public double comprehensiveDynamicDegree(double years) {
        double total = total();
        return total == 0 ? Double.NaN : changed() / (2 * total) / years * 100;
    }
}
