package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertOws;
import static org.esvflow.server.hostile.HardeningSupport.dom;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.esvflow.server.hostile.HardeningSupport.executionId;
import static org.esvflow.server.hostile.HardeningSupport.firstElement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.wps.OutputStoreTestAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 14, item 5: the state a {@code kill -9} leaves in the output store — a status document saying
 * ProcessStarted, decoded inputs ({@code <input><n>.in}) and a half-written output — and a restart on it.
 */
@Tag("hostile")
class CrashRecoveryHostileTest {
    static final byte[] SECRET = "raw input bytes a client sent".getBytes(StandardCharsets.UTF_8);

    static Document poll(Fixture f, String statusLocation, String until) throws Exception {
        String path = statusLocation.substring(f.server.baseUrl().length());
        for (int i = 0; i < 500; i++) {
            Document d = dom(f.get(path).body());
            if (firstElement(d, until) != null) return d;
            if (firstElement(d, "ProcessFailed") != null) throw new AssertionError("failed: " + statusLocation);
            Thread.sleep(20);
        }
        throw new AssertionError("no " + until + " at " + statusLocation);
    }

    @Test
    void killedExecutionsFailAfterRestartAndNeverServeTheirInputs() throws Exception {
        Path out = Files.createTempDirectory("wps-store");
        String runningId;
        String doneId;
        String areasHref;
        byte[] areas;
        try (Fixture first = new Fixture(ServerConfig.builder().outputDir(out))) {
            // a finished execution with its output stored by reference
            String accepted = Fixture.text(first.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + enc("landUse=@xlink:href=" + first.server.baseUrl()
                    + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse")
                    + "&ResponseDocument=" + enc("areas@asReference=true") + "&storeExecuteResponse=true&status=true"));
            String status = dom(accepted.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getAttribute("statusLocation");
            doneId = executionId(status);
            Document done = poll(first, status, "ProcessSucceeded");
            areasHref = firstElement(done, "Reference").getAttribute("href").substring(first.server.baseUrl().length());
            areas = first.get(areasHref).body();
            // a running one: its status document on disk says ProcessStarted
            String slow = Fixture.text(first.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=test:Slow"
                    + "&DataInputs=" + enc("steps=500;stepMillis=10") + "&ResponseDocument=steps&storeExecuteResponse=true&status=true"));
            String slowStatus = dom(slow.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getAttribute("statusLocation");
            runningId = executionId(slowStatus);
            poll(first, slowStatus, "ProcessStarted");
        }
        // what the killed JVM left: ProcessStarted, decoded inputs beside both executions, half an output
        Path running = out.resolve(runningId);
        Path finished = out.resolve(doneId);
        String startedDoc = new String(Files.readAllBytes(running.resolve("status.xml")), StandardCharsets.UTF_8);
        if (!startedDoc.contains("ProcessStarted")) { // the clean stop of the first server marked it failed
            startedDoc = startedDoc.replaceAll("(?s)<wps:ProcessFailed>.*</wps:ProcessFailed>",
                    "<wps:ProcessStarted percentCompleted=\"40\">Process started</wps:ProcessStarted>");
        }
        assertTrue(startedDoc.contains("ProcessStarted"), startedDoc);
        Files.writeString(running.resolve("status.xml"), startedDoc);
        Files.write(running.resolve("landUse4711.in"), SECRET);
        Files.write(running.resolve("steps.json"), "{\"ha".getBytes(StandardCharsets.UTF_8));
        Files.write(finished.resolve("landUse0815.in"), SECRET);

        try (Fixture second = new Fixture(ServerConfig.builder().outputDir(out))) {
            // the interrupted execution: ProcessFailed saying why, its files swept but the status
            HttpResponse<byte[]> s = second.get("/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + runningId);
            assertEquals(200, s.statusCode());
            Element failed = firstElement(dom(s.body()), "ProcessFailed");
            assertNotNull(failed, Fixture.text(s));
            assertTrue(failed.getTextContent().contains("server restarted"), Fixture.text(s));
            assertEquals(List.of("status.xml"), list(running));
            // the finished execution: its output is served as before, its raw input never
            assertArrayEquals(areas, second.get(areasHref).body());
            assertEquals(List.of("areas.csv", "status.xml"), list(finished), "the decoded input is swept on start");
            Files.write(finished.resolve("landUse0816.in"), SECRET); // even if one were there
            HttpResponse<byte[]> leak = second.get("/ows?service=WPS&version=1.0.0&request=GetExecutionResult&executionId="
                    + doneId + "&outputId=landUse0816.in");
            assertFalse(new String(leak.body(), StandardCharsets.UTF_8).contains("raw input bytes"));
            assertOws(leak, 400, "InvalidParameterValue", "executionId");
            // Dismiss works on both: the running one's document says dismissed, the directories go
            HttpResponse<byte[]> d = second.get("/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=" + runningId);
            assertEquals(200, d.statusCode(), Fixture.text(d));
            assertTrue(Fixture.text(d).contains("dismissed"), Fixture.text(d));
            assertFalse(Files.exists(running));
            assertEquals(200, second.get("/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=" + doneId).statusCode());
            assertFalse(Files.exists(finished));
            // a second Dismiss says clearly that the id is unknown
            assertOws(second.get("/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=" + runningId),
                    400, "InvalidParameterValue", "executionId");
        } finally {
            OutputStoreTestAccess.delete(out);
        }
    }

    static List<String> list(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
