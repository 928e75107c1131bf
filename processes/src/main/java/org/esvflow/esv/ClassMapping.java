package org.esvflow.esv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * Land-use code → ecosystem type, or a mean or weighted mix of types. Type names refer to rows of a
 * {@link ValueCoefficients} table (directly, or as Xie 2015 sub-types through the table's crosswalk).
 */
public final class ClassMapping {
    /** Highest land-use code accepted (codes index a lookup array). */
    public static final int MAX_CODE = 65_535;

    /** Classification presets shipped with esvflow, mapping to Xie 2015 sub-types. */
    public enum Preset {
        CLCD("mapping_clcd.csv"),
        CAS("mapping_cas.csv"),
        WORLDCOVER("mapping_worldcover.csv");

        final String resource;

        Preset(String resource) {
            this.resource = resource;
        }
    }

    /** One class: display label, type weights summing to 1, and the mapping row's verification flag. */
    public record Entry(String label, Map<String, Double> weights, String verification) {}

    private final TreeMap<Integer, Entry> entries;

    private ClassMapping(TreeMap<Integer, Entry> entries) {
        this.entries = entries;
    }

    public static ClassMapping preset(Preset preset) {
        try (InputStream in = ClassMapping.class.getResourceAsStream(preset.resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + preset.resource);
            return of(Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8)), "classPreset");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + preset.resource, e);
        }
    }

    /**
     * Reads a mapping table in one of two forms: {@code code,types[,label][,verification]} where {@code types} is
     * {@code a}, a mean {@code a;b;c} or a weighted mix {@code a:0.7;b:0.3}; or the long form
     * {@code code,type,weight[,label]} with one row per (code, type). Weights are normalised to sum 1.
     */
    public static ClassMapping of(Table table, String input) {
        if (table.indexOf("code") < 0) throw new InvalidInputException(input, "a class mapping needs a 'code' column, got " + table.columns());
        boolean longForm = table.indexOf("type") >= 0 && table.indexOf("weight") >= 0;
        if (!longForm && table.indexOf("types") < 0) {
            throw new InvalidInputException(input, "a class mapping needs a 'types' column (or 'type' and 'weight'), got " + table.columns());
        }
        double[] codes = table.doubles("code");
        String[] labels = table.indexOf("label") >= 0 ? table.strings("label") : new String[codes.length];
        String[] flags = table.indexOf("verification") >= 0 ? table.strings("verification") : new String[codes.length];
        Map<Integer, Map<String, Double>> raw = new LinkedHashMap<>();
        Map<Integer, String[]> texts = new LinkedHashMap<>();
        for (int r = 0; r < codes.length; r++) {
            double c = codes[r];
            if (Double.isNaN(c) || c != Math.rint(c) || c < 0 || c > MAX_CODE) {
                throw new InvalidInputException(input, "row " + (r + 1) + ": code must be an integer in [0, " + MAX_CODE + "], got " + table.rows().get(r)[table.indexOf("code")]);
            }
            int code = (int) c;
            Map<String, Double> weights;
            if (longForm) {
                String type = table.strings("type")[r];
                double w = table.doubles("weight")[r];
                if (type == null || type.isBlank() || !(w >= 0)) throw new InvalidInputException(input, "row " + (r + 1) + ": needs a type and a weight ≥ 0");
                weights = raw.computeIfAbsent(code, k -> new LinkedHashMap<>());
                weights.merge(type.trim(), w, Double::sum);
            } else {
                if (raw.containsKey(code)) throw new InvalidInputException(input, "code " + code + " appears twice");
                weights = parseTypes(table.strings("types")[r], input, code);
                raw.put(code, weights);
            }
            texts.putIfAbsent(code, new String[] {labels[r], flags[r]});
        }
        TreeMap<Integer, Entry> entries = new TreeMap<>();
        for (Map.Entry<Integer, Map<String, Double>> e : raw.entrySet()) {
            double sum = e.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (!(sum > 0)) throw new InvalidInputException(input, "code " + e.getKey() + ": weights must sum to more than 0");
            Map<String, Double> normalised = new LinkedHashMap<>();
            e.getValue().forEach((t, w) -> normalised.put(t, w / sum));
            String[] text = texts.get(e.getKey());
            entries.put(e.getKey(), new Entry(text[0] == null ? String.valueOf(e.getKey()) : text[0], normalised,
                    text[1] == null ? "" : text[1]));
        }
        return new ClassMapping(entries);
    }

    static Map<String, Double> parseTypes(String spec, String input, int code) {
        if (spec == null || spec.isBlank()) throw new InvalidInputException(input, "code " + code + " has no types");
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int colon = p.indexOf(':');
            String type = colon < 0 ? p : p.substring(0, colon).trim();
            double w = 1;
            if (colon >= 0) {
                try {
                    w = Double.parseDouble(p.substring(colon + 1).trim());
                } catch (NumberFormatException ex) {
                    throw new InvalidInputException(input, "code " + code + ": bad weight in '" + p + "'");
                }
                if (!(w >= 0)) throw new InvalidInputException(input, "code " + code + ": weight must be ≥ 0 in '" + p + "'");
            }
            weights.merge(type, w, Double::sum);
        }
        if (weights.isEmpty()) throw new InvalidInputException(input, "code " + code + " has no types");
        return weights;
    }

    public Map<Integer, Entry> entries() {
        return entries;
    }

    /**
     * Value coefficients per class in currency per ha per year: VC[class][service] = Σ_type weight · value · scale,
     * with scale = D for equivalent tables.
     *
     * @throws InvalidInputException naming {@code input} when a type is not in the table or has a missing value
     */
    public ClassValues resolve(ValueCoefficients table, double scale, String input) {
        int n = entries.size(), types = table.types().size(), services = table.services().size();
        int[] codes = new int[n];
        String[] labels = new String[n];
        double[][] typeWeights = new double[n][types];
        double[][] vc = new double[n][services];
        String[] warnings = new String[n];
        int k = 0;
        for (Map.Entry<Integer, Entry> e : entries.entrySet()) {
            codes[k] = e.getKey();
            labels[k] = e.getValue().label();
            List<String> flags = new ArrayList<>();
            if (e.getValue().verification().toUpperCase(Locale.ROOT).contains("UNVERIFIED")) {
                flags.add("mapping " + e.getValue().verification());
            }
            for (Map.Entry<String, Double> w : e.getValue().weights().entrySet()) {
                int t = table.typeIndex(w.getKey());
                if (t < 0) {
                    throw new InvalidInputException(input, "class " + e.getKey() + " (" + labels[k] + ") maps to type '"
                            + w.getKey() + "', which table " + table.name() + " does not have (types: " + table.types()
                            + "); pass a class mapping naming its types");
                }
                typeWeights[k][t] += w.getValue();
                if (table.isUnverified(t)) flags.add(table.types().get(t) + " " + table.verification(t));
            }
            for (int t = 0; t < types; t++) {
                if (typeWeights[k][t] == 0) continue;
                for (int s = 0; s < services; s++) {
                    double v = table.value(t, s);
                    if (Double.isNaN(v)) {
                        throw new InvalidInputException(input, "table " + table.name() + " has no value for type '"
                                + table.types().get(t) + "', service '" + table.services().get(s) + "' (class " + e.getKey() + ")");
                    }
                    vc[k][s] += typeWeights[k][t] * v * scale;
                }
            }
            warnings[k] = String.join("; ", flags.stream().distinct().toList());
            k++;
        }
        return new ClassValues(codes, labels, table.services(), vc, typeWeights, warnings);
    }
}
