package org.esvflow.esv;

import java.util.Arrays;
import java.util.List;

/**
 * Value coefficients resolved per land-use class: currency per ha per year for each service, with a fast lookup from
 * land-use code to class index. Pure data, no rasters.
 */
public final class ClassValues {
    private final int[] codes;
    private final String[] labels;
    private final List<String> services;
    private final double[][] vc;
    private final double[][] typeWeights;
    private final String[] warnings;
    private final double[] totals;
    private final int[] indexByCode;

    ClassValues(int[] codes, String[] labels, List<String> services, double[][] vc, double[][] typeWeights, String[] warnings) {
        this.codes = codes;
        this.labels = labels;
        this.services = List.copyOf(services);
        this.vc = vc;
        this.typeWeights = typeWeights;
        this.warnings = warnings;
        this.totals = new double[codes.length];
        for (int k = 0; k < codes.length; k++) totals[k] = Arrays.stream(vc[k]).sum();
        int max = codes.length == 0 ? 0 : Arrays.stream(codes).max().getAsInt();
        this.indexByCode = new int[max + 1];
        Arrays.fill(indexByCode, -1);
        for (int k = 0; k < codes.length; k++) indexByCode[codes[k]] = k;
    }

    public int size() {
        return codes.length;
    }

    /** Codes at or above this limit (and negative codes) are unknown to the mapping. */
    public int codeLimit() {
        return indexByCode.length;
    }

    /** Class index of a land-use code, or -1 when the mapping does not know it. */
    public int index(int code) {
        return code >= 0 && code < indexByCode.length ? indexByCode[code] : -1;
    }

    public int code(int k) {
        return codes[k];
    }

    public String label(int k) {
        return labels[k];
    }

    public List<String> services() {
        return services;
    }

    /** VC of class {@code k} for service {@code s}, currency per ha per year. */
    public double vc(int k, int s) {
        return vc[k][s];
    }

    /** Σ over services of VC, currency per ha per year. */
    public double total(int k) {
        return totals[k];
    }

    /** Weight of table type {@code t} in class {@code k} (the weights of a class sum to 1). */
    public double typeWeight(int k, int t) {
        return typeWeights[k][t];
    }

    /** Unverified rows this class relies on, empty when none. */
    public String warning(int k) {
        return warnings[k];
    }
}
