package org.esvflow.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.esvflow.server.catalog.Catalog;
import org.esvflow.server.catalog.CatalogProcessFactory;
import org.esvflow.server.wcs.WcsService;
import org.esvflow.server.wms.WmsService;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.wps.InProcess;
import org.esvflow.server.wps.ProcessRegistry;
import org.esvflow.server.wps.ExecutionManager;
import org.esvflow.server.wps.OutputStore;
import org.esvflow.server.wps.WpsDispatcher;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * The embedded OGC server: WPS 1.0.0, WMS 1.3.0/1.1.1 and WCS 2.0.1 on {@code /ows} (and {@code /wps}, {@code /wms},
 * {@code /wcs}) over a GeoServer data directory. Offers every GeoTools process of the SPI, plus {@code gs:Import}.
 *
 * <pre>
 * OgcServer server = OgcServer.start(ServerConfig.builder().port(8080).dataDir(Path.of("geoserver-data")).build());
 * System.out.println(server.baseUrl() + "/ows");
 * server.join();
 * </pre>
 */
public final class OgcServer implements AutoCloseable {
    private final ServerConfig config;
    private final Catalog catalog;
    private final OutputStore outputs;
    private final ExecutionManager executions;
    private final Server jetty;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private String baseUrl;

    private OgcServer(ServerConfig config) throws IOException {
        this.config = config;
        this.catalog = Catalog.open(config.dataDir());
        WcsService wcs = new WcsService(catalog, config.outputDir().resolve("wcs"));
        ProcessRegistry processes = new ProcessRegistry(List.of(new CatalogProcessFactory(catalog)));
        this.outputs = new OutputStore(config.outputDir());
        WmsService wms = new WmsService(catalog, config);
        this.executions = new ExecutionManager(config, processes, outputs, new InProcess() {
            @Override
            public Object coverage(Kvp kvp) {
                return wcs.coverage(kvp);
            }

            @Override
            public Path style(Kvp kvp) {
                return wms.styleFile(kvp);
            }
        });
        WpsDispatcher wps = new WpsDispatcher(config, processes, executions);
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("ows");
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(config.host);
        connector.setPort(config.port());
        jetty.addConnector(connector);
        OwsHandler handler = new OwsHandler(config, wps, wms, wcs);
        jetty.setHandler(handler);
        jetty.setStopAtShutdown(true);
    }

    /** Starts a server and returns once it accepts connections. */
    public static OgcServer start(ServerConfig config) throws Exception {
        OgcServer s = new OgcServer(config);
        s.startJetty();
        return s;
    }

    private void startJetty() throws Exception {
        jetty.start();
        ServerConnector c = (ServerConnector) jetty.getConnectors()[0];
        String host = config.host.equals("0.0.0.0") ? "localhost" : config.host;
        baseUrl = config.proxyBaseUrl() != null ? config.proxyBaseUrl() : "http://" + host + ":" + c.getLocalPort();
        ((OwsHandler) jetty.getHandler()).localBaseUrl(baseUrl);
    }

    /** Public base URL; services are at {@code baseUrl() + "/ows"}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The URL this process listens on (loopback form), whatever the public base URL is. */
    public String localUrl() {
        String host = config.host.equals("0.0.0.0") ? "localhost" : config.host;
        return "http://" + host + ":" + port();
    }

    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The WPS executions: queue, limits, status, Dismiss. */
    public ExecutionManager executions() {
        return executions;
    }

    /** Where execution results are kept ({@link ServerConfig#outputDir()}). */
    public OutputStore outputs() {
        return outputs;
    }

    /**
     * Publishes a GeoTIFF coverage as a styled layer (Java form of {@code gs:Import}).
     *
     * @param time epoch of a time series, or null for a plain layer
     * @return the qualified layer name served by WMS
     */
    public String publish(GridCoverage2D coverage, String workspace, String name, String style, String time)
            throws IOException {
        return catalog.publish(coverage, workspace, name, style, time);
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
        stopped.await();
    }

    public void stop() throws Exception {
        try {
            jetty.stop();
            executions.close();
        } finally {
            stopped.countDown();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /**
     * {@code java ... OgcServer [--port N] [--host H] [--data-dir DIR] [--proxy-base-url URL] [--limit NAME=VALUE]...}:
     * serves in the foreground. Limits also come from system properties {@code esvflow.server.NAME}; the admin
     * password from the environment variable {@code ESVFLOW_ADMIN_PASSWORD}.
     */
    public static void main(String[] args) throws Exception {
        ServerConfig.Builder b = ServerConfig.builder().systemProperties();
        String password = System.getenv("ESVFLOW_ADMIN_PASSWORD");
        if (password != null && !password.isEmpty()) b.adminPassword(password);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> b.port(Integer.parseInt(args[++i]));
                case "--data-dir" -> b.dataDir(Path.of(args[++i]));
                case "--proxy-base-url" -> b.proxyBaseUrl(args[++i]);
                case "--host" -> b.host(args[++i]);
                case "--limit" -> {
                    String[] kv = args[++i].split("=", 2);
                    if (kv.length != 2) throw new IllegalArgumentException("--limit takes NAME=VALUE");
                    b.set(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        OgcServer server = start(b.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println(server.baseUrl() + "/ows");
        System.out.flush();
        server.join();
    }
}
