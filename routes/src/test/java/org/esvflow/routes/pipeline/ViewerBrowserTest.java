package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.esvflow.routes.testing.Chromium;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web viewer in headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): it shows the
 * study's layers, switches layer and epoch (new WMS tiles with the other TIME), loads the legend, answers a click
 * with GetFeatureInfo, and logs no console error. The map server here is the fake WMS; the study is the demo run
 * through the fake WPS.
 */
class ViewerBrowserTest {
    @TempDir
    Path dir;

    @Test
    void switchesLayerAndEpochWithoutConsoleErrors() throws Exception {
        Chromium.assumeInstalled();
        Path manifest = DemoStudies.small(dir.resolve("study"));
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0);
                StudyPipeline pipeline = StudyPipeline.start(StudyPipelineTest.config(wps), PipelineListener.NONE)) {
            pipeline.files().serveViewer(wps.url());
            assertTrue(pipeline.run(manifest, dir.resolve("out")).succeeded());

            ChromeDriver browser = Chromium.start(dir.resolve("chromium-profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                JavascriptExecutor js = browser;
                browser.get(pipeline.files().viewerUrl());
                wait.until(d -> "true".equals(js.executeScript("return document.body.dataset.ready || ''")));
                assertEquals(6L, js.executeScript("return document.querySelectorAll('#layers input').length"));
                waitForTiles(wait, js);
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "const l = document.getElementById('legend'); return l.complete && l.naturalWidth > 0;")));
                assertTrue(wps.wmsRequests().stream().anyMatch(q -> q.contains("layers=demo:landuse") && q.contains("time=2023")),
                        "the first layer is shown at the last epoch");

                // another layer
                browser.findElement(By.id("layer-rsei")).click();
                waitForTiles(wait, js);
                wait.until(d -> wps.wmsRequests().stream().anyMatch(q -> q.contains("layers=demo:rsei") && q.contains("time=2023")));
                wait.until(d -> String.valueOf(js.executeScript("return document.getElementById('legend').src")).contains("layer=demo%3Arsei"));

                // another epoch
                js.executeScript("const s = document.getElementById('epoch'); s.value = 0; s.dispatchEvent(new Event('input'));");
                assertEquals("2013", browser.findElement(By.id("epoch-label")).getText());
                wait.until(d -> wps.wmsRequests().stream().anyMatch(q -> q.contains("layers=demo:rsei") && q.contains("time=2013")));
                waitForTiles(wait, js);

                // a value on click
                browser.findElement(By.id("map")).click();
                wait.until(d -> browser.findElement(By.id("info")).getText().contains("42.0"));

                // charts and tables from the collected tables
                assertTrue((Long) js.executeScript("return document.querySelectorAll('#tables table').length") >= 10);
                assertEquals(Boolean.TRUE, js.executeScript("return Chart.getChart(document.getElementById('esv-chart')) !== undefined"));

                // the new tables' charts
                for (String canvas : List.of("decomposition-chart", "sensitivity-chart", "hai-chart", "q-time-chart")) {
                    assertEquals(Boolean.TRUE, js.executeScript("return Chart.getChart(document.getElementById(arguments[0])) !== undefined",
                            canvas), canvas);
                }

                // two-epoch swipe: the first epoch in the compare pane, clipped left of the divide at 30 % of the map
                assertEquals(Boolean.FALSE, js.executeScript("return document.getElementById('compare').checked"));
                js.executeScript("const c = document.getElementById('compare'); c.checked = true; c.dispatchEvent(new Event('change'));"
                        + "const s = document.getElementById('swipe'); s.value = 30; s.dispatchEvent(new Event('input'));");
                wait.until(d -> (Long) js.executeScript("return document.querySelectorAll('.leaflet-compare-pane img.leaflet-tile-loaded').length") > 0);
                assertTrue(wps.wmsRequests().stream().anyMatch(q -> q.contains("layers=demo:rsei") && q.contains("time=2013")));
                // clip: rect(top, right, bottom, left) in pane coordinates; right − left = 0.3 × the map's width in pixels
                @SuppressWarnings("unchecked")
                List<Object> clip = (List<Object>) js.executeScript("const m = /rect\\(([-\\d.]+)px,? ([-\\d.]+)px,? ([-\\d.]+)px,? ([-\\d.]+)px\\)/"
                        + ".exec(document.querySelector('.leaflet-compare-pane').style.clip);"
                        + "return [Number(m[2]) - Number(m[4]), document.getElementById('map').clientWidth];");
                assertEquals(0.3 * ((Number) clip.get(1)).doubleValue(), ((Number) clip.get(0)).doubleValue(), 0.5, clip::toString);

                // no basemap unless asked: no request left the machine
                assertEquals(Boolean.FALSE, js.executeScript("return document.getElementById('basemap').checked"));
                assertEquals(0L, js.executeScript("return performance.getEntriesByType('resource')"
                        + ".filter(e => !e.name.startsWith(location.origin) && !e.name.startsWith(arguments[0])).length", wps.url()));

                List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");

                // the basemap when asked: OpenStreetMap tiles under the layers (not loaded here, the test has no internet),
                // gone again when turned off
                js.executeScript("const b = document.getElementById('basemap'); b.checked = true; b.dispatchEvent(new Event('change'));");
                wait.until(d -> (Long) js.executeScript("return document.querySelectorAll('img.leaflet-tile[src^=\"https://tile.openstreetmap.org/\"]').length") > 0);
                js.executeScript("const b = document.getElementById('basemap'); b.checked = false; b.dispatchEvent(new Event('change'));");
                assertEquals(0L, js.executeScript("return document.querySelectorAll('img.leaflet-tile[src*=\"openstreetmap\"]').length"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void waitForTiles(WebDriverWait wait, JavascriptExecutor js) {
        wait.until(d -> (Long) js.executeScript("return document.querySelectorAll('img.leaflet-tile-loaded').length") > 0
                && (Long) js.executeScript("return document.querySelectorAll('img.leaflet-tile:not(.leaflet-tile-loaded)').length") == 0);
    }

}
