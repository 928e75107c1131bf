package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.esvflow.routes.testing.CsvRows;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the small demo study against a fake WPS over HTTP (the real server: see the merge notes). */
class StudyPipelineTest {
    @TempDir
    Path dir;

    static PipelineConfig config(FakeWps wps) throws Exception {
        PipelineConfig c = PipelineConfig.load();
        c.wpsUrl = wps.url();
        c.retryDelay = Duration.ofMillis(10);
        c.minPollInterval = Duration.ofMillis(5);
        c.maxPollInterval = Duration.ofMillis(50);
        c.parallelEpochs = 2;
        return c;
    }

    @Test
    void runsTheDemoStudyStepByStep() throws Exception {
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path out = dir.resolve("out");
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        PipelineListener listener = new PipelineListener() {
            @Override
            public void done(StepInstance step, double seconds) {
                events.add(step.key());
            }
        };
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0);
                StudyPipeline pipeline = StudyPipeline.start(config(wps), listener)) {
            StudySummary s = pipeline.run(manifest, out);
            assertTrue(s.succeeded(), () -> "failed: " + s.failed());
            // correction + 6 epochs × (landuse, esv, sensitivity, rsei, derived_1, lui, lui_aligned, hai, hotspots, sample,
            // detect) + 5 periods × change + transfer, hai_panel + the GeoDetector on the change 2013–2023
            // (sample_change, detect_change) + 6 figures (land use, ESV, ESV change, RSEI, HAI, hot spots)
            assertEquals(1 + 6 * 11 + 5 + 4 + 6, s.executed());
            assertEquals(0, s.skipped());
            assertEquals(82, events.size());
            assertEquals(6, wps.executions("esv:Value"));
            assertEquals(5, wps.executions("esv:Change"));
            assertEquals(7, wps.executions("gd:Detect"));

            // the change run samples the ESV density of 2023 minus that of 2013, each epoch its own ESV density
            String esv2013 = new ObjectMapper().readTree(out.resolve("steps/esv_2013.json").toFile()).at("/outputs/esvPerHa/href").asText();
            String esv2023 = new ObjectMapper().readTree(out.resolve("steps/esv_2023.json").toFile()).at("/outputs/esvPerHa/href").asText();
            String changeCall = wps.executeBodies().stream().filter(b -> b.contains("gd:Sample") && b.contains(">yBefore<")).findFirst().orElseThrow();
            assertEquals(esv2023, href(changeCall, "y"), changeCall);
            assertEquals(esv2013, href(changeCall, "yBefore"), changeCall);
            assertTrue(changeCall.contains("<wps:LiteralData>esv_change<"), changeCall);

            // steps are chained by reference: hot spots of 2019 get the ESV density raster of 2019 as the server's own URL
            String esv2019 = new ObjectMapper().readTree(out.resolve("steps/esv_2019.json").toFile())
                    .at("/outputs/esvPerHa/href").asText();
            assertTrue(esv2019.startsWith(wps.url().replace("/ows", "/result/")), esv2019);
            assertTrue(wps.executeBodies().stream().anyMatch(b -> b.contains("esv:HotSpots") && b.contains(esv2019)));

            // the correction rasters named by correction.* reach esv:Value (by reference to the study files)
            String esvCall = wps.executeBodies().stream().filter(b -> b.contains("esv:Value")).findFirst().orElseThrow();
            for (String input : List.of("npp", "precipitation", "soilConservation", "landUse", "regions")) {
                assertTrue(esvCall.contains("<ows:Identifier>" + input + "</ows:Identifier><wps:Reference"), input + " in\n" + esvCall);
            }
            assertTrue(esvCall.contains("<ows:Identifier>correctionMode</ows:Identifier><wps:Data><wps:LiteralData>PIXEL<"), esvCall);
            // every region set reaches esv:Value for its byRegion table: counties and provinces, each with its fields
            assertEquals(2, esvCall.split("<ows:Identifier>summaryRegions</ows:Identifier><wps:Reference", -1).length - 1, esvCall);
            for (String literal : List.of("summaryRegionSets</ows:Identifier><wps:Data><wps:LiteralData>counties,provinces<",
                    "summaryRegionIdFields</ows:Identifier><wps:Data><wps:LiteralData>county_id,province_id<")) {
                assertTrue(esvCall.contains(literal), literal + " in\n" + esvCall);
            }
            // sensitivity gets the (corrected) byClass table of its own epoch
            String esvByClass2019 = new ObjectMapper().readTree(out.resolve("steps/esv_2019.json").toFile()).at("/outputs/byClass/href").asText();
            assertTrue(wps.executeBodies().stream().anyMatch(b -> b.contains("esv:Sensitivity") && b.contains(esvByClass2019)
                    && b.contains("<wps:LiteralData>2019<")));
            // one transfer-matrix call with the six epochs, oldest first
            String transfer = wps.executeBodies().stream().filter(b -> b.contains("lu:TransferMatrix")).findFirst().orElseThrow();
            assertEquals(1, wps.executions("lu:TransferMatrix"));
            assertEquals(6, transfer.split("<ows:Identifier>landUse</ows:Identifier><wps:Reference", -1).length - 1, transfer);
            assertTrue(transfer.contains("<wps:LiteralData>2013,2015,2017,2019,2021,2023<"), transfer);
            for (String table : List.of("esv_sensitivity", "esv_regions", "lu_dynamic_degree", "transfer_matrix", "lu_transitions")) {
                assertTrue(Files.exists(out.resolve("tables/" + table + ".csv")), table);
            }

            // GDP per capita (derived) is lu:Calc over gdp and population; the composite HAI gets it, both region sets
            // and land-use intensity averaged onto the indicators' grid; the panel gets the regions table of every epoch
            String calc = wps.executeBodies().stream().filter(b -> b.contains("lu:Calc")).findFirst().orElseThrow();
            assertTrue(calc.contains("<ows:Identifier>names</ows:Identifier><wps:Data><wps:LiteralData>gdp,population<"), calc);
            assertEquals(2, count(calc, "<ows:Identifier>rasters</ows:Identifier><wps:Reference"), calc);
            String hai = wps.executeBodies().stream().filter(b -> b.contains("hai:CompositeHai")).findFirst().orElseThrow();
            assertEquals(5, count(hai, "<ows:Identifier>indicators</ows:Identifier><wps:Reference"), hai);
            assertEquals(2, count(hai, "<ows:Identifier>regions</ows:Identifier><wps:Reference"), hai);
            assertTrue(hai.contains("<ows:Identifier>regionSets</ows:Identifier><wps:Data><wps:LiteralData>counties,provinces<"), hai);
            assertTrue(wps.executeBodies().stream().anyMatch(b -> b.contains("lu:AlignGrid")
                    && b.contains("<ows:Identifier>resampling</ows:Identifier><wps:Data><wps:LiteralData>AVERAGE<")));
            String panel = wps.executeBodies().stream().filter(b -> b.contains("hai:HaiPanel")).findFirst().orElseThrow();
            assertEquals(6, count(panel, "<ows:Identifier>tables</ows:Identifier><wps:Reference"), panel);
            assertTrue(panel.contains("<ows:Identifier>normalisation</ows:Identifier><wps:Data><wps:LiteralData>POOLED<"), panel);
            assertTrue(Files.isRegularFile(out.resolve("tables/hai_panel.csv")));
            // the reference mean of the setup step (the fake's 100 + 6 NPP rasters) reaches every esv:Value and esv:Change
            assertTrue(esvCall.contains("<ows:Identifier>nppReferenceMean</ows:Identifier><wps:Data><wps:LiteralData>106<"), esvCall);
            String esvChangeCall = wps.executeBodies().stream().filter(b -> b.contains("esv:Change")).findFirst().orElseThrow();
            for (String input : List.of("nppReferenceMeanBefore", "nppReferenceMeanAfter")) {
                assertTrue(esvChangeCall.contains("<ows:Identifier>" + input + "</ows:Identifier><wps:Data><wps:LiteralData>106<"), esvChangeCall);
            }
            assertTrue(esvChangeCall.contains("<ows:Identifier>nppAfter</ows:Identifier><wps:Reference"), esvChangeCall);

            // the ESV total of every epoch equals the sum over its classes, and every epoch is there once
            List<List<String>> byClass = CsvRows.read(out.resolve("tables/esv_by_class.csv"));
            List<List<String>> totals = CsvRows.read(out.resolve("tables/esv_totals.csv"));
            assertEquals(List.of("epoch", "code", "label", "esv_total"), byClass.get(0));
            Map<String, Long> sums = new LinkedHashMap<>();
            for (List<String> row : byClass.subList(1, byClass.size())) sums.merge(row.get(0), Long.parseLong(row.get(3)), Long::sum);
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), new ArrayList<>(sums.keySet()));
            assertEquals(6, totals.size() - 1);
            for (List<String> row : totals.subList(1, totals.size())) {
                assertEquals(sums.get(row.get(0)), Long.parseLong(row.get(2)), "ESV total of " + row.get(0));
            }

            // the q table has every factor of the manifest in one block per epoch, then the change run
            List<List<String>> q = CsvRows.read(out.resolve("tables/gd_factor.csv"));
            assertEquals(List.of("year", "factor", "q"), q.get(0));
            Map<String, Set<String>> blocks = new LinkedHashMap<>();
            q.stream().skip(1).forEach(r -> blocks.computeIfAbsent(r.get(0), k -> new TreeSet<>()).add(r.get(1)));
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023", "change:2013-2023"), List.copyOf(blocks.keySet()));
            for (Set<String> factors : blocks.values()) {
                assertEquals(new TreeSet<>(List.of("landUse", "dem", "slope", "precipitation", "npp", "population", "gdp", "nightLight")), factors);
            }
            // q over time: factor, year, q, p for each row of the factor table
            List<List<String>> qByYear = CsvRows.read(out.resolve("tables/gd_q_by_year.csv"));
            assertEquals(List.of("factor", "year", "q", "p"), qByYear.get(0));
            assertEquals(q.size(), qByYear.size());
            assertEquals(List.of(q.get(1).get(1), q.get(1).get(0), q.get(1).get(2), ""), qByYear.get(1));

            // layers: one granule per epoch (change: per period end)
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:esv")));
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:landuse")));
            assertEquals(List.of("2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:esv_change")));
            for (String layer : List.of("demo:rsei", "demo:hai", "demo:hotspots")) assertEquals(6, FakeProcesses.PUBLISHED.get(layer).size(), layer);

            // provenance: inputs with their checksums, every step
            JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
            assertEquals(Checksums.compute(manifest.getParent().resolve("landuse/lu_2017.tif")),
                    prov.at("/inputs/landuse~1lu_2017.tif/sha256").asText());
            assertEquals(82, prov.get("steps").size());
            JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
            assertEquals(6, study.get("layers").size());
            // the demo lies in UTM zone 50N between 300 and 780 km east, 4200 and 4650 km north: about 114.6–120.4°E, 37.9–42.0°N
            JsonNode bbox = study.get("bbox");
            assertTrue(bbox.get(0).asDouble() > 114 && bbox.get(2).asDouble() < 121 && bbox.get(1).asDouble() > 37
                    && bbox.get(3).asDouble() < 43, bbox::toString);
            assertTrue(Files.size(out.resolve("report/index.html")) > 1000);
            assertTrue(Files.exists(out.resolve("report/chart.umd.js")));

            // the XLSX workbook holds the same rows, numbers as numbers
            try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                    out.resolve("tables/tables.xlsx").toFile())) {
                org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("esv_by_class");
                assertEquals(byClass.size() - 1, sheet.getLastRowNum());
                assertEquals(Double.parseDouble(byClass.get(5).get(3)), sheet.getRow(5).getCell(3).getNumericCellValue());
                assertEquals(byClass.get(5).get(2), sheet.getRow(5).getCell(2).getStringCellValue());
            }

            // route metrics: the step route saw every step
            JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
            boolean stepRoute = false;
            for (JsonNode m : metrics) {
                if ("step".equals(m.at("/tags/routeId").asText()) && m.has("count") && m.get("count").asLong() == 82) stepRoute = true;
            }
            assertTrue(stepRoute, metrics::toString);
        }
    }

    @Test
    void retriesTransientFailuresAndDeadLettersPermanentOnes() throws Exception {
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path out = dir.resolve("out");
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0);
                StudyPipeline pipeline = StudyPipeline.start(config(wps), PipelineListener.NONE)) {
            wps.busy("esv:Change", 2);
            wps.process("gd:Sample", in -> {
                throw new FakeWps.InvalidInput("factors", "factors: raster 3 has no pixel inside y");
            });
            StudySummary s = pipeline.run(manifest, out);
            assertEquals(5, wps.executions("esv:Change")); // the two ServerBusy answers were retried
            assertEquals(14, s.failed().size(), s.failed()::toString); // sample and detect in 6 epochs and on the change
            assertTrue(s.failed().containsAll(List.of("sample@2013", "detect@2023", "sample_change@2013-2023", "detect_change@2013-2023")),
                    s.failed()::toString);
            JsonNode sample = new ObjectMapper().readTree(out.resolve("failed/sample_2013.json").toFile());
            assertEquals("InvalidParameterValue", sample.get("exceptionCode").asText());
            assertEquals("factors", sample.get("locator").asText());
            assertFalse(sample.get("transient").asBoolean());
            JsonNode detect = new ObjectMapper().readTree(out.resolve("failed/detect_2013.json").toFile());
            assertTrue(detect.get("blocked").asBoolean());
            assertEquals(0, wps.executions("gd:Detect"));
            assertTrue(Files.exists(out.resolve("tables/esv_by_class.csv")), "the rest of the study still completes");
        }
    }

    /** The reference passed as input {@code name} in an Execute body. */
    private static String href(String body, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<ows:Identifier>" + name
                + "</ows:Identifier><wps:Reference[^>]*?href=\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    private static List<String> sorted(List<String> l) {
        synchronized (l) {
            return l.stream().sorted().toList();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
        return n;
    }
}
