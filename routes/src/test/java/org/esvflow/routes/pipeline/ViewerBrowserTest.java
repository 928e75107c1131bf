package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.esvflow.routes.testing.DemoStudies;
import org.esvflow.routes.testing.FakeProcesses;
import org.esvflow.routes.testing.FakeWps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web viewer in headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): it shows the
 * study's layers, switches layer and epoch (new WMS tiles with the other TIME), loads the legend, answers a click
 * with GetFeatureInfo, and logs no console error. The map server here is the fake WMS; the study is the demo run
 * through the fake WPS.
 */
class ViewerBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void switchesLayerAndEpochWithoutConsoleErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian chromium and chromium-driver are not installed");
        Path manifest = DemoStudies.small(dir.resolve("study"));
        try (FakeWps wps = FakeProcesses.register(new FakeWps(), 0);
                StudyPipeline pipeline = StudyPipeline.start(StudyPipelineTest.config(wps), PipelineListener.NONE)) {
            pipeline.files().serveViewer(wps.url());
            assertTrue(pipeline.run(manifest, dir.resolve("out")).succeeded());

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + dir.resolve("chromium-profile"));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver browser = new ChromeDriver(service, options);
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

                List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList(), "console errors");
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
