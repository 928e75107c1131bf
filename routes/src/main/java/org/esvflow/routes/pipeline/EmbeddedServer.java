package org.esvflow.routes.pipeline;

import java.nio.file.Path;
import org.esvflow.server.OgcServer;
import org.esvflow.server.ServerConfig;

/**
 * The embedded OGC server ({@link OgcServer}) started in this JVM for the pipeline: WPS, WMS and WCS at
 * {@link #owsUrl()}, the URL the pipeline is given like any other WPS URL, with remote inputs allowed from the
 * pipeline's file server only. It binds to the loopback interface unless another host is named.
 */
public final class EmbeddedServer implements AutoCloseable {
    /** The interface the embedded server binds to by default: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    private final OgcServer server;

    private EmbeddedServer(OgcServer server) {
        this.server = server;
    }

    /** Starts the server on the loopback interface; see {@link #start(String, int, Path, String)}. */
    public static EmbeddedServer start(int port, Path dataDir, String inputsPrefix) throws Exception {
        return start(LOOPBACK, port, dataDir, inputsPrefix);
    }

    /**
     * Starts the server on {@code host}:{@code port} (0: any free port) over the GeoServer data directory
     * {@code dataDir}, allowing input references that start with {@code inputsPrefix}.
     */
    public static EmbeddedServer start(String host, int port, Path dataDir, String inputsPrefix) throws Exception {
        ServerConfig config = ServerConfig.builder().systemProperties().host(host).port(port).dataDir(dataDir)
                .allowRemoteInputs(inputsPrefix).build();
        return new EmbeddedServer(OgcServer.start(config));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String owsUrl() {
        return server.baseUrl() + "/ows";
    }

    /** Points the pipeline at this server: its URL, and its output store, from which results are linked. */
    public void configure(PipelineConfig config) {
        config.wpsUrl = owsUrl();
        config.wpsOutputDir = server.outputs().root();
        config.serverSharesHeap = true;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
