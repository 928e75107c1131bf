package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.InputSupport.assertReport;
import static org.esvflow.server.hostile.HardeningSupport.dom;
import static org.esvflow.server.hostile.HardeningSupport.firstElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/**
 * XML bodies built to exhaust memory: 15 million empty elements in 60 MB, elements nested 100 000 deep, a chunked
 * body of 200 MB. Each gets an exception report (400 or 413), and the server answers normally afterwards; inline
 * ComplexData is spooled to disk and still read; the XXE family stays refused.
 */
@Tag("hostile")
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails, it does not stall the suite
class InputXmlExhaustionTest {
    static Fixture f;
    static final String EXECUTE_HEAD = "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\""
            + " xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>lu:ClassArea</ows:Identifier><wps:DataInputs>";

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder()); // the default 64 MiB body limit
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    /** GetCapabilities and a small Execute still work: 4 quadrants of 2 500 pixels of 0.09 ha. */
    static void assertUnharmed() throws Exception {
        HttpResponse<byte[]> caps = InputSupport.get(f, "/ows?service=WPS&request=GetCapabilities", 30);
        assertEquals(200, caps.statusCode());
        HttpResponse<byte[]> ok = InputSupport.get(f, "/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                + "&DataInputs=" + HardeningSupport.enc("landUse=@xlink:href=" + f.server.baseUrl()
                + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse") + "&RawDataOutput=areas", 60);
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        assertTrue(Fixture.text(ok).contains(",8,2500,225.0"), Fixture.text(ok));
    }

    /** Bytes allocated so far by the live threads of this JVM (the server runs in it). */
    static long allocatedBytes() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) sum += Math.max(0, a);
        return sum;
    }

    static HttpResponse<byte[]> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(URI.create(f.server.localUrl() + "/ows")).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "text/xml").POST(body).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void fifteenMillionEmptyElementsAreRefused() throws Exception {
        String xml = EXECUTE_HEAD + "<a/>".repeat(15_000_000) + "</wps:DataInputs></wps:Execute>";
        byte[] body = xml.getBytes(StandardCharsets.US_ASCII);
        xml = null;
        assertTrue(body.length > 60_000_000 && body.length < 64 << 20, body.length + " bytes, under the body limit");
        long before = allocatedBytes();
        var e = assertReport(post(HttpRequest.BodyPublishers.ofByteArray(body)), 400, "NoApplicableCode", "request");
        long allocated = allocatedBytes() - before;
        assertTrue(e.getTextContent().contains("100000 XML elements"), e.getTextContent());
        // a DOM of 15 M elements allocates gigabytes; streaming the 60 MB through buffers allocates about its size
        assertTrue(allocated < 600L << 20, "the JVM's threads allocated " + (allocated >> 20) + " MiB for the request");
        assertUnharmed();
    }

    @Test
    void elementsNested100000DeepAreRefused() throws Exception {
        String xml = EXECUTE_HEAD + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</wps:DataInputs></wps:Execute>";
        var e = assertReport(f.postXml(xml), 400, "NoApplicableCode", "request");
        assertTrue(e.getTextContent().contains("deeper than 64"), e.getTextContent());
        assertUnharmed();
    }

    /**
     * 200 MB sent chunked (no Content-Length) against the 64 MiB limit by a client that writes its whole body before
     * reading the answer (as Python's urllib and requests do): a 413 report, not a connection reset mid-body.
     */
    @Test
    void aChunked200MegabyteBodyGetsA413Report() throws Exception {
        URI uri = URI.create(f.server.localUrl());
        try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(60_000);
            java.io.OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            out.write(("POST /ows HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\nContent-Type: text/xml\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 16];
            java.util.Arrays.fill(chunk, (byte) ' ');
            byte[] head = EXECUTE_HEAD.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, chunk, 0, head.length);
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 3200; i++) { // 3 200 × 64 KiB = 200 MiB
                out.write(size);
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                if (i == 0) java.util.Arrays.fill(chunk, 0, head.length, (byte) ' ');
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = s.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 413"), text);
            byte[] report = text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
            assertTrue(new String(report, StandardCharsets.UTF_8).contains("exceptionCode=\"FileSizeExceeded\""), text);
        }
        assertUnharmed();
    }

    @Test
    void inlineComplexDataIsSpooledIntoTheExecutionAndRead() throws Exception {
        byte[] bytes = Fixture.landUseTiff();
        // base64 broken into lines of 76 characters, as MIME writers do
        String b64 = Base64.getMimeEncoder().encodeToString(bytes);
        String xml = EXECUTE_HEAD + "<wps:Input><ows:Identifier>landUse</ows:Identifier><wps:Data>"
                + "<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">\n" + b64 + "\n</wps:ComplexData></wps:Data></wps:Input>"
                + "</wps:DataInputs><wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\">"
                + "<wps:Output><ows:Identifier>areas</ows:Identifier></wps:Output></wps:ResponseDocument></wps:ResponseForm></wps:Execute>";
        HttpResponse<byte[]> accepted = f.postXml(xml);
        assertEquals(200, accepted.statusCode(), Fixture.text(accepted));
        String status = dom(accepted.body()).getDocumentElement().getAttribute("statusLocation");
        Document done = null;
        for (int i = 0; i < 500 && done == null; i++) {
            Document d = dom(f.get(status.substring(f.server.baseUrl().length())).body());
            if (firstElement(d, "ProcessSucceeded") != null || firstElement(d, "ProcessFailed") != null) done = d;
            else Thread.sleep(20);
        }
        assertNotNull(done);
        assertNotNull(firstElement(done, "ProcessSucceeded"), done.getDocumentElement().getTextContent());
        assertTrue(done.getDocumentElement().getTextContent().contains(",5,2500,225.0"));
        String id = status.substring(status.indexOf("executionId=") + "executionId=".length());
        Path jobDir = f.dir.resolve("temp/wps").resolve(id);
        Path spooled;
        try (var files = Files.list(jobDir)) {
            // adopted under the input's name, as the resolver names the inputs it writes
            spooled = files.filter(p -> p.getFileName().toString().matches("landUse[0-9]+\\.in")).findFirst().orElseThrow();
        }
        assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(spooled)), "the spooled input is the decoded TIFF");
        try (var left = Files.list(f.dir.resolve("temp/wps/spool"))) {
            assertEquals(List.of(), left.toList(), "the request's spool directory is gone");
        }
    }

    @Test
    void aComplexDataOverTheInputLimitIs413NamingTheInput() throws Exception {
        try (Fixture small = new Fixture(ServerConfig.builder().maxInputBytes(1 << 20))) {
            String b64 = Base64.getEncoder().encodeToString(new byte[3 << 20]);
            String xml = EXECUTE_HEAD + "<wps:Input><ows:Identifier>landUse</ows:Identifier><wps:Data>"
                    + "<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">" + b64 + "</wps:ComplexData></wps:Data></wps:Input>"
                    + "</wps:DataInputs></wps:Execute>";
            assertReport(small.postXml(xml), 413, "FileSizeExceeded", "landUse");
        }
    }

    @Test
    void theXxeFamilyStaysRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + EXECUTE_HEAD.replace("lu:ClassArea", "&x;") + "</wps:DataInputs></wps:Execute>";
        HttpResponse<byte[]> r = f.postXml(xxe);
        assertReport(r, 400, "NoApplicableCode", "request");
        assertFalse(Fixture.text(r).contains("root:"));
        String xinclude = EXECUTE_HEAD.replace("lu:ClassArea", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                + "href=\"file:///etc/passwd\" parse=\"text\"/>") + "</wps:DataInputs></wps:Execute>";
        HttpResponse<byte[]> x = f.postXml(xinclude);
        assertTrue(x.statusCode() >= 400 && x.statusCode() < 500, Fixture.text(x));
        assertFalse(Fixture.text(x).contains("root:"));
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<wps:GetCapabilities xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">&b;</wps:GetCapabilities>";
        assertReport(f.postXml(laughs), 400, "NoApplicableCode", "request");
        // predefined entities and character references are plain XML, not a DOCTYPE: still accepted
        String plain = EXECUTE_HEAD.replace("lu:ClassArea", "lu:Class&#65;rea") + "<wps:Input><ows:Identifier>landUse</ows:Identifier>"
                + "<wps:Reference xlink:href=\"" + f.server.baseUrl() + "/wcs?service=WCS&amp;request=GetCoverage&amp;coverageId=demo__landuse\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></wps:Input><wps:Input><ows:Identifier>regionIdField</ows:Identifier>"
                + "<wps:Data><wps:LiteralData>a&amp;b&lt;c</wps:LiteralData></wps:Data></wps:Input></wps:DataInputs>"
                + "<wps:ResponseForm><wps:RawDataOutput><ows:Identifier>areas</ows:Identifier></wps:RawDataOutput></wps:ResponseForm></wps:Execute>";
        HttpResponse<byte[]> ok = f.postXml(plain);
        assertEquals(200, ok.statusCode(), Fixture.text(ok));
        assertTrue(Fixture.text(ok).contains(",2,2500,225.0"), Fixture.text(ok));
    }
}
