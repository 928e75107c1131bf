package org.esvflow.routes.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.esvflow.io.AtomicFiles;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.pipeline.Checksums;
import org.esvflow.routes.pipeline.StepInstance;
import org.esvflow.routes.pipeline.StepRecord;
import org.esvflow.routes.pipeline.StepTable;
import org.esvflow.routes.pipeline.StudyRun;
import org.esvflow.routes.pipeline.StudySummary;

/**
 * What a study leaves in its output folder besides the step outputs: collected tables ({@code tables/<name>.csv},
 * one per table of the step table, with an {@code epoch} or {@code period} column first unless the table starts with
 * its own {@code year} or {@code period}), {@code provenance.json}
 * (inputs with SHA-256, parameters, versions, every step), {@code summary.json}, the tables again as one XLSX
 * workbook ({@code tables/tables.xlsx}) and the HTML report.
 */
public final class StudyOutputs {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyOutputs() {}

    public static void write(StudyRun run, StudySummary summary, String wpsUrl, Checksums checksums) throws IOException {
        Map<String, List<List<String>>> tables = collectTables(run);
        for (Map.Entry<String, List<List<String>>> t : tables.entrySet()) {
            writeAtomically(run.output().resolve("tables").resolve(t.getKey() + ".csv"), CsvText.format(t.getValue()));
        }
        Workbook.write(tables, run.output().resolve("tables").resolve("tables.xlsx"));
        writeAtomically(run.output().resolve("provenance.json"), JSON.writeValueAsString(provenance(run, wpsUrl, checksums)));
        writeAtomically(run.output().resolve("summary.json"), JSON.writeValueAsString(summary));
        Report.write(run, summary, tables, wpsUrl);
    }

    /** The viewer's {@code study.json} with the layers and tables so far (rewritten as a study runs). */
    public static void writeStudyJson(StudyRun run, StudySummary summary, String wmsUrl) throws IOException {
        writeAtomically(run.output().resolve("study.json"),
                JSON.writeValueAsString(Report.data(run, summary, collectTables(run), wmsUrl)));
    }

    /**
     * Route metrics (Camel's Micrometer route policy) since the pipeline started: per route, exchanges, failures and
     * time, in {@code metrics.json}.
     */
    public static void writeMetrics(MeterRegistry registry, Path file) throws IOException {
        List<Map<String, Object>> meters = new ArrayList<>();
        for (Meter m : registry.getMeters()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.getId().getName());
            Map<String, String> tags = new TreeMap<>();
            m.getId().getTags().forEach(t -> tags.put(t.getKey(), t.getValue()));
            entry.put("tags", tags);
            if (m instanceof Timer t) {
                entry.put("count", t.count());
                entry.put("totalSeconds", t.totalTime(TimeUnit.SECONDS));
                entry.put("maxSeconds", t.max(TimeUnit.SECONDS));
            } else {
                Map<String, Double> values = new LinkedHashMap<>();
                m.measure().forEach(x -> values.put(x.getStatistic().name().toLowerCase(java.util.Locale.ROOT), x.getValue()));
                entry.put("values", values);
            }
            meters.add(entry);
        }
        meters.sort(java.util.Comparator.comparing(e -> e.get("name") + " " + e.get("tags")));
        writeAtomically(file, JSON.writeValueAsString(meters));
    }

    /**
     * Every table output, epoch by epoch (then period by period, pair, study), under one header: steps naming the same
     * table add their rows to it (columns missing from a part are left empty); a first column ({@code epoch},
     * {@code period} or the output's {@code label}) tells the parts apart. A GeoDetector factor table with a
     * {@code year} column also gives {@code gd_q_by_year} (factor, year, q, p).
     */
    static Map<String, List<List<String>>> collectTables(StudyRun run) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> parts = new LinkedHashMap<>();
        Map<String, StepRecord> records = run.records();
        for (StepTable.Step step : run.table().steps()) {
            for (StepTable.Output o : step.outputs().values()) {
                if (o.table() == null) continue;
                String labelColumn = o.label() != null ? o.label() : step.scope() == StepTable.Scope.EPOCH ? "epoch"
                        : step.scope() == StepTable.Scope.PERIOD ? "period" : step.scope() == StepTable.Scope.PAIR ? "pair" : null;
                for (StepInstance i : run.plan().all()) {
                    if (!i.step().id().equals(step.id())) continue;
                    StepRecord r = records.get(i.key());
                    StepRecord.KeptOutput kept = r == null ? null : r.outputs().get(o.name());
                    if (kept == null) continue;
                    List<List<String>> part = CsvText.read(run.output().resolve(kept.file()));
                    if (part.isEmpty()) continue;
                    // a table that names its epoch or period itself (e.g. year first) keeps its own column
                    String label = o.label() == null && List.of("year", "period").contains(part.get(0).get(0)) ? null : labelColumn;
                    List<String> header = headers.computeIfAbsent(o.table(), k -> new ArrayList<>());
                    if (label != null && !header.contains(label)) header.add(0, label);
                    for (String c : part.get(0)) if (!header.contains(c)) header.add(c);
                    List<Map<String, String>> rows = parts.computeIfAbsent(o.table(), k -> new ArrayList<>());
                    for (List<String> row : part.subList(1, part.size())) {
                        Map<String, String> values = new LinkedHashMap<>();
                        if (label != null) values.put(label, i.tableLabel());
                        for (int c = 0; c < row.size() && c < part.get(0).size(); c++) values.put(part.get(0).get(c), row.get(c));
                        rows.add(values);
                    }
                }
            }
        }
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        headers.forEach((name, header) -> {
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            for (Map<String, String> values : parts.get(name)) rows.add(header.stream().map(c -> values.getOrDefault(c, "")).toList());
            out.put(name, rows);
        });
        List<List<String>> q = qByYear(out.get("gd_factor"));
        if (q != null) out.put("gd_q_by_year", q);
        return out;
    }

    /** The q of each factor in each year (and change run): factor, year, q, p from a factor table with a year column. */
    static List<List<String>> qByYear(List<List<String>> factor) {
        if (factor == null || factor.isEmpty()) return null;
        List<String> header = factor.get(0);
        int f = header.indexOf("factor"), y = header.indexOf("year"), q = header.indexOf("q");
        int p = header.indexOf("p_value") >= 0 ? header.indexOf("p_value") : header.indexOf("p");
        if (f < 0 || y < 0 || q < 0) return null;
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("factor", "year", "q", "p"));
        for (List<String> row : factor.subList(1, factor.size())) {
            out.add(List.of(row.get(f), row.get(y), row.get(q), p < 0 ? "" : row.get(p)));
        }
        return out;
    }

    static Map<String, Object> provenance(StudyRun run, String wpsUrl, Checksums checksums) throws IOException {
        StudyManifest m = run.manifest();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("study", m.id());
        p.put("generated", Instant.now().toString());
        p.put("manifest", Map.of("file", m.file().toAbsolutePath().toString(), "sha256", checksums.sha256(m.file())));
        Map<String, Object> inputs = new TreeMap<>();
        for (String relative : files(m)) {
            Path f = m.resolve(relative);
            inputs.put(relative, Map.of("sha256", checksums.sha256(f), "bytes", Files.size(f)));
        }
        p.put("inputs", inputs);
        p.put("parameters", m.root());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("esvflow", version());
        versions.put("java", System.getProperty("java.version"));
        versions.put("camel", org.apache.camel.CamelContext.class.getPackage().getImplementationVersion());
        p.put("versions", versions);
        p.put("wps", wpsUrl);
        List<StepRecord> steps = new ArrayList<>();
        Map<String, StepRecord> records = run.records();
        for (StepInstance i : run.plan().all()) {
            if (records.containsKey(i.key())) steps.add(records.get(i.key()));
        }
        p.put("steps", steps);
        return p;
    }

    /** Every file path written in the manifest (epoch fields, Landsat bands, terrain, regions). */
    static List<String> files(StudyManifest m) {
        List<String> out = new ArrayList<>();
        collect(m.root(), m, out);
        return out.stream().distinct().sorted().toList();
    }

    private static void collect(Object node, StudyManifest m, List<String> out) {
        if (node instanceof Map<?, ?> map) map.values().forEach(v -> collect(v, m, out));
        else if (node instanceof List<?> list) list.forEach(v -> collect(v, m, out));
        else if (node instanceof String s && s.contains(".") && !s.contains("\n") && Files.isRegularFile(m.resolve(s))) out.add(s);
    }

    static String version() {
        String v = StudyOutputs.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
