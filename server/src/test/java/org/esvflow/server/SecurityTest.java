package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Attacks GeoServer has met (XXE, entity expansion, SSRF through inputs, traversal, huge bodies): none gets a 500. */
@org.junit.jupiter.api.Tag("hostile")
class SecurityTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder().maxRequestBytes(1 << 20));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static void assertOwsError(HttpResponse<byte[]> r) throws Exception {
        String body = Fixture.text(r);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + body);
        assertTrue(body.contains("ExceptionReport"), body);
        assertFalse(body.contains("at org.") || body.contains("Exception:") && body.contains("\tat "), "no stack trace");
        Schemas.validate(Schemas.wps(), r.body());
    }

    @Test
    void externalEntityIsRejected() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1"><ows:Identifier>&xxe;</ows:Identifier></wps:Execute>""";
        HttpResponse<byte[]> r = f.postXml(xml);
        assertOwsError(r);
        assertFalse(Fixture.text(r).contains("root:"));
    }

    @Test
    void billionLaughsIsRejected() throws Exception {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        xml.append("]>\n<wps:GetCapabilities xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">&lol9;</wps:GetCapabilities>");
        assertOwsError(f.postXml(xml.toString()));
    }

    @Test
    void loopbackReferencesAreNotFetched() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            String href = "http://127.0.0.1:" + trap.getLocalPort() + "/admin";
            HttpResponse<byte[]> r = f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                    + WpsTest.enc("landUse=@xlink:href=" + href));
            WpsTest.assertException(r, "InvalidParameterValue", "landUse");
            try {
                trap.accept().close();
                throw new AssertionError("the server connected to the loopback port");
            } catch (SocketTimeoutException expected) {
                // nobody called
            }
        }
        WpsTest.assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + WpsTest.enc("landUse=@xlink:href=file:///etc/passwd")), "InvalidParameterValue", "landUse");
    }

    @Test
    void allowListedRemoteReferencesAreFetched() throws Exception {
        byte[] bytes = Fixture.landUseTiff();
        com.sun.net.httpserver.HttpServer remote = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/data/", x -> {
            x.getResponseHeaders().add("Content-Type", "image/tiff");
            x.sendResponseHeaders(200, bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        remote.start();
        String prefix = "http://127.0.0.1:" + remote.getAddress().getPort() + "/data/";
        try (Fixture allowed = new Fixture(ServerConfig.builder().allowRemoteInputs(prefix))) {
            HttpResponse<byte[]> ok = allowed.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + WpsTest.enc("landUse=@xlink:href=" + prefix + "lu.tif@mimeType=image/tiff")
                    + "&RawDataOutput=areas");
            assertEquals(200, ok.statusCode(), Fixture.text(ok));
            WpsTest.assertQuadrants(WpsTest.areas(Fixture.text(ok)));
            // the same host outside the allowed prefix stays refused
            WpsTest.assertException(allowed.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + WpsTest.enc("landUse=@xlink:href=http://127.0.0.1:" + remote.getAddress().getPort()
                    + "/secret/lu.tif")), "InvalidParameterValue", "landUse");
            WpsTest.assertException(allowed.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                    + "&DataInputs=" + WpsTest.enc("landUse=@xlink:href=" + prefix + "../secret/lu.tif")),
                    "InvalidParameterValue", "landUse");
        } finally {
            remote.stop(0);
        }
    }

    @Test
    void traversalInIdsIsRejected() throws Exception {
        WpsTest.assertException(f.get("/ows?service=WPS&request=GetExecutionStatus&executionId=../../etc/passwd"),
                "InvalidParameterValue", "executionId");
        WpsTest.assertException(f.get("/ows?service=WPS&request=GetExecutionResult&executionId=../x&outputId=../status.xml"),
                "InvalidParameterValue", "executionId");
        WmsTest.assertWmsException(f.get("/wms?service=WMS&version=1.3.0&request=GetMap&layers=../../etc/passwd"
                + "&crs=EPSG:4326&bbox=0,0,1,1&width=10&height=10&format=image/png"), "LayerNotDefined");
        HttpResponse<byte[]> wcs = f.get("/wcs?service=WCS&request=GetCoverage&coverageId=..%2F..%2Fetc");
        assertEquals(404, wcs.statusCode());
        assertTrue(Fixture.text(wcs).contains("exceptionCode=\"NoSuchCoverage\""), Fixture.text(wcs));
        assertTrue(Fixture.text(wcs).contains("http://www.opengis.net/ows/2.0"), "WCS 2.0 answers OWS 2.0 reports");
        WpsTest.assertException(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=gs:Import&DataInputs="
                + WpsTest.enc("coverage=@xlink:href=" + f.server.baseUrl() + "/wcs?service=WCS&request=GetCoverage&coverageId=demo__landuse;name=../../evil")),
                "InvalidParameterValue", "name");
    }

    @Test
    void oversizeBodyIsRejected() throws Exception {
        byte[] big = new byte[8 << 20]; // 8 MiB against a 1 MiB limit: still sending when the server refuses
        java.util.Arrays.fill(big, (byte) ' ');
        byte[] head = "<wps:GetCapabilities xmlns:wps=\"http://www.opengis.net/wps/1.0.0\">".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        HttpResponse<byte[]> r = f.post("/ows", "text/xml", big);
        assertEquals(413, r.statusCode());
        assertOwsError(r);
    }
}
