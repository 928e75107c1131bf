package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.esvflow.routes.report.CsvText;
import org.esvflow.routes.testing.DemoStudies;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the small demo study against the embedded OGC server over HTTP, with the real processes
 * (about three to five minutes on two cores).
 */
class EmbeddedStudyTest {
    @TempDir
    Path dir;

    @Test
    void demoStudyOnTheEmbeddedServer() throws Exception {
        Assumptions.assumeTrue(EmbeddedServer.available(), "this build has no embedded server");
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path data = dir.resolve("geoserver-data");
        Path styles = Path.of("..", "geoserver-data", "styles");
        Files.createDirectories(data.resolve("styles"));
        if (Files.isDirectory(styles)) {
            try (Stream<Path> s = Files.list(styles)) {
                for (Path f : (Iterable<Path>) s::iterator) Files.copy(f, data.resolve("styles").resolve(f.getFileName().toString()));
            }
        }
        PipelineConfig config = PipelineConfig.load();
        StudyFileServer files = new StudyFileServer("127.0.0.1", 0, null);
        StudySummary s;
        try (EmbeddedServer server = EmbeddedServer.start(0, data, files.prefix())) {
            config.wpsUrl = server.owsUrl();
            try (StudyPipeline pipeline = StudyPipeline.start(config, PipelineListener.NONE, files)) {
                s = pipeline.run(manifest, dir.resolve("out"));
            }
            assertTrue(s.succeeded(), () -> "failed: " + s.failed());
            Path out = dir.resolve("out");

            // the study's executions were dismissed at its end: no stored execution is left on the server
            try (Stream<Path> stored = Files.walk(data.resolve("temp").resolve("wps"))) {
                List<Path> left = stored.filter(p -> p.getFileName().toString().equals("status.xml")).toList();
                assertEquals(List.of(), left, "executions left in the WPS output store");
            }

            // ESV total of each epoch = sum over classes (doubles summed in another order: relative 1e-12)
            Map<String, Double> sums = new LinkedHashMap<>();
            List<List<String>> byClass = CsvText.read(out.resolve("tables/esv_by_class.csv"));
            int total = byClass.get(0).indexOf("esv_total");
            for (List<String> row : byClass.subList(1, byClass.size())) sums.merge(row.get(0), Double.parseDouble(row.get(total)), Double::sum);
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), List.copyOf(sums.keySet()));
            int checked = 0;
            for (List<String> row : CsvText.read(out.resolve("tables/esv_totals.csv"))) {
                if (!row.get(1).equals("total_esv")) continue;
                double expected = sums.get(row.get(0));
                assertEquals(expected, Double.parseDouble(row.get(2)), Math.abs(expected) * 1e-12, "ESV total of " + row.get(0));
                checked++;
            }
            assertEquals(6, checked);

            assertCorrectedTablesAgree(out, manifest);

            // the q table has every factor of the manifest
            Set<String> factors = new TreeSet<>();
            CsvText.read(out.resolve("tables/gd_factor.csv")).stream().skip(1).forEach(r -> factors.add(r.get(0)));
            assertEquals(new TreeSet<>(List.of("landUse", "dem", "slope", "precipitation", "npp", "population", "gdp", "nightLight")), factors);

            // WMS layers exist per epoch: a map for every layer and epoch
            HttpClient http = HttpClient.newHttpClient();
            String caps = http.send(HttpRequest.newBuilder(URI.create(server.owsUrl() + "?service=WMS&request=GetCapabilities&version=1.3.0")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (String layer : List.of("demo:esv", "demo:landuse", "demo:rsei", "demo:hai", "demo:hotspots", "demo:esv_change")) {
                assertTrue(caps.contains(layer.substring(layer.indexOf(':') + 1)), layer + " missing from the capabilities");
                for (String year : layer.equals("demo:esv_change") ? List.of("2015", "2023") : List.of("2013", "2023")) {
                    HttpResponse<byte[]> map = http.send(HttpRequest.newBuilder(URI.create(server.owsUrl()
                            + "?service=WMS&version=1.1.1&request=GetMap&layers=" + layer + "&styles=&srs=EPSG:32650"
                            + "&bbox=300000,4200000,780000,4650000&width=240&height=225&format=image/png&time=" + year)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, map.statusCode(), layer + " " + year + ": " + new String(map.body()));
                    assertEquals("image/png", map.headers().firstValue("Content-Type").orElse(""), layer + " " + year);
                }
            }
        } finally {
            files.close();
        }
    }

    /**
     * The correction and change tables of issue 11: columns, the pooled reference (mean of the epochs' area means,
     * recomputed here from the table), corrected totals equal to esv:Value run here with those reference means,
     * Σ change = total(t2) − total(t1), the change layer's sum, and decompositions that add up to ΔESV.
     */
    static void assertCorrectedTablesAgree(Path out, Path manifest) throws Exception {
        List<List<String>> correction = CsvText.read(out.resolve("tables/esv_correction.csv"));
        assertEquals(List.of("year", "factor", "reference", "reference_mean", "area_mean", "area_factor"), correction.get(0));
        assertEquals(6 * 3, correction.size() - 1);
        Map<String, Double> sumOfMeans = new LinkedHashMap<>();
        for (List<String> r : correction.subList(1, correction.size())) sumOfMeans.merge(r.get(1), Double.parseDouble(r.get(4)), Double::sum);
        Map<String, Map<String, Double>> reference = new LinkedHashMap<>(); // year -> factor -> reference mean
        for (List<String> r : correction.subList(1, correction.size())) {
            assertEquals("pooled", r.get(2));
            double ref = Double.parseDouble(r.get(3)), mean = Double.parseDouble(r.get(4));
            assertEquals(sumOfMeans.get(r.get(1)) / 6, ref, 1e-12 * ref, "pooled reference of " + r.get(1));
            assertEquals(mean / ref, Double.parseDouble(r.get(5)), 1e-12);
            reference.computeIfAbsent(r.get(0), k -> new LinkedHashMap<>()).put(r.get(1), ref);
        }
        Map<String, Double> total = new LinkedHashMap<>(), statics = new LinkedHashMap<>();
        for (List<String> row : CsvText.read(out.resolve("tables/esv_totals.csv"))) {
            if (row.get(1).equals("total_esv")) total.put(row.get(0), Double.parseDouble(row.get(2)));
            if (row.get(1).equals("static_esv")) statics.put(row.get(0), Double.parseDouble(row.get(2)));
        }
        assertEquals(6, statics.size());
        // esv:Value run here on the last epoch's files with the published reference means gives the published total
        org.esvflow.routes.manifest.StudyManifest m = org.esvflow.routes.manifest.ManifestReader.read(manifest);
        org.esvflow.routes.manifest.StudyManifest.Epoch last = m.epochs().get(m.epochs().size() - 1);
        java.util.function.Function<String, org.geotools.coverage.grid.GridCoverage2D> raster = field -> org.esvflow.raster.GeoTiffs.read(
                m.resolve(String.valueOf(last.fields().get(String.valueOf(m.value("correction." + field))))).toFile(), field);
        Map<String, Double> refs = reference.get(String.valueOf(last.year()));
        Map<String, Object> value = new org.esvflow.esv.ValueProcess().execute(
                org.esvflow.raster.GeoTiffs.read(m.resolve(String.valueOf(last.fields().get("landUse"))).toFile(), "landUse"),
                ((Number) m.value("standardEquivalent.value")).doubleValue(), null, null, null, null, null, null, null, null,
                raster.apply("npp"), raster.apply("precipitation"), raster.apply("soilConservation"), null, null, null,
                refs.get("npp"), refs.get("precipitation"), refs.get("soilConservation"), null, false, null);
        org.esvflow.table.Table t = (org.esvflow.table.Table) value.get("totals");
        double expected = ((Number) t.get(0, "value")).doubleValue();
        assertEquals("total_esv", t.get(0, "quantity"));
        assertEquals(expected, total.get(String.valueOf(last.year())), 1e-9 * expected, "corrected total of " + last.year());

        List<List<String>> summary = CsvText.read(out.resolve("tables/esv_change_summary.csv"));
        int change = summary.get(0).indexOf("change"), rate = summary.get(0).indexOf("annual_rate_pct");
        int index = summary.get(0).indexOf("change_index");
        assertTrue(rate > index && index > 0, summary.get(0).toString());
        int periods = 0;
        for (List<String> r : summary.subList(1, summary.size())) {
            if (!r.get(1).equals("all")) continue;
            String[] years = r.get(0).split("_");
            double expectedChange = total.get(years[1]) - total.get(years[0]);
            assertEquals(expectedChange, Double.parseDouble(r.get(change)), 1e-9 * total.get(years[0]), "change " + r.get(0));
            assertEquals(Double.parseDouble(r.get(index)) * 100 / (Integer.parseInt(years[1]) - Integer.parseInt(years[0])),
                    Double.parseDouble(r.get(rate)), 1e-12);
            // the published change layer (density, CNY/ha/yr) times the pixel areas: float32 pixels, 1e-6 of the total
            org.geotools.coverage.grid.GridCoverage2D layer = org.esvflow.raster.GeoTiffs.read(
                    out.resolve("rasters/esv_change_" + r.get(0) + ".tif").toFile(), "change");
            org.esvflow.raster.PixelArea area = org.esvflow.raster.PixelArea.of(layer.getGridGeometry());
            double nodata = org.esvflow.raster.Rasters.nodata(layer);
            double[] sum = {0};
            org.esvflow.raster.Blocks.forEach(List.of(layer), null, 0, 100, (b, rr) -> {
                double[] v = rr[0].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null);
                for (int i = 0; i < v.length; i++) if (v[i] != nodata) sum[0] += v[i] * area.hectares(b.y + i / b.width);
            });
            assertEquals(expectedChange, sum[0], 1e-6 * total.get(years[0]), "change layer " + r.get(0));
            periods++;
        }
        assertEquals(5, periods);

        List<List<String>> decomposition = CsvText.read(out.resolve("tables/esv_change_decomposition.csv"));
        assertEquals(List.of("period", "region_id", "delta", "land_use_effect", "correction_effect", "interaction"), decomposition.get(0));
        for (List<String> r : decomposition.subList(1, decomposition.size())) {
            double delta = Double.parseDouble(r.get(2));
            double parts = Double.parseDouble(r.get(3)) + Double.parseDouble(r.get(4)) + Double.parseDouble(r.get(5));
            double scale = Math.abs(Double.parseDouble(r.get(3))) + Math.abs(Double.parseDouble(r.get(4))) + Math.abs(delta);
            assertEquals(delta, parts, 1e-9 * scale, "decomposition " + r);
            if (r.get(1).equals("all")) {
                String[] years = r.get(0).split("_");
                assertEquals(total.get(years[1]) - total.get(years[0]), delta, 1e-9 * total.get(years[0]), "delta " + r.get(0));
            }
        }
    }
}
