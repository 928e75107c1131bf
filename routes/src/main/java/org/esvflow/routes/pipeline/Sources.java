package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.wps.WpsInput;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * Resolves the source expressions of the step table (see {@code pipeline/steps.yaml}) into WPS inputs, each with a
 * fingerprint for the step hash: literals by value, files and earlier outputs by SHA-256 of their content.
 */
final class Sources {
    /** One WPS input value and what identifies its content. */
    record Resolved(WpsInput input, String fingerprint) {}

    /** Earlier results of the run. */
    interface Results {
        /** The record of a finished step, or null. */
        StepRecord record(String key);

        /** The reference an output is passed on by: the server's own while fresh, else the kept copy. */
        String reference(StepRecord record, StepRecord.KeptOutput output);

        /** The kept copy of an output in the study folder. */
        Path file(StepRecord.KeptOutput output);

        /** Whether the study's plan has a step with this key (a step whose {@code when} failed has none). */
        boolean planned(String key);

        /** A WMS GetStyles request for the study's published layer {@code layer} on the server the steps run on. */
        String styleReference(String layer);

        /** SHA-256 of what {@code href} answers now. */
        String sha256(String href) throws IOException, InterruptedException;
    }

    /** {@code cell:STEP.OUT@CTX[COLUMN=VALUE,...].COLUMN}: one value of an earlier step's table. */
    private static final Pattern CELL = Pattern.compile("([^.@\\[]+)\\.([^@\\[]+)(?:@([^\\[]+))?\\[([^]]*)]\\.(.+)");

    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{([^}]+)}");

    private final StudyManifest manifest;
    private final StepTable table;
    private final FileReferences files;
    private final Checksums checksums;
    private final Results results;

    Sources(StudyManifest manifest, StepTable table, FileReferences files, Checksums checksums, Results results) {
        this.manifest = manifest;
        this.table = table;
        this.files = files;
        this.checksums = checksums;
        this.results = results;
    }

    /** The inputs of a step, in table order; inputs whose source has no value are left out. */
    List<Resolved> resolve(StepInstance step) throws IOException, StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        for (Map.Entry<String, String> e : step.step().inputs().entrySet()) {
            out.addAll(resolve(e.getKey(), e.getValue(), step));
        }
        return out;
    }

    List<Resolved> resolve(String name, String source, StepInstance step) throws IOException, StepBlockedException {
        int colon = source.indexOf(':');
        String kind = source.substring(0, colon);
        String expr = source.substring(colon + 1);
        boolean upper = expr.endsWith("|upper");
        if (upper) expr = expr.substring(0, expr.length() - "|upper".length());
        List<Resolved> out = new ArrayList<>();
        switch (kind) {
            case "const" -> out.add(literal(name, interpolate(expr, step), false));
            case "value" -> {
                Object v = lookup(expr, step, manifest);
                if (v != null) out.add(literal(name, text(v), upper));
            }
            case "join" -> {
                Object v = lookup(expr, step, manifest);
                if (v instanceof List<?> list) out.add(literal(name, String.join(",", list.stream().map(Sources::text).toList()), upper));
                else if (v != null) out.add(literal(name, text(v), upper));
            }
            case "file" -> {
                Object v = lookup(expr, step, manifest);
                if (v != null) out.add(file(name, text(v)));
            }
            case "files" -> {
                for (String part : expr.split(",")) {
                    Object v = lookup(part.trim(), step, manifest);
                    if (v instanceof List<?> list) {
                        for (Object each : list) out.add(file(name, text(each)));
                    } else if (v != null) out.add(file(name, text(v)));
                }
            }
            case "output" -> {
                if (expr.endsWith("@epochs")) out.addAll(everyEpoch(name, expr.substring(0, expr.length() - "@epochs".length())));
                else if (expr.endsWith("@periods")) out.addAll(everyPeriod(name, expr.substring(0, expr.length() - "@periods".length())));
                else out.add(output(name, expr, step));
            }
            case "style" -> out.add(style(name, expr));
            case "labels" -> {
                String labels = labels(expr);
                if (!labels.isEmpty()) out.add(literal(name, labels, false));
            }
            case "cell" -> {
                String v = cell(name, interpolate(expr, step), step);
                if (v != null) out.add(literal(name, v, upper));
            }
            case "target" -> {
                int at = expr.indexOf('@');
                Object target = lookup(at < 0 ? expr : expr.substring(0, at), step, manifest);
                String mapped = target == null ? null : table.targets().get(text(target));
                if (mapped == null) throw new StepBlockedException(name + ": no step produces '" + target + "'");
                out.add(output(name, mapped + (at < 0 ? "" : expr.substring(at)), step));
            }
            case "factors" -> out.addAll(factors(name, expr, step));
            case "hai" -> out.addAll(indicators(name, expr, step));
            case "regions" -> out.addAll(regions(name, expr));
            case "derived" -> out.addAll(derived(name, expr, step));
            case "regionSets" -> out.addAll(regionSets(name, expr));
            case "epochs" -> out.addAll(epochs(name, expr));
            default -> throw new IllegalArgumentException("unknown source kind " + kind);
        }
        return out;
    }

    private Resolved literal(String name, String value, boolean upper) {
        String v = upper ? value.toUpperCase(Locale.ROOT) : value;
        return new Resolved(WpsInput.literal(name, v), "literal:" + v);
    }

    private Resolved file(String name, String relative) throws IOException {
        Path p = manifest.resolve(relative);
        if (!Files.isRegularFile(p)) throw new IOException(name + ": file not found: " + p);
        return new Resolved(WpsInput.reference(name, files.href(p), mimeType(p.getFileName().toString())),
                "sha256:" + checksums.sha256(p));
    }

    /** {@code step.output[@context]}: an earlier step's output, by reference. */
    private Resolved output(String name, String expr, StepInstance step) throws StepBlockedException {
        int at = expr.indexOf('@');
        String ref = at < 0 ? expr : expr.substring(0, at);
        String label;
        if (at < 0) {
            label = step.label();
        } else if (expr.substring(at + 1).equals("study")) {
            label = "study";
        } else {
            StudyManifest.Epoch e = step.context(expr.substring(at + 1));
            if (e == null) throw new IllegalArgumentException(name + ": no context " + expr.substring(at + 1) + " in " + step.key());
            label = String.valueOf(e.year());
        }
        return output(name, ref, label);
    }

    /**
     * {@code step.output@epochs}: that output of every epoch whose plan has the step (a step with a {@code when} may
     * run in some epochs only), in epoch order (e.g. for a panel over the years).
     */
    private List<Resolved> everyEpoch(String name, String ref) throws StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        String stepId = ref.substring(0, ref.indexOf('.'));
        for (StudyManifest.Epoch e : manifest.epochs()) {
            String label = String.valueOf(e.year());
            if (results.record(stepId + "@" + label) == null && !results.planned(stepId + "@" + label)) continue;
            out.add(output(name, ref, label));
        }
        return out;
    }

    /** {@code step.output@periods}: that output of every period (consecutive epochs) in order. */
    private List<Resolved> everyPeriod(String name, String ref) throws StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        String stepId = ref.substring(0, ref.indexOf('.'));
        for (StudyManifest.Period p : manifest.periods()) {
            if (results.record(stepId + "@" + p.label()) == null && !results.planned(stepId + "@" + p.label())) continue;
            out.add(output(name, ref, p.label()));
        }
        return out;
    }

    /**
     * {@code labels:STEP@epochs} or {@code labels:STEP@periods}: the years (2013) or periods (2013–2015) in which STEP
     * is planned, comma-separated, in the order {@code output:...@epochs|@periods} lists them (figure panel titles).
     */
    private String labels(String expr) {
        int at = expr.indexOf('@');
        if (at < 0) throw new IllegalArgumentException("labels:" + expr + ": expected labels:STEP@epochs or labels:STEP@periods");
        String stepId = expr.substring(0, at), scope = expr.substring(at + 1);
        List<String> out = new ArrayList<>();
        if (scope.equals("epochs")) {
            for (StudyManifest.Epoch e : manifest.epochs()) {
                String key = stepId + "@" + e.year();
                if (results.record(key) != null || results.planned(key)) out.add(String.valueOf(e.year()));
            }
        } else if (scope.equals("periods")) {
            for (StudyManifest.Period p : manifest.periods()) {
                String key = stepId + "@" + p.label();
                if (results.record(key) != null || results.planned(key)) out.add(p.before().year() + "–" + p.after().year());
            }
        } else {
            throw new IllegalArgumentException("labels:" + expr + ": expected @epochs or @periods");
        }
        return String.join(",", out);
    }

    /** {@code style:LAYER}: the SLD of a published layer, by a WMS GetStyles reference, fingerprinted by its content. */
    private Resolved style(String name, String layer) throws IOException {
        String href = results.styleReference(layer);
        try {
            return new Resolved(WpsInput.reference(name, href, org.esvflow.style.Sld.MIME_TYPE), "sha256:" + results.sha256(href));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted while reading the style of " + layer, e);
        }
    }

    private Resolved output(String name, String ref, String label) throws StepBlockedException {
        String stepId = ref.substring(0, ref.indexOf('.'));
        String outputName = ref.substring(ref.indexOf('.') + 1);
        String key = stepId + "@" + label;
        StepRecord record = results.record(key);
        StepRecord.KeptOutput kept = record == null ? null : record.outputs().get(outputName);
        if (kept == null) throw new StepBlockedException(name + ": needs " + outputName + " of " + key + ", which did not complete");
        return new Resolved(WpsInput.reference(name, results.reference(record, kept), kept.mime()), "sha256:" + kept.sha256());
    }

    /**
     * A value of an earlier step's table output: the column's value in the first row whose named columns hold the
     * given values; null (input left out) when the step is not in the plan or no row matches, blocked when the step is
     * planned but did not complete.
     */
    private String cell(String name, String expr, StepInstance step) throws IOException, StepBlockedException {
        Matcher m = CELL.matcher(expr);
        if (!m.matches()) throw new IllegalArgumentException(name + ": expected cell:STEP.OUT@CONTEXT[COLUMN=VALUE,...].COLUMN, got " + expr);
        String context = m.group(3);
        String label;
        if (context == null) label = step.label();
        else if (context.equals("study")) label = "study";
        else {
            StudyManifest.Epoch e = step.context(context);
            if (e == null) throw new IllegalArgumentException(name + ": no context " + context + " in " + step.key());
            label = String.valueOf(e.year());
        }
        String key = m.group(1) + "@" + label;
        StepRecord record = results.record(key);
        if (record == null && !results.planned(key)) return null;
        StepRecord.KeptOutput kept = record == null ? null : record.outputs().get(m.group(2));
        if (kept == null) throw new StepBlockedException(name + ": needs " + m.group(2) + " of " + key + ", which did not complete");
        Path file = results.file(kept);
        if (Files.size(file) == 0) return null;
        Table table = (Table) CodecRegistry.standard().decoder(Table.class, CodecRegistry.CSV, kept.file()).decode(file, kept.file());
        int column = table.indexOf(m.group(5));
        if (column < 0) throw new StepBlockedException(name + ": " + key + " has no column " + m.group(5));
        List<Integer> where = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (String condition : m.group(4).split(",")) {
            int eq = condition.indexOf('=');
            int c = table.indexOf(condition.substring(0, eq).trim());
            if (c < 0) throw new StepBlockedException(name + ": " + key + " has no column " + condition.substring(0, eq).trim());
            where.add(c);
            wanted.add(condition.substring(eq + 1).trim());
        }
        // cells compared and passed on as CSV writes them (full precision: a double's shortest round-trip text)
        for (Object[] row : table.rows()) {
            boolean match = true;
            for (int i = 0; i < where.size() && match; i++) match = wanted.get(i).equals(Csv.format(row[where.get(i)]));
            if (match) return row[column] == null ? null : Csv.format(row[column]);
        }
        return null;
    }

    /** GeoDetector factors of the manifest: rasters (by reference), names, categorical or continuous names. */
    private List<Resolved> factors(String name, String what, StepInstance step) throws IOException, StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (manifest.value("geodetector.factors") instanceof List<?> factors) {
            for (Object f : factors) {
                Map<?, ?> m = (Map<?, ?>) f;
                String kind = String.valueOf(m.get("kind"));
                if (what.equals("rasters") || what.equals("names") || what.equals(kind)) names.add(String.valueOf(m.get("name")));
            }
        }
        if (what.equals("rasters")) {
            for (String n : names) out.add(namedRaster(name, n, step));
            return out;
        }
        if (!names.isEmpty()) out.add(literal(name, String.join(",", names), false));
        return out;
    }

    /** HAI indicators of the manifest: rasters (epoch fields or computed layers), their names, or the first file one. */
    private List<Resolved> indicators(String name, String what, StepInstance step) throws IOException, StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (manifest.value("hai.indicators") instanceof List<?> list) list.forEach(n -> names.add(String.valueOf(n)));
        if (what.equals("rasters")) {
            for (String n : names) out.add(namedRaster(name, n, step));
        } else if (what.equals("reference")) {
            StudyManifest.Epoch e = step.epoch() != null ? step.epoch() : step.last();
            for (String n : names) {
                if (e.fields().get(n) instanceof String file) {
                    out.add(file(name, file));
                    break;
                }
            }
        } else if (!names.isEmpty()) {
            out.add(literal(name, String.join(",", names), false));
        }
        return out;
    }

    /**
     * A raster named like a manifest field: the field of the epoch (of a pair's later epoch, of the study's last
     * epoch), a terrain file, a derived raster (output {@code result} of step {@code derived_<n>}, the n-th entry of
     * {@code derived:}) or a computed target.
     */
    private Resolved namedRaster(String input, String field, StepInstance step) throws IOException, StepBlockedException {
        String context = step.epoch() != null ? "epoch" : step.period() != null ? "after" : "last";
        StudyManifest.Epoch e = step.context(context);
        if (e.fields().get(field) instanceof String file) return file(input, file);
        if (manifest.value("terrain." + field) instanceof String file) return file(input, file);
        int derived = derivedIndex(field);
        if (derived >= 0) return output(input, "derived_" + (derived + 1) + ".result@" + (step.epoch() != null ? "epoch" : "last"), step);
        String mapped = table.targets().get(field);
        if (mapped == null) throw new StepBlockedException(input + ": '" + field + "' is neither a manifest file nor a computed layer");
        return output(input, mapped + "@" + context, step);
    }

    /**
     * Region sets of the manifest: {@code file}, {@code idField}, {@code nameField} of the first set; {@code files} (one
     * reference per set), {@code idFields}, {@code nameFields} (comma-separated, one per set, empty where absent) and
     * {@code names} (the sets' keys, e.g. counties,provinces) of all sets.
     */
    private List<Resolved> regions(String name, String what) throws IOException {
        List<Resolved> out = new ArrayList<>();
        if (!(manifest.value("regions") instanceof Map<?, ?> regions) || regions.isEmpty()) return out;
        List<Map<?, ?>> sets = new ArrayList<>();
        for (Object set : regions.values()) sets.add(set instanceof Map<?, ?> m ? m : Map.of());
        switch (what) {
            case "file", "idField", "nameField" -> {
                Object v = sets.get(0).get(what);
                if (v != null) out.add(what.equals("file") ? file(name, text(v)) : literal(name, text(v), false));
            }
            case "files" -> {
                for (Map<?, ?> set : sets) out.add(file(name, text(set.get("file"))));
            }
            case "idFields", "nameFields" -> {
                String key = what.substring(0, what.length() - 1);
                List<String> values = sets.stream().map(set -> set.get(key) == null ? "" : text(set.get(key))).toList();
                if (values.stream().anyMatch(v -> !v.isEmpty())) out.add(literal(name, String.join(",", values), false));
            }
            case "names" -> out.add(literal(name, String.join(",", regions.keySet().stream().map(Sources::text).toList()), false));
            default -> throw new IllegalArgumentException("unknown region source regions:" + what);
        }
        return out;
    }

    /**
     * The n-th (from 1) entry of {@code derived:}: {@code N.rasters} (the rasters its expression names, by reference),
     * {@code N.names} (their names), {@code N.expression}.
     */
    private List<Resolved> derived(String name, String expr, StepInstance step) throws IOException, StepBlockedException {
        List<Resolved> out = new ArrayList<>();
        int dot = expr.indexOf('.');
        int index = Integer.parseInt(expr.substring(0, dot)) - 1;
        String what = expr.substring(dot + 1);
        if (!(manifest.value("derived") instanceof List<?> list) || index >= list.size()) return out;
        Map<?, ?> entry = (Map<?, ?>) list.get(index);
        String expression = text(entry.get("expression"));
        List<String> variables = ManifestReader.expressionVariables(expression);
        switch (what) {
            case "rasters" -> {
                for (String v : variables) out.add(namedRaster(name, v, step));
            }
            case "names" -> out.add(literal(name, String.join(",", variables), false));
            case "expression" -> out.add(literal(name, expression, false));
            default -> throw new IllegalArgumentException("unknown derived source derived:" + expr);
        }
        return out;
    }

    /**
     * Every region set of the manifest, in manifest order: {@code file} one reference each, {@code name} their keys
     * and other fields (idField, nameField) as one comma-separated literal (empty entries where a set has none).
     */
    private List<Resolved> regionSets(String name, String field) throws IOException {
        List<Resolved> out = new ArrayList<>();
        if (!(manifest.value("regions") instanceof Map<?, ?> regions) || regions.isEmpty()) return out;
        List<String> values = new ArrayList<>();
        for (Map.Entry<?, ?> e : regions.entrySet()) {
            Object v = field.equals("name") ? e.getKey() : e.getValue() instanceof Map<?, ?> m ? m.get(field) : null;
            if (field.equals("file")) {
                if (v != null) out.add(file(name, text(v)));
            } else values.add(v == null ? "" : text(v));
        }
        if (!field.equals("file") && values.stream().anyMatch(v -> !v.isEmpty())) out.add(literal(name, String.join(",", values), false));
        return out;
    }

    /** A field of every epoch, oldest first: files as one reference each, {@code year} as a comma-separated literal. */
    private List<Resolved> epochs(String name, String field) throws IOException {
        List<Resolved> out = new ArrayList<>();
        if (field.equals("year")) {
            out.add(literal(name, String.join(",", manifest.epochs().stream().map(e -> String.valueOf(e.year())).toList()), false));
            return out;
        }
        for (StudyManifest.Epoch e : manifest.epochs()) {
            Object v = walk(e.fields(), field);
            if (v != null) out.add(file(name, text(v)));
        }
        return out;
    }

    /** Index of the {@code derived:} entry named {@code field}, or −1. */
    private int derivedIndex(String field) {
        if (!(manifest.value("derived") instanceof List<?> list)) return -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> m && field.equals(text(m.get("name")))) return i;
        }
        return -1;
    }

    private String interpolate(String text, StepInstance step) {
        Matcher m = TEMPLATE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, Matcher.quoteReplacement(text(lookup(m.group(1), step, manifest))));
        m.appendTail(b);
        return b.toString();
    }

    /**
     * The value at a path: {@code epoch.}, {@code before.}, {@code after.} and {@code last.} start in that epoch
     * ({@code year} included), {@code epochs.} in every epoch of the study (a list, epochs without a value left out),
     * anything else in the manifest's root; {@code epoch[PATH]} names the epoch field by the root value at PATH;
     * numeric parts index lists. Null when absent.
     */
    static Object lookup(String path, StepInstance step, StudyManifest m) {
        if (path.startsWith("epochs.") || path.startsWith("epochs[")) {
            List<Object> values = new ArrayList<>();
            for (StudyManifest.Epoch e : m.epochs()) {
                Object v = lookup("epoch" + path.substring("epochs".length()), new StepInstance(step.step(), String.valueOf(e.year()), e,
                        null, step.last()), m);
                if (v != null) values.add(v);
            }
            return values.isEmpty() ? null : values;
        }
        int bracket = path.indexOf('[');
        int dot = path.indexOf('.', bracket >= 0 && bracket < firstDot(path) ? path.indexOf(']', bracket) : 0);
        String head = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        String indirect = null;
        if (head.endsWith("]") && head.contains("[")) {
            indirect = head.substring(head.indexOf('[') + 1, head.length() - 1);
            head = head.substring(0, head.indexOf('['));
        }
        StudyManifest.Epoch e = switch (head) {
            case "epoch", "before", "after", "last" -> step.context(head);
            default -> null;
        };
        if (e == null && List.of("epoch", "before", "after", "last").contains(head)) return null;
        if (e == null) return walk(m.root(), path);
        if (indirect != null) {
            Object field = walk(m.root(), indirect);
            if (field == null) return null;
            rest = rest.isEmpty() ? text(field) : text(field) + "." + rest;
        }
        if (rest.equals("year")) return e.year();
        return rest.isEmpty() ? null : walk(e.fields(), rest);
    }

    private static int firstDot(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? Integer.MAX_VALUE : dot;
    }

    private static Object walk(Object node, String path) {
        Object current = node;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) current = map.get(part);
            else if (current instanceof List<?> list && part.matches("\\d+") && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else return null;
            if (current == null) return null;
        }
        return current;
    }

    static String text(Object v) {
        return String.valueOf(v);
    }

    static String mimeType(String fileName) {
        return CodecRegistry.standard().mimeType(fileName);
    }
}
