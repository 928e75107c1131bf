package org.esvflow.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.server.OgcServer;
import org.esvflow.server.ServerConfig;

/**
 * The server side of the soak benchmark (not a test): a temporary data directory with the shipped styles, an ESV
 * time series (2020, 2021) and a land-use layer of {@code size²} pixels of 30 m (default 3000), served on
 * 127.0.0.1 until the process is stopped. Prints {@code READY <base url> <pid>} when it accepts requests. Run it
 * with the heap under test ({@code -Xmx1g}); {@code soak.sh} does.
 */
public final class SoakServer {
    private SoakServer() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path dir = Files.createTempDirectory("esvflow-soak");
        Files.createDirectories(dir.resolve("styles"));
        Path styles = Path.of("geoserver-data", "styles");
        try (var s = Files.list(styles)) {
            for (Path p : s.toList()) Files.copy(p, dir.resolve("styles").resolve(p.getFileName()));
        }
        OgcServer server = OgcServer.start(ServerConfig.builder().systemProperties().port(0).host("127.0.0.1")
                .dataDir(dir).build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
            }
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                // best effort: a temporary directory
            }
        }));
        server.publish(LoadBenchmark.esv(size), "demo", "esv_2020", "esv", "2020");
        server.publish(LoadBenchmark.esv(size), "demo", "esv_2021", "esv", "2021");
        server.publish(LoadBenchmark.landUse(size), "demo", "landuse", "landuse", null);
        System.out.println("READY " + server.baseUrl() + " " + ProcessHandle.current().pid());
        System.out.flush();
        server.join();
    }
}
