package org.esvflow.server;

import java.net.http.HttpResponse;
import org.esvflow.server.testing.Fixture;
import org.w3c.dom.Document;

/** Polls a statusLocation until the execution succeeds; fails on ProcessFailed. */
final class LimitsTestSupport {
    private LimitsTestSupport() {}

    static Document poll(Fixture f, String statusLocation) throws Exception {
        String path = statusLocation.substring(f.server.baseUrl().length());
        for (int i = 0; i < 500; i++) {
            HttpResponse<byte[]> r = f.get(path);
            Document d = WpsTest.dom(r.body());
            if (WpsTest.firstElement(d, "ProcessFailed") != null) throw new AssertionError(Fixture.text(r));
            if (WpsTest.firstElement(d, "ProcessSucceeded") != null) return d;
            Thread.sleep(20);
        }
        throw new AssertionError("not finished: " + statusLocation);
    }
}
