package org.esvflow.routes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.esv.ValueCoefficients;
import org.esvflow.routes.manifest.StudyManifest;

/**
 * The report's "Methods and conventions" section, generated from the manifest, the collected tables and the provenance
 * record, so that it says what this run did: the coefficient table and its rows flagged unverified, the value D of one
 * standard equivalent and its basis, the correction's reference and its means, the HAI's normalisation and weights,
 * the GeoDetector's conventions and chosen discretizations, and the inputs with their checksums and the versions.
 */
final class MethodsSection {
    private MethodsSection() {}

    static String html(StudyManifest m, Map<String, List<List<String>>> tables, Map<String, Object> provenance) {
        StringBuilder h = new StringBuilder();
        h.append("<h2 id=\"methods\">Methods and conventions</h2>\n");
        coefficients(h, m, tables);
        correction(h, m, tables);
        hai(h, m, tables);
        geoDetector(h, m, tables);
        provenance(h, provenance);
        return h.toString();
    }

    private static void coefficients(StringBuilder h, StudyManifest m, Map<String, List<List<String>>> tables) {
        h.append("<h3>Ecosystem service values</h3>\n");
        Object d = m.value("standardEquivalent.value");
        Object currency = m.value("standardEquivalent.currency"), basis = m.value("standardEquivalent.basis");
        Object preset = m.value("coefficients");
        h.append("<p>ESV = Σ<sub>classes</sub> area (ha) × Σ<sub>services</sub> coefficient × D");
        if (d != null) {
            // D as written in the manifest: it is an input, not a result to round
            h.append(", with D, the value of one standard equivalent, = <b>").append(esc(String.valueOf(d)))
                    .append(' ').append(esc(currency == null ? "CNY" : String.valueOf(currency))).append("/ha/yr</b>");
            if (basis != null) h.append(" (").append(esc(String.valueOf(basis))).append(')');
        }
        h.append('.');
        if (m.value("classification") != null) h.append(" Classification: ").append(esc(String.valueOf(m.value("classification")))).append('.');
        h.append("</p>\n");
        ValueCoefficients table = presetTable(preset);
        if (table == null) {
            h.append("<p>Coefficient table: ").append(esc(String.valueOf(preset))).append(".</p>\n");
        } else {
            ValueCoefficients.Preset p = ValueCoefficients.Preset.valueOf(table.name());
            h.append("<p>Coefficient table <b>").append(esc(table.name().toLowerCase(Locale.ROOT))).append("</b>: ")
                    .append(esc(p.citation())).append("; values in ")
                    .append(table.unit() == ValueCoefficients.Unit.EQUIVALENT ? "standard equivalents per ha per year"
                            : "currency per ha per year").append(". Rows flagged unverified are marked.</p>\n");
            h.append("<table class=\"coefficients\"><tr><th>type</th>");
            for (String s : table.services()) h.append("<th>").append(esc(s)).append("</th>");
            h.append("<th>verification</th></tr>\n");
            for (int t = 0; t < table.types().size(); t++) {
                h.append(table.isUnverified(t) ? "<tr class=\"unverified\">" : "<tr>").append("<td>")
                        .append(esc(table.types().get(t))).append("</td>");
                for (int s = 0; s < table.services().size(); s++) {
                    double v = table.value(t, s);
                    h.append("<td>").append(Double.isNaN(v) ? "" : esc(ReadableNumbers.format(v))).append("</td>");
                }
                h.append("<td>").append(esc(table.verification(t))).append("</td></tr>\n");
            }
            h.append("</table>\n");
            List<String> unverified = table.unverifiedTypes();
            h.append("<p>Unverified rows: ").append(unverified.isEmpty() ? "none" : esc(String.join("; ", unverified))).append(".</p>\n");
        }
        List<String> used = column(tables.get("esv_totals"), "quantity", "unverified_rows_used", "value");
        used.removeIf(String::isBlank);
        if (!used.isEmpty()) {
            h.append("<p class=\"unverified\">Unverified rows used by this study's land use: ")
                    .append(esc(String.join("; ", new java.util.LinkedHashSet<>(used)))).append(".</p>\n");
        }
    }

    private static ValueCoefficients presetTable(Object preset) {
        if (preset == null) return null;
        try {
            return ValueCoefficients.preset(ValueCoefficients.Preset.valueOf(String.valueOf(preset).toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return null; // a table of the user's own, named by the manifest
        }
    }

    private static void correction(StringBuilder h, StudyManifest m, Map<String, List<List<String>>> tables) {
        h.append("<h3>Dynamic correction</h3>\n");
        Object mode = m.value("correction.mode");
        if (mode == null) {
            h.append("<p>No correction: static coefficients.</p>\n");
            return;
        }
        Object reference = m.value("correction.reference");
        h.append("<p>Coefficients are scaled ").append(esc(String.valueOf(mode)))
                .append(" by factor / reference mean for NPP, precipitation and soil conservation; reference: <b>")
                .append(esc(String.valueOf(reference == null ? "pooled" : reference)))
                .append("</b> (pooled: the mean over every epoch; epoch: each epoch's own mean; fixed: the means given in the "
                        + "manifest). The reference means used:</p>\n");
        table(h, tables.get("esv_correction"), "esv_correction");
    }

    private static void hai(StringBuilder h, StudyManifest m, Map<String, List<List<String>>> tables) {
        if (m.value("hai") == null) return;
        h.append("<h3>Human activity intensity (HAI)</h3>\n<p>Indicators: ")
                .append(esc(String.valueOf(m.value("hai.indicators")))).append("; normalisation: <b>")
                .append(esc(String.valueOf(m.value("hai.normalisation")))).append("</b>; weights: <b>")
                .append(esc(String.valueOf(m.value("hai.weights")))).append("</b>.</p>\n");
        table(h, tables.get("hai_weights"), "hai_weights");
    }

    private static void geoDetector(StringBuilder h, StudyManifest m, Map<String, List<List<String>>> tables) {
        if (m.value("geodetector") == null) return;
        h.append("<h3>GeoDetector</h3>\n<p>Y: ").append(esc(String.valueOf(m.value("geodetector.y"))))
                .append("; sampling: ").append(esc(String.valueOf(m.value("geodetector.sampling"))))
                .append("; discretization methods tried: ").append(esc(String.valueOf(m.value("geodetector.discretization.methods"))))
                .append(", k from ").append(esc(String.valueOf(m.value("geodetector.discretization.k")))).append(".</p>\n");
        List<List<String>> conventions = tables.get("gd_conventions");
        if (conventions != null) {
            h.append("<p>Conventions in force (singletons, σ², ecological test, …):</p>\n");
            table(h, once(conventions), "gd_conventions");
        }
        List<List<String>> chosen = tables.get("gd_discretization");
        if (chosen != null) {
            h.append("<p>Discretization chosen per factor (largest q):</p>\n");
            table(h, select(chosen, List.of("year", "factor", "method", "k", "classes", "q")), "gd_discretization");
        }
    }

    @SuppressWarnings("unchecked")
    private static void provenance(StringBuilder h, Map<String, Object> p) {
        h.append("<h3>Provenance</h3>\n");
        if (p == null) return;
        Object versions = p.get("versions");
        if (versions instanceof Map<?, ?> v) {
            List<String> parts = new ArrayList<>();
            v.forEach((k, x) -> parts.add(k + " " + x));
            h.append("<p>Versions: ").append(esc(String.join(", ", parts))).append(". Generated ")
                    .append(esc(String.valueOf(p.get("generated")))).append(".</p>\n");
        }
        if (p.get("manifest") instanceof Map<?, ?> mf) {
            h.append("<p>Manifest: ").append(esc(String.valueOf(mf.get("file")))).append(", SHA-256 <code>")
                    .append(esc(String.valueOf(mf.get("sha256")))).append("</code>.</p>\n");
        }
        if (p.get("inputs") instanceof Map<?, ?> inputs) {
            h.append("<table class=\"provenance\"><tr><th>input</th><th>size (bytes)</th><th>SHA-256</th></tr>\n");
            for (Map.Entry<?, ?> e : inputs.entrySet()) {
                Map<String, Object> f = (Map<String, Object>) e.getValue();
                h.append("<tr><td class=\"text\">").append(esc(String.valueOf(e.getKey()))).append("</td><td>")
                        .append(esc(ReadableNumbers.cell(String.valueOf(f.get("bytes"))))).append("</td><td class=\"text\"><code>")
                        .append(esc(String.valueOf(f.get("sha256")))).append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    /** A collected table, formatted for reading ({@link ReadableTables}), as an HTML table. */
    static void table(StringBuilder h, List<List<String>> rows, String name) {
        if (rows == null || rows.isEmpty()) {
            h.append("<p>(no ").append(esc(name)).append(" table in this run)</p>\n");
            return;
        }
        List<List<String>> display = ReadableTables.display(name, rows);
        h.append("<table>");
        for (int r = 0; r < display.size(); r++) {
            h.append("<tr>");
            for (String v : display.get(r)) h.append(r == 0 ? "<th>" : "<td>").append(esc(v)).append(r == 0 ? "</th>" : "</td>");
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * A table of settings per run (first column the run: year or change:FROM-TO; then name, value, meaning) with each
     * setting once: "all" when every run had the same value, else one row per value naming its runs.
     */
    static List<List<String>> once(List<List<String>> rows) {
        List<String> header = rows.get(0);
        int name = header.indexOf("name"), value = header.indexOf("value"), meaning = header.indexOf("meaning");
        if (name < 0 || value < 0 || meaning < 0 || name == 0) return rows;
        java.util.Set<String> runs = new java.util.LinkedHashSet<>();
        Map<String, Map<List<String>, List<String>>> byName = new java.util.LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            runs.add(row.get(0));
            byName.computeIfAbsent(row.get(name), k -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(List.of(row.get(value), row.get(meaning)), k -> new ArrayList<>()).add(row.get(0));
        }
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("runs", "name", "value", "meaning"));
        byName.forEach((n, values) -> values.forEach((v, where) -> out.add(List.of(
                values.size() == 1 && where.size() == runs.size() ? "all" : String.join(", ", where), n, v.get(0), v.get(1)))));
        return out;
    }

    /** The values of column {@code value} in rows whose column {@code key} equals {@code wanted}. */
    static List<String> column(List<List<String>> rows, String key, String wanted, String value) {
        List<String> out = new ArrayList<>();
        if (rows == null || rows.isEmpty()) return out;
        int k = rows.get(0).indexOf(key), v = rows.get(0).indexOf(value);
        if (k < 0 || v < 0) return out;
        for (List<String> row : rows.subList(1, rows.size())) if (wanted.equals(row.get(k))) out.add(row.get(v));
        return out;
    }

    /** The columns of {@code rows} that exist among {@code names}, in that order. */
    static List<List<String>> select(List<List<String>> rows, List<String> names) {
        List<Integer> idx = new ArrayList<>();
        for (String n : names) if (rows.get(0).contains(n)) idx.add(rows.get(0).indexOf(n));
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) out.add(idx.stream().map(i -> i < row.size() ? row.get(i) : "").toList());
        return out;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
