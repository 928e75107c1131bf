package org.esvflow.routes.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.esvflow.io.AtomicFiles;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.pipeline.StepInstance;
import org.esvflow.routes.pipeline.StepRecord;
import org.esvflow.routes.pipeline.StepTable;
import org.esvflow.routes.pipeline.StudyRun;
import org.esvflow.routes.pipeline.StudySummary;
import org.geotools.api.geometry.Bounds;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.geotools.referencing.crs.DefaultGeographicCRS;

/**
 * The study report, {@code report/index.html}, complete in its folder so that it opens from disk with no server and
 * makes no network request: the maps rendered once to PNG by the study's WMS ({@link ReportMaps}, under
 * {@code report/maps/}), charts drawn by Chart.js (copied beside it), the tables' CSV and XLSX files (linked under
 * {@code report/tables/}), the collected tables formatted for reading
 * ({@link ReadableTables}) and a generated "Methods and conventions" section ({@link MethodsSection}). The same data
 * feeds the web viewer through {@code study.json}.
 */
final class Report {
    private Report() {}

    static void write(StudyRun run, StudySummary summary, Map<String, List<List<String>>> tables, String wmsUrl,
                      Map<String, Object> provenance) throws IOException {
        Path dir = run.output().resolve("report");
        Files.createDirectories(dir);
        Path chart = dir.resolve(TRANSITION_CHART);
        if (!TransitionChart.write(tables.get("lu_transitions"), classLabels(tables.get("esv_by_class")), chart)) Files.deleteIfExists(chart);
        try { // the same chart for a paper, beside the map figures (figures/lu_transitions.png at 300 dpi and .pdf)
            TransitionChart.writeFigure(tables.get("lu_transitions"), classLabels(tables.get("esv_by_class")),
                    run.output().resolve("figures"), "lu_transitions");
        } catch (Exception e) {
            throw new IOException("figures/lu_transitions: " + e.getMessage(), e);
        }
        Map<String, Object> data = data(run, summary, tables, wmsUrl);
        if (!((List<?>) data.get("layers")).isEmpty()) {
            Extent b = nativeExtent(run.manifest());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> layers = (List<Map<String, Object>>) data.get("layers");
            new ReportMaps(wmsUrl, b.crs(), b.box()).renderAll(layers, dir);
        }
        // the tables beside the report, as links to the study's files (no second copy on disk), so that the report's
        // download links still work in a copy of its folder
        Path tablesDir = run.output().resolve("tables");
        for (String name : tables.keySet()) {
            AtomicFiles.linkOrCopy(tablesDir.resolve(name + ".csv"), dir.resolve("tables").resolve(name + ".csv"));
        }
        if (Files.isRegularFile(tablesDir.resolve("tables.xlsx"))) {
            AtomicFiles.linkOrCopy(tablesDir.resolve("tables.xlsx"), dir.resolve("tables").resolve("tables.xlsx"));
        }
        String json = StudyOutputs.JSON.writeValueAsString(data);
        StudyOutputs.writeAtomically(run.output().resolve("study.json"), json);
        String page = resource("/report/index.html").replace("/*STUDY_DATA*/null", json.replace("</", "<\\/"))
                .replace("<!--METHODS-->", MethodsSection.html(run.manifest(), tables, provenance));
        StudyOutputs.writeAtomically(dir.resolve("index.html"), page);
        StudyOutputs.writeAtomically(dir.resolve("report.js"), resource("/viewer/study.js"));
        StudyOutputs.writeAtomically(dir.resolve("chart.umd.js"), resource("/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js"));
    }

    /** What the report and the viewer show: layers with their epochs and extent, tables, the run's summary. */
    static Map<String, Object> data(StudyRun run, StudySummary summary, Map<String, List<List<String>>> tables, String wmsUrl) {
        StudyManifest m = run.manifest();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("study", m.id());
        d.put("title", m.title());
        d.put("wms", wmsUrl);
        d.put("crs", m.value("crs"));
        d.put("bbox", lonLatBounds(m));
        d.put("summary", summary);
        List<Map<String, Object>> layers = new ArrayList<>();
        Map<String, StepRecord> records = run.records();
        for (StepTable.Step step : run.table().steps()) {
            List<StepTable.Output> published = new ArrayList<>();
            step.outputs().values().stream().filter(o -> o.layer() != null).forEach(published::add);
            if (step.publish() != null) published.add(step.publish());
            for (StepTable.Output o : published) {
                TreeSet<String> times = new TreeSet<>();
                String qualified = null;
                for (StepInstance i : run.plan().all()) {
                    StepRecord r = records.get(i.key());
                    if (!i.step().id().equals(step.id()) || r == null || r.layers().isEmpty()) continue;
                    if (i.time() != null) times.add(i.time());
                    qualified = m.workspace() + ":" + o.layer();
                }
                if (qualified == null) continue;
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("name", qualified);
                layer.put("title", o.layer());
                layer.put("style", o.style());
                layer.put("times", new ArrayList<>(times));
                layers.add(layer);
            }
        }
        d.put("layers", layers);
        // long tables (the GeoDetector's samples) travel as their first rows only: the page stays small, the CSV has them
        Map<String, Object> t = new LinkedHashMap<>();
        Map<String, Integer> rowCounts = new LinkedHashMap<>();
        tables.forEach((name, rows) -> {
            t.put(name, rows.size() > EMBEDDED_ROWS + 1 ? rows.subList(0, ReadableTables.SHOWN_ROWS) : rows);
            rowCounts.put(name, rows.size() - 1);
        });
        d.put("tables", t);
        d.put("rowCounts", rowCounts);
        d.put("display", ReadableTables.display(tables));
        if (Files.isRegularFile(run.output().resolve("report").resolve(TRANSITION_CHART))) {
            d.put("transitionChart", "report/" + TRANSITION_CHART); // relative to the study's output folder
        }
        return d;
    }

    /** Tables longer than this (rows below the header) are embedded in the page and study.json by their first rows. */
    static final int EMBEDDED_ROWS = 5_000;

    /** The Sankey-style chart of land-use transitions over the whole span, beside the report. */
    static final String TRANSITION_CHART = "lu_transitions.png";

    /** Class code → label from a table with code and label columns (e.g. esv_by_class); empty without one. */
    static Map<Integer, String> classLabels(List<List<String>> table) {
        Map<Integer, String> labels = new LinkedHashMap<>();
        if (table == null || table.isEmpty()) return labels;
        int code = table.get(0).indexOf("code"), label = table.get(0).indexOf("label");
        if (code < 0 || label < 0) return labels;
        for (List<String> row : table.subList(1, table.size())) {
            try {
                labels.putIfAbsent(Integer.parseInt(row.get(code).trim()), row.get(label));
            } catch (NumberFormatException e) {
                // not a class code (e.g. a total row): no label
            }
        }
        return labels;
    }

    /** The study's extent in its own CRS: the code (e.g. EPSG:32650) and min east, min north, max east, max north. */
    record Extent(String crs, double[] box) {}

    /** The first epoch's land-use extent in its CRS (the manifest's {@code crs}, else the raster's EPSG code). */
    static Extent nativeExtent(StudyManifest m) {
        Object lu = m.epochs().get(0).fields().get("landUse");
        GridCoverage2D c = GeoTiffs.read(m.resolve(String.valueOf(lu)).toFile(), "landUse");
        try {
            Bounds e = c.getEnvelope();
            String crs = m.value("crs") instanceof String s ? s : CRS.lookupIdentifier(c.getCoordinateReferenceSystem2D(), true);
            if (crs == null) throw new IllegalStateException("the study's CRS has no EPSG code: give crs in the manifest");
            // WMS 1.1.1 takes BBOX east first whatever the CRS's axis order (EPSG:4326 is latitude first in GeoTools)
            int x = CRS.getAxisOrder(c.getCoordinateReferenceSystem2D()) == CRS.AxisOrder.NORTH_EAST ? 1 : 0, y = 1 - x;
            return new Extent(crs, new double[] {e.getMinimum(x), e.getMinimum(y), e.getMaximum(x), e.getMaximum(y)});
        } catch (org.geotools.api.referencing.FactoryException ex) {
            throw new IllegalStateException("cannot name the study's CRS: " + ex.getMessage(), ex);
        } finally {
            c.dispose(true);
        }
    }

    /**
     * Extent of the first epoch's land use in WGS 84: [west, south, east, north] in degrees, from 21 points along
     * each edge (a projected rectangle is curved in longitude and latitude).
     */
    static double[] lonLatBounds(StudyManifest m) {
        Object lu = m.epochs().get(0).fields().get("landUse");
        GridCoverage2D c = GeoTiffs.read(m.resolve(String.valueOf(lu)).toFile(), "landUse");
        try {
            Bounds e = c.getEnvelope();
            MathTransform toLonLat = CRS.findMathTransform(c.getCoordinateReferenceSystem2D(), DefaultGeographicCRS.WGS84, true);
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            double x0 = e.getMinimum(0), x1 = e.getMaximum(0), y0 = e.getMinimum(1), y1 = e.getMaximum(1);
            for (int i = 0; i <= 20; i++) {
                double f = i / 20.0;
                double[] points = {x0 + f * (x1 - x0), y0, x0 + f * (x1 - x0), y1, x0, y0 + f * (y1 - y0), x1, y0 + f * (y1 - y0)};
                toLonLat.transform(points, 0, points, 0, 4);
                for (int p = 0; p < 8; p += 2) {
                    b[0] = Math.min(b[0], points[p]);
                    b[1] = Math.min(b[1], points[p + 1]);
                    b[2] = Math.max(b[2], points[p]);
                    b[3] = Math.max(b[3], points[p + 1]);
                }
            }
            return b;
        } catch (Exception ex) {
            throw new IllegalStateException("cannot compute the study extent in WGS 84: " + ex.getMessage(), ex);
        } finally {
            c.dispose(true);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Report.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException(name + " missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
