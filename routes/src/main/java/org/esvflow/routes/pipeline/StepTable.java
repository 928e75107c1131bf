package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The pipeline's steps as data ({@code pipeline/steps.yaml}): which WPS process runs at which scope, with which
 * inputs from the manifest or from earlier steps, and which outputs are kept as tables or published as layers.
 * Wiring a new process is an entry in that file.
 */
public record StepTable(List<Step> steps, Map<String, String> targets) {
    /**
     * SETUP: once per study before the epochs (study-wide inputs of epoch steps); PAIR: once per pair of epochs compared
     * (run with the study's steps); STUDY: once, after the periods.
     */
    public enum Scope { SETUP, EPOCH, PERIOD, PAIR, STUDY }

    /**
     * One step.
     *
     * @param process WPS process identifier; null for a publication-only step
     * @param when manifest path that must have a value for the step to run, or null
     * @param inputs WPS input name → source expression (see steps.yaml)
     * @param publish for publication-only steps: the raster source and its layer
     * @param epochs for epoch steps: manifest path of the years the step runs in ({@code all} or absent: every epoch)
     * @param pair for pair steps: manifest path of the two years compared ({@code [first, last]} when absent)
     */
    public record Step(String id, Scope scope, String process, String when, Map<String, String> inputs,
            Map<String, Output> outputs, Output publish, String epochs, String pair) {
        public boolean isPublishOnly() {
            return process == null;
        }
    }

    /**
     * An output to keep.
     *
     * @param table name of the collected table ({@code tables/<table>.csv}), or null
     * @param layer WMS layer name (one granule per epoch), or null
     * @param source for publication-only steps, the source expression of the raster
     * @param label name of the collected table's first column (epoch year, period or pair label); by default
     *     {@code epoch} or {@code period}
     * @param figure file name stem of a publication figure ({@code figures/<figure>.png|pdf}), or null
     */
    public record Output(String name, String mime, String table, String layer, String style, String source, String label,
            String figure) {
        public boolean isRaster() {
            return mime != null && mime.startsWith("image/") && figure == null;
        }
    }

    static final Set<String> KINDS = Set.of("file", "files", "value", "join", "const", "output", "cell", "target", "factors", "hai",
            "regions", "derived", "regionSets", "epochs", "style", "labels");

    /** The table shipped with esvflow. */
    public static StepTable standard() throws IOException {
        try (InputStream in = StepTable.class.getResourceAsStream("/pipeline/steps.yaml")) {
            if (in == null) throw new IOException("pipeline/steps.yaml missing from the class path");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "pipeline/steps.yaml");
        }
    }

    /** A table from a file (to run other processes or another server's names without rebuilding). */
    public static StepTable read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    @SuppressWarnings("unchecked")
    static StepTable parse(String yaml, String where) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(doc instanceof Map<?, ?> root) || !(root.get("steps") instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": expected a mapping with a 'steps' list");
        }
        Map<String, String> targets = new LinkedHashMap<>();
        if (root.get("targets") instanceof Map<?, ?> t) t.forEach((k, v) -> targets.put(String.valueOf(k), String.valueOf(v)));
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + ": steps[" + i + "]";
            Map<String, Object> s = (Map<String, Object>) list.get(i);
            String id = require(s, "id", at);
            if (!ids.add(id)) throw new IllegalArgumentException(at + ".id: '" + id + "' is used twice");
            Scope scope = Scope.valueOf(require(s, "scope", at).toUpperCase(Locale.ROOT));
            String process = (String) s.get("process");
            Map<String, String> inputs = new LinkedHashMap<>();
            if (s.get("inputs") instanceof Map<?, ?> in) {
                in.forEach((k, v) -> {
                    String source = String.valueOf(v);
                    String kind = source.contains(":") ? source.substring(0, source.indexOf(':')) : "";
                    if (!KINDS.contains(kind)) {
                        throw new IllegalArgumentException(at + ".inputs." + k + ": unknown source '" + source + "'");
                    }
                    inputs.put(String.valueOf(k), source);
                });
            }
            Map<String, Output> outputs = new LinkedHashMap<>();
            if (s.get("outputs") instanceof Map<?, ?> out) {
                out.forEach((k, v) -> outputs.put(String.valueOf(k), output(String.valueOf(k), (Map<String, Object>) v)));
            }
            Output publish = null;
            if (s.get("publish") instanceof Map<?, ?> p) {
                publish = output(id, (Map<String, Object>) p);
                if (publish.source() == null || publish.layer() == null) {
                    throw new IllegalArgumentException(at + ".publish: needs source and layer");
                }
            }
            if (process == null && publish == null) throw new IllegalArgumentException(at + ": needs a process or publish");
            String epochs = (String) s.get("epochs"), pair = (String) s.get("pair");
            if (epochs != null && scope != Scope.EPOCH) throw new IllegalArgumentException(at + ".epochs: only for epoch steps");
            if (pair != null && scope != Scope.PAIR) throw new IllegalArgumentException(at + ".pair: only for pair steps");
            steps.add(new Step(id, scope, process, (String) s.get("when"), inputs, outputs, publish, epochs, pair));
        }
        return new StepTable(List.copyOf(steps), Map.copyOf(targets));
    }

    private static Output output(String name, Map<String, Object> o) {
        String source = (String) o.get("source");
        String mime = (String) o.getOrDefault("mime", source != null ? "image/tiff" : null);
        return new Output(name, mime, (String) o.get("table"), (String) o.get("layer"), (String) o.get("style"), source,
                (String) o.get("label"), (String) o.get("figure"));
    }

    private static String require(Map<String, Object> s, String key, String at) {
        Object v = s.get(key);
        if (!(v instanceof String str) || str.isBlank()) throw new IllegalArgumentException(at + "." + key + ": required");
        return str;
    }

    public Step step(String id) {
        for (Step s : steps) if (s.id().equals(id)) return s;
        return null;
    }
}
