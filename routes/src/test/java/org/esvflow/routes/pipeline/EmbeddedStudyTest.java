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
import org.esvflow.routes.testing.CsvRows;
import org.esvflow.routes.testing.DemoStudies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the small demo study against the embedded OGC server over HTTP, with the real processes
 * (about three to five minutes on two cores).
 */
class EmbeddedStudyTest {
    @TempDir
    Path dir;

    /** Files this large or larger must not be stored twice. */
    static final long ONE_COPY_MIN_BYTES = 1 << 20;

    /**
     * Fails when two files of at least {@code minBytes} under {@code roots} have the same content on different inodes;
     * returns how many such files were compared, so that a check over nothing is seen.
     */
    static int assertOneCopyOfEachContent(List<Path> roots, long minBytes) throws Exception {
        Map<String, Object> inodeByContent = new LinkedHashMap<>();
        Map<String, Path> fileByContent = new LinkedHashMap<>();
        int compared = 0;
        for (Path root : roots) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                if (Files.size(f) < minBytes) continue;
                compared++;
                String content = Checksums.compute(f);
                Object inode = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                Object seen = inodeByContent.putIfAbsent(content, inode);
                if (seen != null) {
                    assertEquals(seen, inode, f + " has the content of " + fileByContent.get(content) + " on another inode");
                }
                fileByContent.putIfAbsent(content, f);
            }
        }
        assertTrue(compared > 0, "no file of " + minBytes + " bytes or more was compared");
        return compared;
    }

    @Test
    void demoStudyOnTheEmbeddedServer() throws Exception {
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
            server.configure(config);
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

            // publication figures of every theme: 180 mm at 300 dpi = 7.0866 in × 300 = 2125.98 → 2126 px wide, a PDF each
            for (String theme : List.of("landuse", "esv", "esv_change", "rsei", "hai", "hotspots")) {
                java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve("figures/" + theme + "_panels.png").toFile());
                assertEquals(2126, png.getWidth(), theme);
                byte[] pdf = Files.readAllBytes(out.resolve("figures/" + theme + "_panels.pdf"));
                assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII), theme);
            }

            // the GeoDetector's q chart of each epoch and of the change at 300 dpi: 800 screen px × 300/96 = 2500 px
            for (String label : List.of("2013", "2023", "2013-2023")) {
                assertEquals(2500, javax.imageio.ImageIO.read(out.resolve("figures/gd_q_bar_" + label + ".png").toFile()).getWidth(), label);
            }
            // the whole span's transitions for a paper: 180 mm at 300 dpi = round(180 / 25.4 × 300) = 2126 px
            assertEquals(2126, javax.imageio.ImageIO.read(out.resolve("figures/lu_transitions.png").toFile()).getWidth());
            assertTrue(Files.size(out.resolve("figures/lu_transitions.pdf")) > 0);

            // one copy of every result: the output store, the study folder and the published granules share files
            assertOneCopyOfEachContent(List.of(out, data), ONE_COPY_MIN_BYTES);

            // ESV total of each epoch = sum over classes (doubles summed in another order: relative 1e-12)
            Map<String, Double> sums = new LinkedHashMap<>();
            List<List<String>> byClass = CsvRows.read(out.resolve("tables/esv_by_class.csv"));
            int total = byClass.get(0).indexOf("esv_total");
            for (List<String> row : byClass.subList(1, byClass.size())) sums.merge(row.get(0), Double.parseDouble(row.get(total)), Double::sum);
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), List.copyOf(sums.keySet()));
            int checked = 0;
            for (List<String> row : CsvRows.read(out.resolve("tables/esv_totals.csv"))) {
                if (!row.get(1).equals("total_esv")) continue;
                double expected = sums.get(row.get(0));
                assertEquals(expected, Double.parseDouble(row.get(2)), Math.abs(expected) * 1e-12, "ESV total of " + row.get(0));
                checked++;
            }
            assertEquals(6, checked);

            // the q table has every factor of the manifest in one block per epoch and one for the change 2013–2023
            List<List<String>> q = CsvRows.read(out.resolve("tables/gd_factor.csv"));
            int yearColumn = q.get(0).indexOf("year"), factor = q.get(0).indexOf("factor"), qi = q.get(0).indexOf("q");
            Map<String, Set<String>> blocks = new LinkedHashMap<>();
            Map<String, Double> landUseQ = new LinkedHashMap<>();
            for (List<String> r : q.subList(1, q.size())) {
                blocks.computeIfAbsent(r.get(yearColumn), k -> new TreeSet<>()).add(r.get(factor));
                if (r.get(factor).equals("landUse")) landUseQ.put(r.get(yearColumn), Double.parseDouble(r.get(qi)));
            }
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023", "change:2013-2023"), List.copyOf(blocks.keySet()));
            for (Set<String> factors : blocks.values()) {
                assertEquals(new TreeSet<>(List.of("landUse", "dem", "slope", "precipitation", "npp", "population", "gdp", "nightLight")), factors);
            }
            // Y is the mean ESV density of 10 km cells, not the class value of one pixel: land use (each cell's
            // majority class) no longer explains it almost wholly (q was 0.99 with one pixel per cell)
            for (Map.Entry<String, Double> e : landUseQ.entrySet()) assertTrue(e.getValue() < 0.9, "q of land use in " + e);
            List<List<String>> samples = CsvRows.read(out.resolve("tables/gd_samples.csv"));
            assertTrue(samples.get(0).containsAll(List.of("year", "esv", "esv_change", "landUse_share")), samples.get(0)::toString);
            assertEquals(8, CsvRows.read(out.resolve("tables/gd_q_by_year.csv")).stream().skip(1).filter(r -> r.get(1).equals("2023")).count());

            // study.qgs: 6 themes x 6 epochs (ESV change: 5 periods) + 2 region sets, all by relative paths
            assertEquals(6 * 6 - 1 + 2, org.esvflow.routes.qgis.QgisProjectTest.check(out.resolve("study.qgs")));

            checkHaiPanel(out);
            perClassAndRegionTables(out, dir.resolve("study"), sums);
            assertCorrectedTablesAgree(out, manifest);

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
     * HAI is one panel per region set over all years: hai_weights.csv has one weight per indicator and set (no year),
     * hai_panel.csv a row for every region and year, and every HAI equals an independent recomputation from the
     * panel's raw means (min-max over all years of the set, entropy weights).
     */
    static void checkHaiPanel(Path out) throws Exception {
        List<String> indicators = List.of("nightLight", "population", "gdp", "gdpPerCapita", "landUseIntensity");
        List<List<String>> panel = CsvRows.read(out.resolve("tables/hai_panel.csv"));
        List<String> header = new java.util.ArrayList<>(List.of("region_set", "region_id", "name", "year"));
        header.addAll(indicators);
        header.add("hai");
        assertEquals(header, panel.get(0));
        List<List<String>> weights = CsvRows.read(out.resolve("tables/hai_weights.csv"));
        assertEquals(List.of("region_set", "indicator", "min", "max", "entropy", "weight", "method"), weights.get(0));
        assertEquals(2 * indicators.size() + 1, weights.size(), "one weight per indicator for each region set");
        for (String set : List.of("counties", "provinces")) {
            List<List<String>> rows = panel.stream().skip(1).filter(r -> r.get(0).equals(set)).toList();
            Set<String> regions = new TreeSet<>(), keys = new TreeSet<>();
            rows.forEach(r -> {
                regions.add(r.get(1));
                keys.add(r.get(1) + "@" + r.get(3));
            });
            assertTrue(regions.size() >= 2, set);
            assertEquals(regions.size() * 6, rows.size(), set + ": a row for every region and year");
            assertEquals(rows.size(), keys.size(), set + ": no region-year twice");
            List<List<String>> complete = rows.stream().filter(r -> !r.get(header.size() - 1).isEmpty()).toList();
            int n = complete.size(), m = indicators.size();
            // independent recomputation: x' = (x − min)/(max − min) over all years, p = x'/Σx', e = −Σ p ln p / ln n,
            // w = (1 − e)/Σ(1 − e), HAI = Σ w x'
            double[][] x = new double[n][m];
            double[] min = new double[m], max = new double[m], e = new double[m], w = new double[m];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    x[i][j] = Double.parseDouble(complete.get(i).get(4 + j));
                    min[j] = Math.min(min[j], x[i][j]);
                    max[j] = Math.max(max[j], x[i][j]);
                }
            }
            double spread = 0;
            for (int j = 0; j < m; j++) {
                double sum = 0, h = 0;
                for (int i = 0; i < n; i++) sum += x[i][j] = (x[i][j] - min[j]) / (max[j] - min[j]);
                for (int i = 0; i < n; i++) if (x[i][j] > 0) h -= x[i][j] / sum * Math.log(x[i][j] / sum);
                e[j] = h / Math.log(n);
                spread += 1 - e[j];
            }
            for (int j = 0; j < m; j++) {
                w[j] = (1 - e[j]) / spread;
                int j0 = j;
                List<String> row = weights.stream().filter(r -> r.get(0).equals(set) && r.get(1).equals(indicators.get(j0)))
                        .findFirst().orElseThrow();
                assertEquals(w[j], Double.parseDouble(row.get(5)), 1e-9, set + " weight of " + indicators.get(j));
            }
            for (int i = 0; i < n; i++) {
                double hai = 0;
                for (int j = 0; j < m; j++) hai += w[j] * x[i][j];
                assertEquals(hai, Double.parseDouble(complete.get(i).get(header.size() - 1)), 1e-9,
                        set + " " + complete.get(i).get(1) + " " + complete.get(i).get(3));
            }
        }
    }

    /** Issue 11 §3: sensitivity per class, ESV per region set, dynamic degrees and the transition chart. */
    static void perClassAndRegionTables(Path out, Path study, Map<String, Double> totalByEpoch) throws Exception {
        List<String> years = List.of("2013", "2015", "2017", "2019", "2021", "2023");
        // CS per class and epoch: one row per class of esv_by_class; CS = ((ESV ± ½ESV_k) − ESV)/ESV/(±½) = ESV_k/ESV
        List<List<String>> byClass = CsvRows.read(out.resolve("tables/esv_by_class.csv"));
        int bcCode = byClass.get(0).indexOf("code"), bcTotal = byClass.get(0).indexOf("esv_total");
        Map<String, Double> classEsv = new LinkedHashMap<>();
        for (List<String> r : byClass.subList(1, byClass.size())) classEsv.put(r.get(0) + "/" + r.get(bcCode), Double.parseDouble(r.get(bcTotal)));
        List<List<String>> cs = CsvRows.read(out.resolve("tables/esv_sensitivity.csv"));
        assertEquals(List.of("year", "code", "label", "cs_plus", "cs_minus"), cs.get(0).subList(0, 5));
        assertEquals(classEsv.size(), cs.size() - 1, "one row per epoch × class");
        Map<String, Double> csSum = new LinkedHashMap<>();
        for (List<String> r : cs.subList(1, cs.size())) {
            double expected = classEsv.get(r.get(0) + "/" + r.get(1)) / totalByEpoch.get(r.get(0));
            assertEquals(expected, Double.parseDouble(r.get(3)), 1e-9, "cs_plus " + r);
            assertEquals(expected, Double.parseDouble(r.get(4)), 1e-9, "cs_minus " + r);
            csSum.merge(r.get(0), Double.parseDouble(r.get(3)), Double::sum);
        }
        assertEquals(years, List.copyOf(csSum.keySet()));
        csSum.values().forEach(v -> assertEquals(1, v, 1e-9, "Σ CS of an epoch"));

        // ESV per region: every county and province in every epoch; categories add up to the total; the counties and
        // the provinces (unions of counties) hold the same ESV
        int counties = new com.fasterxml.jackson.databind.ObjectMapper().readTree(study.resolve("boundaries/counties.geojson").toFile()).get("features").size();
        int provinces = new com.fasterxml.jackson.databind.ObjectMapper().readTree(study.resolve("boundaries/provinces.geojson").toFile()).get("features").size();
        List<List<String>> regions = CsvRows.read(out.resolve("tables/esv_regions.csv"));
        assertEquals(List.of("epoch", "region_set", "region_id", "region_name", "pixels", "area_ha", "esv_total", "esv_per_ha",
                "esv_provisioning", "esv_regulating", "esv_supporting", "esv_cultural"), regions.get(0));
        assertEquals(years.size() * (counties + provinces), regions.size() - 1);
        Map<String, Double> bySet = new LinkedHashMap<>();
        for (List<String> r : regions.subList(1, regions.size())) {
            double total = Double.parseDouble(r.get(6)), parts = 0;
            for (int c = 8; c < 12; c++) parts += Double.parseDouble(r.get(c));
            assertEquals(total, parts, 1e-9 * Math.abs(total), "categories of " + r);
            if (Double.parseDouble(r.get(5)) > 0) assertEquals(total / Double.parseDouble(r.get(5)), Double.parseDouble(r.get(7)), 1e-9 * Math.abs(total));
            bySet.merge(r.get(0) + "/" + r.get(1), total, Double::sum);
        }
        for (String y : years) {
            double c = bySet.get(y + "/counties"), p = bySet.get(y + "/provinces");
            assertEquals(c, p, 1e-9 * c, "counties and provinces of " + y);
            assertTrue(c <= totalByEpoch.get(y) * (1 + 1e-12), "regions hold at most the study's ESV");
        }

        // dynamic degrees: 5 consecutive periods + the whole span, one row per period × class; K from the row's own
        // areas, LC from the transitions table (Σ off-diagonal / (2 Σ all) / T · 100)
        List<List<String>> transitions = CsvRows.read(out.resolve("tables/lu_transitions.csv"));
        Map<String, double[]> changed = new LinkedHashMap<>(); // period → {changed, total}
        for (List<String> r : transitions.subList(1, transitions.size())) {
            double[] c = changed.computeIfAbsent(r.get(0), k -> new double[2]);
            double a = Double.parseDouble(r.get(5));
            if (!r.get(3).equals(r.get(4))) c[0] += a;
            c[1] += a;
        }
        assertEquals(List.of("2013-2015", "2015-2017", "2017-2019", "2019-2021", "2021-2023", "2013-2023"), List.copyOf(changed.keySet()));
        List<List<String>> degrees = CsvRows.read(out.resolve("tables/lu_dynamic_degree.csv"));
        assertEquals(List.of("period", "from_year", "to_year", "years", "class", "area_start_ha", "area_end_ha", "k_pct_per_year",
                "lc_pct_per_year"), degrees.get(0));
        Set<String> classes = new TreeSet<>();
        degrees.subList(1, degrees.size()).forEach(r -> classes.add(r.get(4)));
        assertEquals(6 * classes.size(), degrees.size() - 1);
        for (List<String> r : degrees.subList(1, degrees.size())) {
            double t = Double.parseDouble(r.get(3)), start = Double.parseDouble(r.get(5)), end = Double.parseDouble(r.get(6));
            if (start > 0) assertEquals((end - start) / start / t * 100, Double.parseDouble(r.get(7)), 1e-9, "K " + r);
            double[] c = changed.get(r.get(0));
            assertEquals(c[0] / (2 * c[1]) / t * 100, Double.parseDouble(r.get(8)), 1e-9, "LC " + r);
        }
        assertTrue(Files.size(out.resolve("report/lu_transitions.png")) > 1000);
        assertEquals("report/lu_transitions.png", new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("study.json").toFile())
                .get("transitionChart").asText());
    }

    /**
     * The correction and change tables of issue 11: columns, the pooled reference (mean of the epochs' area means,
     * recomputed here from the table), corrected totals equal to esv:Value run here with those reference means,
     * Σ change = total(t2) − total(t1), the change layer's sum, and decompositions that add up to ΔESV.
     */
    static void assertCorrectedTablesAgree(Path out, Path manifest) throws Exception {
        List<List<String>> correction = CsvRows.read(out.resolve("tables/esv_correction.csv"));
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
        for (List<String> row : CsvRows.read(out.resolve("tables/esv_totals.csv"))) {
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
                refs.get("npp"), refs.get("precipitation"), refs.get("soilConservation"), null, false, null, null, null, null, null);
        org.esvflow.table.Table t = (org.esvflow.table.Table) value.get("totals");
        double expected = ((Number) t.get(0, "value")).doubleValue();
        assertEquals("total_esv", t.get(0, "quantity"));
        assertEquals(expected, total.get(String.valueOf(last.year())), 1e-9 * expected, "corrected total of " + last.year());

        List<List<String>> summary = CsvRows.read(out.resolve("tables/esv_change_summary.csv"));
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

        List<List<String>> decomposition = CsvRows.read(out.resolve("tables/esv_change_decomposition.csv"));
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
