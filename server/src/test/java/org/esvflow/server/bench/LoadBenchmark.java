package org.esvflow.server.bench;

import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.esvflow.server.OgcServer;
import org.esvflow.server.ServerConfig;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.referencing.CRS;

/**
 * Load benchmark (not a unit test). Publishes a synthetic ESV layer of {@code size × size} float pixels of 30 m in
 * UTM 50N (default 8000², a 240 km square) and a land-use layer, then:
 * <ol>
 *   <li>32 concurrent WMS clients for {@code seconds} (default 60) fetch random 256 × 256 PNG tiles in EPSG:3857,
 *       at random zooms from the whole layer down to 1/64 of its width: req/s, p50/p99 latency, errors;
 *   <li>20 concurrent async WPS Executes of lu:ClassArea on a 1000 × 1000 WCS subset of the land-use layer, with
 *       the default limits (2 running, the rest queued): time until all succeed.
 * </ol>
 * Run: {@code server/src/test/scripts/bench.sh [size] [seconds]}.
 */
public final class LoadBenchmark {
    private static final Pattern STATUS = Pattern.compile("statusLocation=\"([^\"]+)\"");

    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 8000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("esvflow-bench");
        Files.createDirectories(dir.resolve("styles"));
        Path styles = Path.of("geoserver-data", "styles");
        if (!Files.isDirectory(styles)) styles = Path.of("..", "geoserver-data", "styles");
        try (var s = Files.list(styles)) {
            for (Path p : s.toList()) Files.copy(p, dir.resolve("styles").resolve(p.getFileName()));
        }
        OgcServer server = OgcServer.start(ServerConfig.builder().port(0).host("127.0.0.1").dataDir(dir).build());
        try {
            long t0 = System.nanoTime();
            server.publish(esv(size), "demo", "esv_2020", "esv", "2020");
            server.publish(landUse(size), "demo", "landuse", "landuse", null);
            System.out.printf("published %d x %d ESV + land-use layers with overviews in %.1f s%n", size, size,
                    (System.nanoTime() - t0) / 1e9);
            wms(server, size, seconds);
            asyncExecutes(server);
        } finally {
            server.stop();
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A smooth synthetic ESV field (CNY/ha/yr) with a nodata border of 50 pixels. */
    static GridCoverage2D esv(int size) throws Exception {
        ComputedImage image = new ComputedImage(size, size, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++) {
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) {
                    boolean border = x < 50 || y < 50 || x >= size - 50 || y >= size - 50;
                    double v = 50_000 + 40_000 * Math.sin(x / 700.0) * Math.cos(y / 900.0);
                    t.setSample(x, y, 0, border ? -9999 : v);
                }
            }
        });
        return Rasters.coverage("esv", image, Rasters.grid(size, size, 300_000, 4_400_000, 30,
                CRS.decode("EPSG:32650", true)), -9999);
    }

    static GridCoverage2D landUse(int size) throws Exception {
        ComputedImage image = new ComputedImage(size, size, 256, DataBuffer.TYPE_BYTE, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++) {
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, 1 + (x / 97 + y / 89) % 9);
            }
        });
        return Rasters.coverage("landuse", image, Rasters.grid(size, size, 300_000, 4_400_000, 30,
                CRS.decode("EPSG:32650", true)), 0);
    }

    static void wms(OgcServer server, int size, int seconds) throws Exception {
        ReferencedEnvelope nat = new ReferencedEnvelope(300_000, 300_000 + 30.0 * size, 4_400_000 - 30.0 * size,
                4_400_000, CRS.decode("EPSG:32650", true));
        ReferencedEnvelope merc = nat.transform(CRS.decode("EPSG:3857", true), true);
        ExecutorService io = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().executor(io).build();
        int clients = 32;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long cpu0 = processCpuNanos();
        List<long[]> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            futures.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    double frac = 1.0 / (1 << rnd.nextInt(7)); // tile width: whole layer .. 1/64
                    double w = merc.getWidth() * frac;
                    double minx = merc.getMinX() + rnd.nextDouble() * (merc.getWidth() - w);
                    double miny = merc.getMinY() + rnd.nextDouble() * (merc.getHeight() - w);
                    String url = server.baseUrl() + "/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:esv"
                            + "&styles=&crs=EPSG:3857&bbox=" + minx + "," + miny + "," + (minx + w) + "," + (miny + w)
                            + "&width=256&height=256&format=image/png&transparent=true&time=2020";
                    long t = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        boolean png = r.body().length > 8 && r.body()[1] == 'P' && r.body()[2] == 'N';
                        if (r.statusCode() != 200 || !png) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        for (Future<long[]> f : futures) latencies.add(f.get());
        pool.shutdown();
        io.shutdown();
        long cpu = processCpuNanos() - cpu0;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("WMS: %d clients, %d s, %d requests, %.1f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d%n",
                clients, seconds, all.length, all.length / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6, errors.get());
        System.out.printf("WMS: JVM CPU (server and clients) %.1f ms per request; machine load average %.1f%n",
                cpu / 1e6 / all.length, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void asyncExecutes(OgcServer server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String wcs = server.baseUrl() + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse"
                + "&subset=E(300000,330000)&subset=N(4370000,4400000)";
        String url = server.baseUrl() + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea"
                + "&DataInputs=" + URLEncoder.encode("landUse=@xlink:href=" + URLEncoder.encode(wcs, StandardCharsets.UTF_8),
                StandardCharsets.UTF_8) + "&ResponseDocument=areas@asReference=true&storeExecuteResponse=true&status=true";
        long t0 = System.nanoTime();
        List<String> status = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> submitted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            submitted.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        }
        for (Future<String> f : submitted) {
            Matcher m = STATUS.matcher(f.get());
            if (!m.find()) throw new IllegalStateException("not accepted: " + f.get());
            status.add(m.group(1).replace("&amp;", "&"));
        }
        pool.shutdown();
        int succeeded = 0;
        int failed = 0;
        for (String s : status) {
            while (true) {
                String doc = http.send(HttpRequest.newBuilder(URI.create(s)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (doc.contains("ProcessSucceeded")) {
                    succeeded++;
                    break;
                }
                if (doc.contains("ProcessFailed")) {
                    failed++;
                    break;
                }
                Thread.sleep(50);
            }
        }
        System.out.printf("WPS: 20 concurrent async lu:ClassArea (1000 x 1000 WCS subset each), 2 run at a time: "
                + "%d succeeded, %d failed, all done in %.1f s%n", succeeded, failed, (System.nanoTime() - t0) / 1e9);
    }
}
