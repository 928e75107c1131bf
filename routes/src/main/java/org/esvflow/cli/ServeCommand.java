package org.esvflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.esvflow.server.OgcServer;
import org.esvflow.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code esvflow serve}: the embedded OGC server in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "serve", description = "Starts the embedded OGC server (WPS 1.0.0, WMS 1.3.0/1.1.1, WCS 2.0.1) in the "
        + "foreground, prints its base URL when ready and stops cleanly on SIGTERM.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on (0.0.0.0: every "
            + "interface). Default: ${DEFAULT-VALUE}, this machine only.")
    String host;

    @Option(names = "--data-dir", defaultValue = "geoserver-data", description = "GeoServer data directory. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--proxy-base-url", description = "Public base URL used in statusLocation and reference URLs "
            + "when the server sits behind a proxy.")
    String proxyBaseUrl;

    @Option(names = "--allow-remote", description = "URL prefix from which remote http(s) inputs may be fetched "
            + "(repeatable; none by default).")
    List<String> allowRemote = List.of();

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = "Sets a server limit (repeatable), e.g. "
            + "maxRequestBytes=64M, maxInputPixels=2000000000, maxMapWidth=4096, maxLayersPerMap=16, maxRenderTime=60s, "
            + "maxSyncExecutions=2, maxAsyncExecutions=2, maxQueuedExecutions=64, maxExecutionTime=2h, resultExpiry=24h, "
            + "maxChainDepth=3. System properties esvflow.server.NAME set them too; this option wins.")
    java.util.Map<String, String> limits = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        ServerConfig.Builder config = ServerConfig.builder().port(port).host(host).dataDir(dataDir).systemProperties();
        String password = System.getenv("ESVFLOW_ADMIN_PASSWORD");
        if (password != null && !password.isEmpty()) config.adminPassword(password);
        try {
            limits.forEach(config::set);
        } catch (IllegalArgumentException e) {
            System.err.println("esvflow: error: --limit " + e.getMessage());
            return 2;
        }
        if (proxyBaseUrl != null) config.proxyBaseUrl(proxyBaseUrl);
        allowRemote.forEach(config::allowRemoteInputs);
        OgcServer server = OgcServer.start(config.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("esvflow: error while stopping: " + e.getMessage());
            }
        }, "esvflow-serve-shutdown"));
        System.out.println("esvflow serving " + server.baseUrl() + "/ows (WPS, WMS, WCS); data directory " + dataDir.toAbsolutePath());
        System.out.flush();
        server.join();
        return 0;
    }
}
