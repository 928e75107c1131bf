package org.esvflow.lu;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Accumulates the land-use transfer matrix between two epochs: area (ha) of land in class {@code from} at the start
 * and {@code to} at the end. Codes 0–255 are counted in a dense array, others in a map.
 */
public final class TransferMatrix {
    private static final int DENSE = 256;
    private final double[] dense = new double[DENSE * DENSE];
    private final Map<Long, Double> sparse = new HashMap<>();
    private TreeSet<Integer> classes; // cache, cleared by add

    public void add(int from, int to, double hectares) {
        classes = null;
        if (from >= 0 && from < DENSE && to >= 0 && to < DENSE) dense[from * DENSE + to] += hectares;
        else sparse.merge(((long) from << 32) | (to & 0xffffffffL), hectares, Double::sum);
    }

    /** Area converted from {@code from} to {@code to}, ha (the diagonal is the unchanged area). */
    public double area(int from, int to) {
        if (from >= 0 && from < DENSE && to >= 0 && to < DENSE) return dense[from * DENSE + to];
        return sparse.getOrDefault(((long) from << 32) | (to & 0xffffffffL), 0.0);
    }

    /** Every code present at either epoch, ascending (do not modify). */
    public TreeSet<Integer> classes() {
        if (classes != null) return classes;
        TreeSet<Integer> codes = new TreeSet<>();
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                codes.add(i / DENSE);
                codes.add(i % DENSE);
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
