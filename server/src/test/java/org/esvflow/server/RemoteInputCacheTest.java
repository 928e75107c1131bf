package org.esvflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import com.sun.net.httpserver.HttpServer;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.Test;

/** A remote input read by several executions crosses the network once while its entity tag is unchanged. */
class RemoteInputCacheTest {
    @Test
    void anUnchangedRemoteInputIsFetchedOnce() throws Exception {
        byte[] bytes = Fixture.landUseTiff();
        AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
        AtomicInteger bodies = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        HttpServer remote = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        remote.createContext("/data/", x -> {
            x.getResponseHeaders().add("ETag", etag.get());
            if (etag.get().equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                x.sendResponseHeaders(304, -1);
            } else {
                bodies.incrementAndGet();
                x.getResponseHeaders().add("Content-Type", "image/tiff");
                x.sendResponseHeaders(200, bytes.length);
                x.getResponseBody().write(bytes);
            }
            x.close();
        });
        remote.start();
        String prefix = "http://127.0.0.1:" + remote.getAddress().getPort() + "/data/";
        String execute = "/ows?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + WpsTest.enc("landUse=@xlink:href=" + prefix + "lu.tif@mimeType=image/tiff") + "&RawDataOutput=areas";
        try (Fixture f = new Fixture(ServerConfig.builder().allowRemoteInputs(prefix))) {
            for (int run = 0; run < 3; run++) {
                HttpResponse<byte[]> ok = f.get(execute);
                assertEquals(200, ok.statusCode(), Fixture.text(ok));
                WpsTest.assertQuadrants(WpsTest.areas(Fixture.text(ok)));
            }
            assertEquals(1, bodies.get(), "fetched once");
            assertEquals(2, notModified.get(), "then asked whether it changed");
            // a new entity tag is new content: fetched again
            etag.set("\"v2\"");
            HttpResponse<byte[]> ok = f.get(execute);
            assertEquals(200, ok.statusCode(), Fixture.text(ok));
            WpsTest.assertQuadrants(WpsTest.areas(Fixture.text(ok)));
            assertEquals(2, bodies.get());
        } finally {
            remote.stop(0);
        }
    }
}
