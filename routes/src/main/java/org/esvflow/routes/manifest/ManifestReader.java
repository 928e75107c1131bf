package org.esvflow.routes.manifest;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates a study manifest before anything runs. All problems are collected and reported together, each
 * naming its field the way it is written in the file ({@code epochs[2].landUse: file not found (...)}).
 */
public final class ManifestReader {
    /** Names usable in folder, workspace and layer names. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    static final Set<String> FACTOR_KINDS = Set.of("categorical", "continuous");
    static final Set<String> CORRECTION_MODES = Set.of("none", "pixel", "region");
    /** What the correction factors divide by: the mean over all epochs, each epoch's own, or given means. */
    static final List<String> CORRECTION_REFERENCES = List.of("pooled", "epoch", "fixed");
    /** Landsat bands an RSEI needs (surface reflectance and land-surface temperature). */
    static final List<String> LANDSAT_BANDS = List.of("blue", "green", "red", "nir", "swir1", "swir2", "lst");
    /** Layers computed by the pipeline that GeoDetector can explain (its Y). */
    static final Set<String> DETECTOR_TARGETS = Set.of("esv", "rsei", "hai");
    /** Factors computed by the pipeline rather than read from an epoch or terrain file. */
    static final Set<String> COMPUTED_FACTORS = Set.of("landUseIntensity");
    static final Set<String> HAI_NORMALISATIONS = Set.of("pooled", "epoch");
    /** Derived rasters a study may define (the step table has one lu:Calc step per entry). */
    static final int MAX_DERIVED = 3;
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<String> problems = new ArrayList<>();
    private final Path dir;

    private ManifestReader(Path dir) {
        this.dir = dir;
    }

    /** Reads {@code file}; throws with every problem found when it cannot be run. */
    public static StudyManifest read(Path file) throws ManifestException, IOException {
        if (!Files.isRegularFile(file)) throw new ManifestException(List.of("manifest: file not found (" + file + ")"));
        Object doc;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new ManifestException(List.of("manifest: not valid YAML: " + firstLine(e.getMessage())));
        }
        if (!(doc instanceof Map<?, ?> map)) throw new ManifestException(List.of("manifest: expected a mapping at the top"));
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) map;
        if (root.containsKey("base") && !(root.get("base") instanceof String)) {
            throw new ManifestException(List.of("base: expected a folder path"));
        }
        Path dir = StudyManifest.baseDir(file, root);
        if (!Files.isDirectory(dir)) throw new ManifestException(List.of("base: folder not found (" + root.get("base") + ")"));
        return new ManifestReader(dir).validate(file, root);
    }

    private StudyManifest validate(Path file, Map<String, Object> root) throws ManifestException {
        String id = name(root, "study");
        String title = root.get("title") instanceof String t ? t : id;
        Object crs = root.get("crs");
        if (crs != null && !(crs instanceof String s && s.matches("[A-Za-z]+:\\d+"))) {
            problems.add("crs: expected AUTHORITY:CODE such as EPSG:32650, got '" + crs + "'");
        }
        regions(root.get("regions"));
        requiredString(root, "classification");
        if (root.containsKey("coefficientTable")) file("coefficientTable", root.get("coefficientTable"));
        else optionalString(root, "coefficients");
        standardEquivalent(root.get("standardEquivalent"));
        Map<String, Object> terrain = optionalMap(root, "terrain");
        if (terrain != null) terrain.forEach((k, v) -> file("terrain." + k, v));
        List<StudyManifest.Epoch> epochs = epochs(root.get("epochs"));
        correction(optionalMap(root, "correction"), epochs);
        Set<String> available = new HashSet<>(COMPUTED_FACTORS);
        if (terrain != null) available.addAll(terrain.keySet());
        for (StudyManifest.Epoch e : epochs) available.addAll(e.fields().keySet());
        derived(root.get("derived"), available);
        rsei(optionalMap(root, "rsei"));
        hai(optionalMap(root, "hai"), available);
        Map<String, Object> fishnet = optionalMap(root, "fishnet");
        if (fishnet != null) positive("fishnet.cellSize", fishnet.get("cellSize"));
        geodetector(optionalMap(root, "geodetector"), available, epochs);
        Map<String, Object> output = optionalMap(root, "output");
        String workspace = output == null ? null : name(output, "workspace", "output.workspace");
        if (output == null) problems.add("output: required (output: {workspace: NAME})");
        if (!problems.isEmpty()) throw new ManifestException(problems);
        return new StudyManifest(file, id, title, epochs, workspace, Collections.unmodifiableMap(root));
    }

    private void regions(Object node) {
        if (!(node instanceof Map<?, ?> regions) || regions.isEmpty()) {
            problems.add("regions: required, a mapping of region sets such as counties: {file: ..., idField: ...}");
            return;
        }
        regions.forEach((k, v) -> {
            String field = "regions." + k;
            if (!(v instanceof Map<?, ?> r)) {
                problems.add(field + ": expected {file: ..., idField: ...}");
                return;
            }
            file(field + ".file", r.get("file"));
            if (!(r.get("idField") instanceof String s) || s.isBlank()) problems.add(field + ".idField: required");
        });
    }

    private void standardEquivalent(Object node) {
        Object value = node instanceof Map<?, ?> m ? m.get("value") : node;
        String field = node instanceof Map<?, ?> ? "standardEquivalent.value" : "standardEquivalent";
        if (node == null) problems.add("standardEquivalent: required (value of one standard equivalent D, currency per ha per year)");
        else positive(field, value);
    }

    private List<StudyManifest.Epoch> epochs(Object node) {
        List<StudyManifest.Epoch> out = new ArrayList<>();
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            problems.add("epochs: required, a list of at least one epoch with year and landUse");
            return out;
        }
        Integer previous = null;
        for (int i = 0; i < list.size(); i++) {
            String field = "epochs[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                problems.add(field + ": expected a mapping with year and landUse");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> epoch = new LinkedHashMap<>((Map<String, Object>) raw);
            Object year = epoch.remove("year");
            if (!(year instanceof Integer y)) {
                problems.add(field + ".year: required, an integer year" + (year == null ? "" : ", got '" + year + "'"));
                continue;
            }
            if (previous != null && y <= previous) {
                problems.add(field + ".year: years must increase strictly (" + y + " after " + previous + ")");
            }
            previous = y;
            if (!epoch.containsKey("landUse")) problems.add(field + ".landUse: required");
            epoch.forEach((k, v) -> {
                if (k.equals("landsat")) landsat(field + ".landsat", v);
                else file(field + "." + k, v);
            });
            out.add(new StudyManifest.Epoch(i, y, Collections.unmodifiableMap(epoch)));
        }
        return out;
    }

    private void landsat(String field, Object node) {
        if (!(node instanceof Map<?, ?> scene)) {
            problems.add(field + ": expected {sensor: ..., blue: ..., ..., lst: ...}");
            return;
        }
        if (!(scene.get("sensor") instanceof String s) || s.isBlank()) problems.add(field + ".sensor: required (TM, ETM or OLI)");
        for (String band : LANDSAT_BANDS) file(field + "." + band, scene.get(band));
    }

    private void correction(Map<String, Object> correction, List<StudyManifest.Epoch> epochs) {
        if (correction == null) return;
        Object mode = correction.getOrDefault("mode", "pixel");
        if (!(mode instanceof String m) || !CORRECTION_MODES.contains(m.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("correction.mode: expected one of " + CORRECTION_MODES + ", got '" + mode + "'");
            return;
        }
        if (m.equalsIgnoreCase("none")) return;
        Object reference = correction.getOrDefault("reference", "pooled");
        boolean fixed = reference instanceof String r && r.equalsIgnoreCase("fixed");
        if (!(reference instanceof String r) || !CORRECTION_REFERENCES.contains(r.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("correction.reference: expected one of " + CORRECTION_REFERENCES + ", got '" + reference + "'");
        }
        Object means = correction.get("referenceMeans");
        if (means != null && !fixed) problems.add("correction.referenceMeans: only used with reference: fixed");
        if (means != null && !(means instanceof Map<?, ?>)) problems.add("correction.referenceMeans: expected {npp: ..., precipitation: ..., soilConservation: ...}");
        for (String factor : List.of("npp", "precipitation", "soilConservation")) {
            Object ref = correction.get(factor);
            if (ref == null) continue;
            if (fixed) {
                Object mean = means instanceof Map<?, ?> mm ? mm.get(factor) : null;
                if (!(mean instanceof Number n) || n.doubleValue() == 0 || !Double.isFinite(n.doubleValue())) {
                    problems.add("correction.referenceMeans." + factor + ": reference fixed needs a non-zero mean in the units of the "
                            + factor + " rasters" + (mean == null ? "" : ", got '" + mean + "'"));
                }
            }
            if (!(ref instanceof String epochField)) {
                problems.add("correction." + factor + ": expected the name of an epoch field, got '" + ref + "'");
                continue;
            }
            for (StudyManifest.Epoch e : epochs) {
                if (!e.fields().containsKey(epochField)) {
                    problems.add("epochs[" + e.index() + "]." + epochField + ": required by correction." + factor);
                }
            }
        }
    }

    private void rsei(Map<String, Object> rsei) {
        if (rsei == null) return;
        if (rsei.containsKey("sensor") && !(rsei.get("sensor") instanceof String)) problems.add("rsei.sensor: expected TM, ETM or OLI");
        if (rsei.get("grades") instanceof List<?> grades) {
            double last = 0;
            for (int i = 0; i < grades.size(); i++) {
                if (!(grades.get(i) instanceof Number n) || n.doubleValue() <= last || n.doubleValue() >= 1) {
                    problems.add("rsei.grades[" + i + "]: expected increasing breaks strictly between 0 and 1");
                    break;
                }
                last = n.doubleValue();
            }
        }
    }

    /**
     * {@code derived: [{name, expression, unit}]}: each expression over epoch or terrain fields (evaluated per epoch by
     * lu:Calc); its name joins the fields HAI and GeoDetector can use.
     */
    private void derived(Object node, Set<String> available) {
        if (node == null) return;
        if (!(node instanceof List<?> list)) {
            problems.add("derived: expected a list of {name, expression, unit}");
            return;
        }
        if (list.size() > MAX_DERIVED) problems.add("derived: at most " + MAX_DERIVED + " entries, got " + list.size());
        Set<String> fields = Set.copyOf(available);
        for (int i = 0; i < list.size(); i++) {
            String field = "derived[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> d)) {
                problems.add(field + ": expected {name, expression, unit}");
                continue;
            }
            Object name = d.get("name");
            if (!(name instanceof String n) || !VARIABLE.matcher(n).matches()) {
                problems.add(field + ".name: expected a name of letters, digits and _, got '" + name + "'");
            } else if (!available.add(n)) {
                problems.add(field + ".name: '" + n + "' is already a field or a derived raster");
            }
            if (!(d.get("unit") instanceof String u) || u.isBlank()) problems.add(field + ".unit: required (e.g. CNY/person)");
            if (!(d.get("expression") instanceof String e) || e.isBlank()) {
                problems.add(field + ".expression: required, e.g. gdp / population");
                continue;
            }
            List<String> variables = expressionVariables(e);
            if (variables.isEmpty()) problems.add(field + ".expression: names no raster");
            for (String v : variables) {
                if (!fields.contains(v)) problems.add(field + ".expression: '" + v + "' is not an epoch or terrain field");
            }
        }
    }

    /**
     * The variables of an expression: identifiers not followed by '(' (functions) nor part of a number (the e of 1e5),
     * each once, in order.
     */
    public static List<String> expressionVariables(String expression) {
        List<String> out = new ArrayList<>();
        Matcher m = VARIABLE.matcher(expression);
        while (m.find()) {
            String id = m.group();
            if (m.start() > 0 && (Character.isDigit(expression.charAt(m.start() - 1)) || expression.charAt(m.start() - 1) == '.')) continue;
            int end = m.end();
            while (end < expression.length() && Character.isWhitespace(expression.charAt(end))) end++;
            if (end < expression.length() && expression.charAt(end) == '(') continue;
            if (!out.contains(id)) out.add(id);
        }
        return out;
    }

    private void hai(Map<String, Object> hai, Set<String> available) {
        if (hai == null) return;
        Object normalisation = hai.getOrDefault("normalisation", "pooled");
        if (!(normalisation instanceof String n) || !HAI_NORMALISATIONS.contains(n.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("hai.normalisation: expected pooled or epoch, got '" + normalisation + "'");
        }
        if (!(hai.get("indicators") instanceof List<?> indicators) || indicators.isEmpty()) {
            problems.add("hai.indicators: required, a list of epoch fields such as nightLight");
            return;
        }
        for (int i = 0; i < indicators.size(); i++) {
            if (!available.contains(String.valueOf(indicators.get(i)))) {
                problems.add("hai.indicators[" + i + "]: '" + indicators.get(i) + "' is not an epoch field or a derived raster");
            }
        }
    }

    private void geodetector(Map<String, Object> gd, Set<String> available, List<StudyManifest.Epoch> epochs) {
        if (gd == null) return;
        Set<String> years = new HashSet<>();
        epochs.forEach(e -> years.add(String.valueOf(e.year())));
        Object which = gd.get("epochs");
        if (which != null && !"all".equals(which)) {
            if (!(which instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(y -> years.contains(String.valueOf(y)))) {
                problems.add("geodetector.epochs: expected all or a list of the study's years " + new java.util.TreeSet<>(years)
                        + ", got '" + which + "'");
            }
        }
        Object change = gd.get("change");
        if (change != null && !"none".equals(change) && !Boolean.FALSE.equals(change)) {
            boolean ok = change instanceof List<?> pair && pair.size() == 2;
            if (ok) {
                List<?> pair = (List<?>) change;
                int from = changeYear(pair.get(0), epochs), to = changeYear(pair.get(1), epochs);
                ok = from != Integer.MIN_VALUE && to != Integer.MIN_VALUE && from < to;
            }
            if (!ok) {
                problems.add("geodetector.change: expected [FROM, TO], two of the study's years " + new java.util.TreeSet<>(years)
                        + " (or first, last) with FROM before TO, or none; got '" + change + "'");
            }
        }
        Object y = gd.get("y");
        if (!(y instanceof String ys) || !DETECTOR_TARGETS.contains(ys)) {
            problems.add("geodetector.y: expected one of " + DETECTOR_TARGETS + ", got '" + y + "'");
        }
        if (gd.get("sampling") instanceof Map<?, ?> sampling && sampling.containsKey("cellSize")) {
            positive("geodetector.sampling.cellSize", sampling.get("cellSize"));
        }
        if (!(gd.get("factors") instanceof List<?> factors) || factors.isEmpty()) {
            problems.add("geodetector.factors: required, a list of {name, kind: categorical|continuous}");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < factors.size(); i++) {
            String field = "geodetector.factors[" + i + "]";
            if (!(factors.get(i) instanceof Map<?, ?> f)) {
                problems.add(field + ": expected {name, kind}");
                continue;
            }
            Object name = f.get("name");
            if (!(name instanceof String n) || !available.contains(n)) {
                problems.add(field + ".name: '" + name + "' is neither an epoch field nor a terrain field");
            } else if (!seen.add(n)) {
                problems.add(field + ".name: '" + n + "' is listed twice");
            }
            if (!FACTOR_KINDS.contains(String.valueOf(f.get("kind")))) {
                problems.add(field + ".kind: expected categorical or continuous, got '" + f.get("kind") + "'");
            }
        }
    }

    /** The year of {@code first}, {@code last} or a study year; Integer.MIN_VALUE for anything else. */
    private static int changeYear(Object v, List<StudyManifest.Epoch> epochs) {
        if (epochs.isEmpty()) return Integer.MIN_VALUE;
        if ("first".equals(v)) return epochs.get(0).year();
        if ("last".equals(v)) return epochs.get(epochs.size() - 1).year();
        for (StudyManifest.Epoch e : epochs) if (String.valueOf(e.year()).equals(String.valueOf(v))) return e.year();
        return Integer.MIN_VALUE;
    }

    private void file(String field, Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            problems.add(field + ": expected a file path" + (value == null ? "" : ", got '" + value + "'"));
            return;
        }
        Path p = dir.resolve(s).normalize();
        if (!Files.isRegularFile(p)) problems.add(field + ": file not found (" + s + ")");
    }

    private void positive(String field, Object value) {
        if (!(value instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            problems.add(field + ": expected a positive number" + (value == null ? "" : ", got '" + value + "'"));
        }
    }

    private String name(Map<String, Object> map, String key) {
        return name(map, key, key);
    }

    private String name(Map<String, Object> map, String key, String field) {
        Object v = map.get(key);
        if (v == null) {
            problems.add(field + ": required");
            return null;
        }
        if (!(v instanceof String s) || !NAME.matcher(s).matches()) {
            problems.add(field + ": expected a name of letters, digits, '_' or '-' starting with a letter, got '" + v + "'");
            return null;
        }
        return s;
    }

    private void requiredString(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof String s) || s.isBlank()) problems.add(key + ": required");
    }

    private void optionalString(Map<String, Object> map, String key) {
        if (map.containsKey(key) && !(map.get(key) instanceof String)) problems.add(key + ": expected a name");
    }

    private Map<String, Object> optionalMap(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(key + ": expected a mapping");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return typed;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
