package org.esvflow.server.testing;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the test {@link Fixture} (temporary data directory, demo:landuse and the demo:esv time series) on a free
 * loopback port, prints {@code READY <base url>} and serves until SIGTERM. Used by
 * {@code src/test/scripts/ogc-clients.sh} and the load benchmark.
 */
public final class DemoServer {
    private DemoServer() {}

    public static void main(String[] args) throws Exception {
        Fixture fixture = new Fixture();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                fixture.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e.getMessage());
            }
            done.countDown();
        }));
        System.out.println("READY " + fixture.server.baseUrl());
        System.out.flush();
        done.await();
    }
}
