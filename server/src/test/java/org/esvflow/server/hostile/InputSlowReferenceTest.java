package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.InputSupport.assertReport;
import static org.esvflow.server.hostile.HardeningSupport.dom;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.esvflow.server.hostile.HardeningSupport.firstElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.esvflow.server.InputLimits;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/**
 * Remote references that never end: a server trickling one byte every few seconds, one trickling fast but forever,
 * one pouring bytes without end. The download has an idle timeout and a total deadline, Dismiss and the execution
 * time limit close the connection, and a failed download's partial file is deleted at once.
 */
@Tag("hostile")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails, it does not stall the suite
class InputSlowReferenceTest {
    static HttpServer remote;
    static String prefix;
    /** Connections of the remote server still being written to. */
    static final AtomicInteger open = new AtomicInteger();
    /** Counted down by every trickle handler once it has sent its first byte. */
    static volatile CountDownLatch sending = new CountDownLatch(1);

    @BeforeAll
    static void startRemote() throws Exception {
        remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "remote");
            t.setDaemon(true);
            return t;
        }));
        // /data/trickle/<ms>: a TIFF header, then one byte every <ms> ms, without end
        remote.createContext("/data/trickle/", x -> {
            long ms = Long.parseLong(x.getRequestURI().getPath().replaceAll(".*/", "").replace(".tif", ""));
            stream(x, new byte[] {'I', 'I', 42, 0}, 1, ms);
        });
        // /data/endless.tif: 64 KB chunks as fast as the client takes them
        remote.createContext("/data/endless.tif", x -> stream(x, new byte[] {'I', 'I', 42, 0}, 65536, 0));
        remote.start();
        prefix = "http://127.0.0.1:" + remote.getAddress().getPort() + "/data/";
    }

    private static void stream(com.sun.net.httpserver.HttpExchange x, byte[] head, int chunk, long ms) throws IOException {
        open.incrementAndGet();
        try {
            x.getResponseHeaders().add("Content-Type", "image/tiff");
            x.sendResponseHeaders(200, 0);
            OutputStream out = x.getResponseBody();
            out.write(head);
            out.flush();
            sending.countDown();
            byte[] bytes = new byte[chunk];
            while (true) {
                if (ms > 0) Thread.sleep(ms);
                out.write(bytes);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client closed the connection: what the tests wait for
        } finally {
            open.decrementAndGet();
            x.close();
        }
    }

    @AfterAll
    static void stopRemote() {
        remote.stop(0);
    }

    static Fixture fixture(InputLimits limits, ServerConfig.Builder b) throws Exception {
        return new Fixture(b.allowRemoteInputs(prefix).inputLimits(limits));
    }

    static String execute(String file, boolean async) {
        return "/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + enc("landUse=@xlink:href=" + prefix + file + "@mimeType=image/tiff")
                + (async ? "&ResponseDocument=areas&storeExecuteResponse=true&status=true" : "&RawDataOutput=areas");
    }

    /** Waits until no connection of the remote server is open any more; false after {@code millis}. */
    static boolean remoteClosed(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (open.get() == 0) return true;
            Thread.sleep(20);
        }
        return open.get() == 0;
    }

    static Document poll(Fixture f, String statusLocation, int seconds) throws Exception {
        String path = statusLocation.substring(f.server.baseUrl().length());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            Document d = dom(f.get(path).body());
            if (firstElement(d, "ProcessFailed") != null || firstElement(d, "ProcessSucceeded") != null) return d;
            Thread.sleep(50);
        }
        throw new AssertionError("not finished after " + seconds + " s: " + statusLocation);
    }

    static List<String> files(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReferenceSilentLongerThanTheIdleTimeoutIsCutOff() throws Exception {
        try (Fixture f = fixture(InputLimits.DEFAULT.withReferenceTimeouts(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                ServerConfig.builder())) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = InputSupport.get(f, execute("trickle/3000.tif", false), 30);
            var e = assertReport(r, 400, "InvalidParameterValue", "landUse");
            assertTrue(e.getTextContent().contains("sent nothing"), e.getTextContent());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
            assertTrue(remoteClosed(5000), "the connection to the remote server is closed");
        }
    }

    @Test
    void aReferenceTricklingPastTheDeadlineIsCutOffAndItsPartialFileDeleted() throws Exception {
        try (Fixture f = fixture(InputLimits.DEFAULT.withReferenceTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(2)),
                ServerConfig.builder())) {
            HttpResponse<byte[]> accepted = InputSupport.get(f, execute("trickle/100.tif", true), 30);
            String status = dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
            Document d = poll(f, status, 20);
            var e = firstElement(d, "Exception");
            assertNotNull(e, "failed");
            assertEquals("landUse", e.getAttribute("locator"));
            assertTrue(e.getTextContent().contains("within 2 s"), e.getTextContent());
            String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
            assertEquals(List.of("status.xml"), files(f.dir.resolve("temp/wps").resolve(id)), "no partial input kept");
            assertTrue(remoteClosed(5000), "the connection to the remote server is closed");
        }
    }

    @Test
    void anEndlessReferenceFailsAtTheSizeLimitWithoutAPartialFile() throws Exception {
        try (Fixture f = fixture(InputLimits.DEFAULT, ServerConfig.builder().maxInputBytes(1 << 20))) {
            HttpResponse<byte[]> sync = InputSupport.get(f, execute("endless.tif", false), 30);
            assertReport(sync, 413, "FileSizeExceeded", "landUse");
            HttpResponse<byte[]> accepted = InputSupport.get(f, execute("endless.tif", true), 30);
            String status = dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
            Document d = poll(f, status, 20);
            assertEquals("FileSizeExceeded", firstElement(d, "Exception").getAttribute("exceptionCode"));
            String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
            assertEquals(List.of("status.xml"), files(f.dir.resolve("temp/wps").resolve(id)), "no partial input kept");
            assertTrue(remoteClosed(5000), "the connection to the remote server is closed");
        }
    }

    @Test
    void dismissClosesTheStreamAndFreesTheSlot() throws Exception {
        try (Fixture f = fixture(InputLimits.DEFAULT, ServerConfig.builder().maxAsyncExecutions(1).maxQueuedExecutions(2))) {
            sending = new CountDownLatch(1);
            HttpResponse<byte[]> accepted = InputSupport.get(f, execute("trickle/500.tif", true), 30);
            String status = dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
            assertTrue(sending.await(10, TimeUnit.SECONDS), "the download started");
            String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
            HttpResponse<byte[]> dismissed = InputSupport.get(f, "/ows?service=WPS&version=1.0.0&request=Dismiss&executionId=" + id, 30);
            assertEquals(200, dismissed.statusCode(), Fixture.text(dismissed));
            assertTrue(remoteClosed(3000), "Dismiss closes the connection to the remote server");
            // the only async slot is free: the next execution runs (4 quadrants of 2 500 pixels of 0.09 ha)
            HttpResponse<byte[]> next = InputSupport.get(f, "/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + enc("landUse=@xlink:href=" + f.server.baseUrl()
                    + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse")
                    + "&ResponseDocument=areas&storeExecuteResponse=true&status=true", 30);
            Document done = poll(f, dom(next.body()).getDocumentElement().getAttribute("statusLocation"), 20);
            assertNotNull(firstElement(done, "ProcessSucceeded"), "the slot was freed");
            assertTrue(done.getDocumentElement().getTextContent().contains("225"), "quadrant areas of 225 ha");
        }
    }

    @Test
    void theExecutionTimeLimitClosesTheStream() throws Exception {
        try (Fixture f = fixture(InputLimits.DEFAULT, ServerConfig.builder().maxExecutionTime(Duration.ofMillis(1500)))) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = InputSupport.get(f, execute("trickle/200.tif", false), 30);
            assertEquals(500, r.statusCode(), Fixture.text(r));
            assertTrue(Fixture.text(r).contains("Timed out"), Fixture.text(r));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
            assertTrue(remoteClosed(3000), "the time limit closes the connection to the remote server");
        }
    }
}
