package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.esvflow.routes.testing.Chromium;
import org.esvflow.routes.testing.CsvRows;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report is complete in its folder: run the demo through the fake WPS and WMS, stop them, copy only
 * {@code report/} elsewhere (into a path with a space), open it from the file system in headless Chromium, and
 * every image is loaded, every request stays inside the copied folder (DevTools performance log), the charts are
 * drawn, the numbers are formatted and the Methods section is there.
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void opensFromACopiedFolderWithTheServerStopped() throws Exception {
        Chromium.assumeInstalled();
        Path manifest = DemoStudies.small(dir.resolve("study"));
        Path out = dir.resolve("out");
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0);
                StudyPipeline pipeline = StudyPipeline.start(StudyPipelineTest.config(wps), PipelineListener.NONE)) {
            assertTrue(pipeline.run(manifest, out).succeeded());
        } // the map server and the pipeline are stopped from here on

        Path copy = dir.resolve("elsewhere").resolve("sent report");
        copyTree(out.resolve("report"), copy);
        JsonNode study = new ObjectMapper().readTree(out.resolve("study.json").toFile());
        int expectedImages = 0;
        for (JsonNode layer : study.get("layers")) expectedImages += Math.max(1, layer.get("times").size()) + 1; // + legend
        assertEquals(5 * 6 + 5 + 6, expectedImages, "5 layers of 6 epochs, esv_change of 5 periods, 6 legends");

        ChromeDriver browser = Chromium.start(dir.resolve("chromium-profile"));
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            JavascriptExecutor js = browser;
            String base = copy.toUri().toString();
            browser.manage().logs().get(LogType.PERFORMANCE); // drained: the browser's own start page is not the report's
            browser.get(base + "index.html");
            wait.until(d -> Boolean.TRUE.equals(js.executeScript("return document.readyState === 'complete'"
                    + " && Array.from(document.querySelectorAll('img[src]')).every(i => i.complete);")));

            // every map and legend drawn from its file
            assertEquals((long) expectedImages, js.executeScript("return document.querySelectorAll('img[src]').length"));
            assertEquals(List.of(), js.executeScript("return Array.from(document.querySelectorAll('img[src]'))"
                    + ".filter(i => !(i.naturalWidth > 0)).map(i => i.src);"), "images not loaded");
            assertTrue((Boolean) js.executeScript("return Array.from(document.querySelectorAll('img.map'))"
                    + ".every(i => i.src.startsWith(arguments[0] + 'maps/'));", base));

            // download links to the tables' files inside the folder
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) js.executeScript("return Array.from(document.querySelectorAll('a[href$=\".csv\"], a[href$=\".xlsx\"]')).map(a => a.href);");
            assertTrue(links.size() > 10, links::toString);
            for (String link : links) {
                assertTrue(link.startsWith(base + "tables/") && Files.isRegularFile(Path.of(java.net.URI.create(link))), link);
            }

            // charts by the local Chart.js
            for (String canvas : List.of("esv-chart", "decomposition-chart", "sensitivity-chart", "hai-chart", "q-time-chart")) {
                assertEquals(Boolean.TRUE, js.executeScript("return typeof Chart !== 'undefined'"
                        + " && Chart.getChart(document.getElementById(arguments[0])) !== undefined", canvas), canvas);
            }

            // numbers for reading: the first ESV total of the CSV with thousands separators (Java's %,d), unit in the header
            List<List<String>> byClass = CsvRows.read(out.resolve("tables/esv_by_class.csv"));
            long first = Long.parseLong(byClass.get(1).get(byClass.get(0).indexOf("esv_total")));
            assertTrue(first >= 1000, "the fake's totals are large enough to be grouped: " + first);
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) js.executeScript("const h = Array.from(document.querySelectorAll('#tables h3'))"
                    + ".find(x => x.textContent === 'esv_by_class.csv'); const t = h.nextElementSibling;"
                    + "const c = Array.from(t.rows[0].cells).findIndex(x => x.textContent.startsWith('esv_total'));"
                    + "return [t.rows[0].cells[c].textContent, t.rows[1].cells[c].textContent];");
            assertEquals(List.of("esv_total (CNY/yr)", String.format(Locale.ROOT, "%,d", first)), shown);

            // the generated Methods and conventions section, with one provenance row per input
            JsonNode provenance = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
            assertEquals("Methods and conventions", js.executeScript("return document.getElementById('methods').textContent"));
            assertEquals((long) provenance.get("inputs").size() + 1,
                    js.executeScript("return document.querySelector('table.provenance').rows.length"));
            assertTrue((Long) js.executeScript("return document.querySelectorAll('table.coefficients tr').length") > 1);

            // no request beyond the copied folder: every request the browser logs, whatever page made it, except the
            // browser's own chrome:// pages (its start page) that the report did not ask for
            List<String> requests = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE).getAll()) {
                JsonNode message = json.readTree(e.getMessage()).get("message");
                if (!message.get("method").asText().equals("Network.requestWillBeSent")) continue;
                String url = message.at("/params/request/url").asText();
                boolean fromReport = message.at("/params/documentURL").asText().startsWith(base);
                if (fromReport || !url.startsWith("chrome://")) requests.add(url);
            }
            assertTrue(requests.contains(base + "chart.umd.js"), requests::toString);
            assertEquals(List.of(), requests.stream().filter(u -> !u.startsWith(base) && !u.startsWith("data:")).toList(),
                    "requests beyond the report folder");

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
        } finally {
            browser.quit();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }
}
