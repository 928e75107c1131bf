package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Execution limits: bounded queue, execution time, input pixels; GeoServer's Dismiss and GetExecutions. */
@org.junit.jupiter.api.Tag("hostile")
class LimitsTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder().maxAsyncExecutions(1).maxSyncExecutions(1).maxQueuedExecutions(1)
                .maxExecutionTime(Duration.ofMillis(1500)).maxInputPixels(5_000));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static String slowAsync(int steps, int ms) {
        return "/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow&DataInputs="
                + WpsTest.enc("steps=" + steps + ";stepMillis=" + ms) + "&ResponseDocument=steps&storeExecuteResponse=true&status=true";
    }

    static Document poll(String statusLocation, String until) throws Exception {
        String path = statusLocation.substring(f.server.baseUrl().length());
        for (int i = 0; i < 300; i++) {
            HttpResponse<byte[]> r = f.get(path);
            assertEquals(200, r.statusCode(), Fixture.text(r));
            Document d = WpsTest.dom(r.body());
            if (WpsTest.firstElement(d, until) != null) return d;
            Thread.sleep(20);
        }
        throw new AssertionError("no " + until + " at " + statusLocation);
    }

    @Test
    void fullQueueAnswersServerBusyAndDismissCancels() throws Exception {
        // one running, one queued, the third is refused
        String running = WpsTest.dom(f.get(slowAsync(200, 20)).body()).getDocumentElement().getAttribute("statusLocation");
        String queued = WpsTest.dom(f.get(slowAsync(1, 1)).body()).getDocumentElement().getAttribute("statusLocation");
        HttpResponse<byte[]> busy = f.get(slowAsync(1, 1));
        assertEquals(503, busy.statusCode());
        Schemas.validate(Schemas.wps(), busy.body());
        assertEquals("ServerBusy", WpsTest.firstElement(WpsTest.dom(busy.body()), "Exception").getAttribute("exceptionCode"));

        String executions = Fixture.text(f.get("/ows?service=WPS&request=GetExecutions"));
        assertTrue(executions.contains(running.substring(running.indexOf("executionId=") + 12)), executions);

        String id = running.substring(running.indexOf("executionId=") + 12);
        HttpResponse<byte[]> dismissed = f.get("/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=" + id);
        assertEquals(200, dismissed.statusCode());
        Schemas.validate(Schemas.wps(), dismissed.body());
        assertNotNull(WpsTest.firstElement(WpsTest.dom(dismissed.body()), "ProcessFailed"));
        WpsTest.assertException(f.get("/ows?service=WPS&request=GetExecutionStatus&executionId=" + id),
                "InvalidParameterValue", "executionId");
        // the queued job gets the slot once the running one is dismissed
        poll(queued, "ProcessSucceeded");
    }

    @Test
    void statusAndResultsSurviveARestart() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("wps-store");
        String status;
        String href;
        try (Fixture first = new Fixture(ServerConfig.builder().outputDir(out))) {
            String accepted = Fixture.text(first.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + WpsTest.enc("landUse=@xlink:href=" + first.server.baseUrl()
                    + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse")
                    + "&ResponseDocument=" + WpsTest.enc("areas@asReference=true") + "&storeExecuteResponse=true&status=true"));
            status = WpsTest.dom(accepted.getBytes()).getDocumentElement().getAttribute("statusLocation");
            Document done = LimitsTestSupport.poll(first, status);
            href = WpsTest.firstElement(done, "Reference").getAttribute("href");
            status = status.substring(first.server.baseUrl().length());
            href = href.substring(first.server.baseUrl().length());
        }
        try (Fixture second = new Fixture(ServerConfig.builder().outputDir(out))) {
            HttpResponse<byte[]> s = second.get(status);
            assertEquals(200, s.statusCode());
            assertNotNull(WpsTest.firstElement(WpsTest.dom(s.body()), "ProcessSucceeded"));
            HttpResponse<byte[]> r = second.get(href);
            assertEquals(200, r.statusCode());
            WpsTest.assertQuadrants(WpsTest.areas(Fixture.text(r)));
        } finally {
            org.esvflow.server.wps.OutputStoreTestAccess.delete(out);
        }
    }

    @Test
    void executionsARestartInterruptedAreFailedAndSwept() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("wps-store");
        String status;
        java.nio.file.Path jobDir;
        byte[] running;
        try (Fixture first = new Fixture(ServerConfig.builder().outputDir(out))) {
            status = WpsTest.dom(first.get(slowAsync(500, 10)).body()).getDocumentElement().getAttribute("statusLocation");
            String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
            jobDir = out.resolve(id);
            running = null;
            for (int i = 0; i < 300 && running == null; i++) {
                byte[] doc = java.nio.file.Files.readAllBytes(jobDir.resolve("status.xml"));
                if (WpsTest.firstElement(WpsTest.dom(doc), "ProcessStarted") != null) running = doc;
                else Thread.sleep(20);
            }
            assertNotNull(running, "the execution never reported ProcessStarted");
            status = status.substring(first.server.baseUrl().length());
        }
        // as if the JVM had died mid-run: the last status says started, a half-written output lies beside it
        java.nio.file.Files.write(jobDir.resolve("status.xml"), running);
        java.nio.file.Files.write(jobDir.resolve("steps.json"), "{\"half".getBytes());
        try (Fixture second = new Fixture(ServerConfig.builder().outputDir(out))) {
            HttpResponse<byte[]> s = second.get(status);
            assertEquals(200, s.statusCode());
            Schemas.validate(Schemas.wps(), s.body());
            Element failed = WpsTest.firstElement(WpsTest.dom(s.body()), "ProcessFailed");
            assertNotNull(failed, Fixture.text(s));
            assertTrue(failed.getTextContent().contains("server restarted"), Fixture.text(s));
            try (var files = java.nio.file.Files.list(jobDir)) {
                assertEquals(java.util.List.of("status.xml"), files.map(p -> p.getFileName().toString()).toList(),
                        "the partial output is swept");
            }
        } finally {
            org.esvflow.server.wps.OutputStoreTestAccess.delete(out);
        }
    }

    @Test
    void executionTimeIsLimited() throws Exception {
        HttpResponse<byte[]> r = f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow&DataInputs="
                + WpsTest.enc("steps=300;stepMillis=20") + "&RawDataOutput=steps");
        assertEquals(500, r.statusCode(), "a timed-out execution is the server's limit, not a bad request");
        Element e = WpsTest.firstElement(WpsTest.dom(r.body()), "Exception");
        assertEquals("NoApplicableCode", e.getAttribute("exceptionCode"));
        assertTrue(Fixture.text(r).contains("Timed out"), Fixture.text(r));
    }

    @Test
    void inputPixelsAreLimited() throws Exception {
        // demo:landuse has 100 x 100 = 10 000 pixels, above the 5 000 limit
        WpsTest.assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + WpsTest.enc("landUse=@xlink:href=" + f.server.baseUrl() + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse")
                + "&RawDataOutput=areas"), "InvalidParameterValue", "landUse");
    }
}
