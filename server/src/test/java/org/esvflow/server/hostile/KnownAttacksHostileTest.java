package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertOws;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Attacks the issue 14 probe found refused already, kept as regressions next to {@code SecurityTest} (XXE, billion
 * laughs, loopback SSRF, traversal, huge bodies): XInclude, parameter entities, every non-http scheme, a redirect
 * out of an allow-listed prefix, and concurrent map load.
 */
@Tag("hostile")
class KnownAttacksHostileTest {
    static Fixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder());
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    @Test
    void xincludeAndParameterEntitiesAreRefused() throws Exception {
        String xinclude = """
                <wps:Execute service="WPS" version="1.0.0" xmlns:wps="http://www.opengis.net/wps/1.0.0"
                    xmlns:ows="http://www.opengis.net/ows/1.1" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <ows:Identifier><xi:include href="file:///etc/passwd" parse="text"/></ows:Identifier></wps:Execute>""";
        HttpResponse<byte[]> r = f.postXml(xinclude);
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, Fixture.text(r));
        assertFalse(Fixture.text(r).contains("root:"), Fixture.text(r));
        String parameterEntity = """
                <?xml version="1.0"?>
                <!DOCTYPE r [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p;]>
                <wps:GetCapabilities service="WPS" xmlns:wps="http://www.opengis.net/wps/1.0.0"/>""";
        HttpResponse<byte[]> pe = f.postXml(parameterEntity);
        assertTrue(pe.statusCode() >= 400 && pe.statusCode() < 500, Fixture.text(pe));
        assertFalse(Fixture.text(pe).contains("Capabilities>"), Fixture.text(pe));
    }

    @Test
    void everyNonHttpSchemeIsRefused() throws Exception {
        // a real file of the server's own data directory: refused for its scheme, not for being absent
        java.nio.file.Path secret = f.dir.resolve("secret.tif");
        java.nio.file.Files.write(secret, new byte[] {'I', 'I', 42, 0});
        String fileUri = secret.toUri().toString(), path = secret.toUri().getPath();
        for (String href : List.of(fileUri, "FILE:" + path, "jar:" + fileUri + "!/a", "ftp://127.0.0.1/x",
                "gopher://127.0.0.1:25/x", "netdoc://" + path, "ldap://127.0.0.1/x", "data:,SUkq",
                "//127.0.0.1/x", "http://[::1]/x", "http://0x7f000001/x", "http://2130706433/x")) {
            assertOws(f.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                    + enc("landUse=@xlink:href=" + href)), 400, "InvalidParameterValue", "landUse");
        }
    }

    @Test
    void aRedirectOutOfTheAllowListIsNotFollowed() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            HttpServer remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            remote.createContext("/data/", x -> {
                x.getResponseHeaders().add("Location", "http://127.0.0.1:" + trap.getLocalPort() + "/secret.tif");
                x.sendResponseHeaders(302, -1);
                x.close();
            });
            remote.start();
            String prefix = "http://127.0.0.1:" + remote.getAddress().getPort() + "/data/";
            try (Fixture allowed = new Fixture(ServerConfig.builder().allowRemoteInputs(prefix))) {
                assertOws(allowed.get("/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                        + enc("landUse=@xlink:href=" + prefix + "lu.tif")), 400, "InvalidParameterValue", "landUse");
                try {
                    trap.accept().close();
                    throw new AssertionError("the server followed the redirect");
                } catch (SocketTimeoutException expected) {
                    // nobody came
                }
            } finally {
                remote.stop(0);
            }
        }
    }

    @Test
    void concurrentMapsAreAllServed() throws Exception {
        // 16 clients × 20 maps of random windows over the fixture layers: every answer a PNG
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            java.util.Random random = new java.util.Random(14);
            for (int i = 0; i < 320; i++) {
                double x = 500_000 + random.nextInt(2000);
                double y = 3_997_000 + random.nextInt(2000);
                double size = 100 + random.nextInt(1000);
                String layer = i % 2 == 0 ? "demo:esv" : "demo:landuse";
                String path = "/wms?service=WMS&version=1.3.0&request=GetMap&layers=" + layer + "&styles=&crs=EPSG:32650&bbox="
                        + x + "," + y + "," + (x + size) + "," + (y + size) + "&width=256&height=256&format=image/png";
                answers.add(clients.submit(() -> {
                    HttpResponse<byte[]> r = f.get(path);
                    return r.statusCode() == 200 && r.headers().firstValue("Content-Type").orElse("").equals("image/png") ? 1 : 0;
                }));
            }
            int ok = 0;
            for (Future<Integer> a : answers) ok += a.get();
            assertEquals(320, ok);
        } finally {
            clients.shutdownNow();
        }
    }
}
