package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.qgis.QgisProject;
import org.esvflow.style.ColorMap;
import org.esvflow.style.Sld;
import org.geotools.api.geometry.Bounds;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;

/**
 * {@code study.qgs} of a study run: every published layer as the local GeoTIFF the study folder holds (inputs
 * published as they are, e.g. land use, from the manifest's folder), grouped by theme with one layer per epoch, the
 * manifest's region sets as outlines and the published layers again as WMS layers of the server. Styles are the
 * shipped SLDs ({@code esvflow/styles/<style>.sld} on the classpath, the files the server's data directory is seeded
 * from).
 */
public final class StudyProject {
    public static final String FILE = "study.qgs";

    private static final Map<String, String> THEMES = Map.of("landuse", "Land use", "esv", "ESV", "esv_change", "ESV change",
            "rsei", "RSEI", "hai", "HAI", "hotspots", "Hot spots");
    private static final List<String> ORDER = List.of("landuse", "esv", "esv_change", "rsei", "hai", "hotspots");

    private StudyProject() {}

    /** Writes {@code <output>/study.qgs}; {@code wmsUrl} may be null (no WMS group). Returns the file. */
    public static Path write(StudyRun run, String wmsUrl) throws IOException {
        StudyManifest m = run.manifest();
        List<QgisProject.Raster> rasters = rasters(run);
        if (rasters.isEmpty()) return null;
        String crs = m.value("crs") != null ? String.valueOf(m.value("crs")) : crsOf(rasters.get(0).file());
        QgisProject project = new QgisProject(m.title() == null ? m.id() : m.title(), crs, wkt(crs), extent(rasters.get(0).file()));
        rasters.forEach(project::raster);
        if (m.value("regions") instanceof Map<?, ?> regions) {
            int i = 0;
            for (Map.Entry<?, ?> set : regions.entrySet()) {
                if (set.getValue() instanceof Map<?, ?> def && def.get("file") instanceof String file && Files.isRegularFile(m.resolve(file))) {
                    // GeoJSON is longitude/latitude on WGS 84 (RFC 7946)
                    boolean geojson = file.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(geo)?json");
                    String vectorCrs = geojson ? "EPSG:4326" : crs;
                    project.outline(new QgisProject.Outline(String.valueOf(set.getKey()), m.resolve(file), 0.25 + 0.45 * i++,
                            vectorCrs, wkt(vectorCrs)));
                }
            }
        }
        if (wmsUrl != null) {
            Map<String, String> themes = new LinkedHashMap<>();
            rasters.forEach(r -> themes.putIfAbsent(r.name(), r.group()));
            List<QgisProject.Wms> wms = new ArrayList<>();
            themes.forEach((layer, theme) -> wms.add(new QgisProject.Wms(theme + " (WMS)", m.workspace() + ":" + layer)));
            project.wms(wmsUrl, wms);
        }
        Path qgs = run.output().resolve(FILE);
        Map<String, ColorMap> styles = new HashMap<>();
        project.write(qgs, name -> name == null ? null : styles.computeIfAbsent(name, StudyProject::style));
        return qgs;
    }

    /** The published layers whose files exist, themes in a fixed order, epochs oldest first. */
    static List<QgisProject.Raster> rasters(StudyRun run) {
        StudyManifest m = run.manifest();
        Map<String, StepRecord> records = run.records();
        List<QgisProject.Raster> out = new ArrayList<>();
        for (StepTable.Step step : run.table().steps()) {
            List<StepTable.Output> published = new ArrayList<>();
            step.outputs().values().stream().filter(o -> o.layer() != null).forEach(published::add);
            if (step.publish() != null) published.add(step.publish());
            for (StepTable.Output o : published) {
                for (StepInstance i : run.plan().all()) {
                    StepRecord r = records.get(i.key());
                    if (!i.step().id().equals(step.id()) || r == null || r.layers().isEmpty()) continue;
                    Path file = null;
                    StepRecord.KeptOutput kept = r.outputs().get(o.name());
                    if (kept != null) {
                        file = run.output().resolve(kept.file());
                    } else if (o == step.publish() && o.source() != null && o.source().startsWith("file:")) {
                        Object path = Sources.lookup(o.source().substring("file:".length()), i, m);
                        if (path != null) file = m.resolve(String.valueOf(path));
                    }
                    if (file == null || !Files.isRegularFile(file)) continue;
                    out.add(new QgisProject.Raster(THEMES.getOrDefault(o.layer(), o.layer()), o.layer(), i.time(), file, o.style()));
                }
            }
        }
        out.sort(Comparator.comparingInt((QgisProject.Raster r) -> ORDER.indexOf(r.name()) < 0 ? ORDER.size() : ORDER.indexOf(r.name()))
                .thenComparing(QgisProject.Raster::name)
                .thenComparing(r -> r.time() == null ? "" : r.time()));
        return out;
    }

    /** The shipped style's colour map, or null when no style of that name is shipped. */
    static ColorMap style(String name) {
        String resource = "/esvflow/styles/" + name + ".sld";
        try (InputStream in = StudyProject.class.getResourceAsStream(resource)) {
            if (in == null) return null;
            return Sld.read(in.readAllBytes(), name + ".sld");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String wkt(String code) throws IOException {
        try {
            return CRS.decode(code).toWKT();
        } catch (Exception e) {
            throw new IOException("study CRS " + code + ": " + e.getMessage(), e);
        }
    }

    private static String crsOf(Path raster) throws IOException {
        GridCoverage2D c = GeoTiffs.read(raster.toFile(), "layer");
        try {
            String code = CRS.lookupIdentifier(c.getCoordinateReferenceSystem2D(), true);
            if (code == null) throw new IOException(raster.getFileName() + ": CRS without an EPSG code");
            return code.startsWith("EPSG:") ? code : "EPSG:" + code;
        } catch (org.geotools.api.referencing.FactoryException e) {
            throw new IOException(raster.getFileName() + ": " + e.getMessage(), e);
        } finally {
            c.dispose(true);
        }
    }

    private static double[] extent(Path raster) {
        GridCoverage2D c = GeoTiffs.read(raster.toFile(), "layer");
        try {
            Bounds e = c.getEnvelope();
            return new double[] {e.getMinimum(0), e.getMinimum(1), e.getMaximum(0), e.getMaximum(1)};
        } finally {
            c.dispose(true);
        }
    }
}
