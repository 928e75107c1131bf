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
import org.esvflow.routes.report.CsvText;
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
            // correction + 6 epochs × (landuse, esv, rsei, lui, lui_aligned, hai, hotspots) + 5 periods × (change, transfer)
            // + sample, detect
            assertEquals(1 + 6 * 7 + 5 * 2 + 2, s.executed());
            assertEquals(0, s.skipped());
            assertEquals(55, events.size());
            assertEquals(6, wps.executions("esv:Value"));
            assertEquals(5, wps.executions("esv:Change"));
            assertEquals(1, wps.executions("gd:Detect"));

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
            // the reference mean of the setup step (the fake's 100 + 6 NPP rasters) reaches every esv:Value and esv:Change
            assertTrue(esvCall.contains("<ows:Identifier>nppReferenceMean</ows:Identifier><wps:Data><wps:LiteralData>106<"), esvCall);
            String changeCall = wps.executeBodies().stream().filter(b -> b.contains("esv:Change")).findFirst().orElseThrow();
            for (String input : List.of("nppReferenceMeanBefore", "nppReferenceMeanAfter")) {
                assertTrue(changeCall.contains("<ows:Identifier>" + input + "</ows:Identifier><wps:Data><wps:LiteralData>106<"), changeCall);
            }
            assertTrue(changeCall.contains("<ows:Identifier>nppAfter</ows:Identifier><wps:Reference"), changeCall);

            // the ESV total of every epoch equals the sum over its classes, and every epoch is there once
            List<List<String>> byClass = CsvText.read(out.resolve("tables/esv_by_class.csv"));
            List<List<String>> totals = CsvText.read(out.resolve("tables/esv_totals.csv"));
            assertEquals(List.of("epoch", "code", "label", "esv_total"), byClass.get(0));
            Map<String, Long> sums = new LinkedHashMap<>();
            for (List<String> row : byClass.subList(1, byClass.size())) sums.merge(row.get(0), Long.parseLong(row.get(3)), Long::sum);
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), new ArrayList<>(sums.keySet()));
            assertEquals(6, totals.size() - 1);
            for (List<String> row : totals.subList(1, totals.size())) {
                assertEquals(sums.get(row.get(0)), Long.parseLong(row.get(2)), "ESV total of " + row.get(0));
            }

            // the q table has every factor of the manifest
            Set<String> factors = new TreeSet<>();
            CsvText.read(out.resolve("tables/gd_factor.csv")).stream().skip(1).forEach(r -> factors.add(r.get(0)));
            assertEquals(new TreeSet<>(List.of("landUse", "dem", "slope", "precipitation", "npp", "population", "gdp", "nightLight")), factors);

            // layers: one granule per epoch (change: per period end)
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:esv")));
            assertEquals(List.of("2013", "2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:landuse")));
            assertEquals(List.of("2015", "2017", "2019", "2021", "2023"), sorted(FakeProcesses.PUBLISHED.get("demo:esv_change")));
            for (String layer : List.of("demo:rsei", "demo:hai", "demo:hotspots")) assertEquals(6, FakeProcesses.PUBLISHED.get(layer).size(), layer);

            // provenance: inputs with their checksums, every step
            JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
            assertEquals(Checksums.compute(manifest.getParent().resolve("landuse/lu_2017.tif")),
                    prov.at("/inputs/landuse~1lu_2017.tif/sha256").asText());
            assertEquals(55, prov.get("steps").size());
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
                if ("step".equals(m.at("/tags/routeId").asText()) && m.has("count") && m.get("count").asLong() == 55) stepRoute = true;
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
            assertEquals(List.of("sample@study", "detect@study"), s.failed());
            JsonNode sample = new ObjectMapper().readTree(out.resolve("failed/sample_study.json").toFile());
            assertEquals("InvalidParameterValue", sample.get("exceptionCode").asText());
            assertEquals("factors", sample.get("locator").asText());
            assertFalse(sample.get("transient").asBoolean());
            JsonNode detect = new ObjectMapper().readTree(out.resolve("failed/detect_study.json").toFile());
            assertTrue(detect.get("blocked").asBoolean());
            assertEquals(0, wps.executions("gd:Detect"));
            assertTrue(Files.exists(out.resolve("tables/esv_by_class.csv")), "the rest of the study still completes");
        }
    }

    private static List<String> sorted(List<String> l) {
        synchronized (l) {
            return l.stream().sorted().toList();
        }
    }
}
