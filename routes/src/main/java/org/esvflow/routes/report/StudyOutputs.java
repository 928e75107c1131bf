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
import org.esvflow.process.Document;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.pipeline.Checksums;
import org.esvflow.routes.pipeline.StepInstance;
import org.esvflow.routes.pipeline.StepRecord;
import org.esvflow.routes.pipeline.StepTable;
import org.esvflow.routes.pipeline.StudyRun;
import org.esvflow.routes.pipeline.StudySummary;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.table.Csv;
import org.esvflow.table.Sheets;
import org.esvflow.table.Table;

/**
 * What a study leaves in its output folder besides the step outputs: collected tables ({@code tables/<name>.csv},
 * one per table of the step table, with an {@code epoch} or {@code period} column first unless the table starts with
 * its own {@code year} or {@code period}), {@code provenance.json}
 * (inputs with SHA-256, parameters, versions, every step), {@code summary.json}, the tables again as one XLSX
 * workbook ({@code tables/tables.xlsx}) and the HTML report.
 */
public final class StudyOutputs {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Tables are read and written by the project's one codec registry (CSV and XLSX alike). */
    static final CodecRegistry CODECS = CodecRegistry.standard();

    private StudyOutputs() {}

    public static void write(StudyRun run, StudySummary summary, String wpsUrl, Checksums checksums) throws IOException {
        Map<String, Table> tables = collectTables(run);
        Path dir = run.output().resolve("tables");
        for (Map.Entry<String, Table> t : tables.entrySet()) {
            CODECS.encoder(t.getValue(), CodecRegistry.CSV).encodeObject(t.getValue(), dir.resolve(t.getKey() + ".csv"));
        }
        Sheets sheets = new Sheets(tables);
        CODECS.encoder(sheets, Document.XLSX).encodeObject(sheets, dir.resolve("tables.xlsx"));
        Map<String, Object> provenance = provenance(run, wpsUrl, checksums);
        writeAtomically(run.output().resolve("provenance.json"), JSON.writeValueAsString(provenance));
        writeAtomically(run.output().resolve("summary.json"), JSON.writeValueAsString(summary));
        Report.write(run, summary, text(tables), wpsUrl, provenance);
    }

    /** The viewer's {@code study.json} with the layers and tables so far (rewritten as a study runs). */
    public static void writeStudyJson(StudyRun run, StudySummary summary, String wmsUrl) throws IOException {
        writeAtomically(run.output().resolve("study.json"),
                JSON.writeValueAsString(Report.data(run, summary, text(collectTables(run)), wmsUrl)));
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
    static Map<String, Table> collectTables(StudyRun run) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> parts = new LinkedHashMap<>();
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
                    Path file = run.output().resolve(kept.file());
                    if (Files.size(file) == 0) continue; // a process with nothing to tabulate
                    Table part = (Table) CODECS.decoder(Table.class, CodecRegistry.CSV, kept.file()).decode(file, kept.file());
                    if (part.columns().isEmpty()) continue;
                    // a table that names its epoch or period itself (e.g. year first) keeps its own column
                    String label = o.label() == null && List.of("year", "period").contains(part.columns().get(0)) ? null : labelColumn;
                    List<String> header = headers.computeIfAbsent(o.table(), k -> new ArrayList<>());
                    if (label != null && !header.contains(label)) header.add(0, label);
                    for (String c : part.columns()) if (!header.contains(c)) header.add(c);
                    List<Map<String, Object>> rows = parts.computeIfAbsent(o.table(), k -> new ArrayList<>());
                    for (Object[] row : part.rows()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        if (label != null) values.put(label, labelValue(i.tableLabel()));
                        for (int c = 0; c < row.length; c++) values.put(part.columns().get(c), row[c]);
                        rows.add(values);
                    }
                }
            }
        }
        Map<String, Table> out = new LinkedHashMap<>();
        headers.forEach((name, header) -> {
            List<Object[]> rows = new ArrayList<>();
            for (Map<String, Object> values : parts.get(name)) rows.add(header.stream().map(values::get).toArray());
            out.put(name, new Table(header, rows));
        });
        Table q = qByYear(out.get("gd_factor"));
        if (q != null) out.put("gd_q_by_year", q);
        return out;
    }

    /** An epoch label is a number (the year); a period or pair label ({@code 2013-2023}) stays text. */
    private static Object labelValue(String label) {
        return label != null && label.matches("\\d{1,18}") ? (Object) Long.valueOf(label) : label;
    }

    /** The cells of each table as CSV writes them (full precision), the header first: what the report and viewer read. */
    static Map<String, List<List<String>>> text(Map<String, Table> tables) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        tables.forEach((name, t) -> {
            List<List<String>> rows = new ArrayList<>();
            rows.add(t.columns());
            for (Object[] row : t.rows()) rows.add(java.util.Arrays.stream(row).map(Csv::format).toList());
            out.put(name, rows);
        });
        return out;
    }

    /** The q of each factor in each year (and change run): factor, year, q, p from a factor table with a year column. */
    static Table qByYear(Table factor) {
        if (factor == null) return null;
        int f = factor.indexOf("factor"), y = factor.indexOf("year"), q = factor.indexOf("q");
        int p = factor.indexOf("p_value") >= 0 ? factor.indexOf("p_value") : factor.indexOf("p");
        if (f < 0 || y < 0 || q < 0) return null;
        Table.Builder out = Table.builder("factor", "year", "q", "p");
        for (Object[] row : factor.rows()) out.row(row[f], row[y], row[q], p < 0 ? null : row[p]);
        return out.build();
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
