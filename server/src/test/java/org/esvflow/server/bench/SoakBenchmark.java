package org.esvflow.server.bench;

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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak benchmark, client side (not a test): {@code clients} threads (default 16) send a mix of requests for
 * {@code seconds} (default 60) to a {@link SoakServer} in another JVM, whose resident set size is sampled every
 * second from {@code /proc/<pid>/status}. Mix per request: 70 % WMS GetMap 256² PNG (random layer, time and
 * window in EPSG:3857 or the native CRS), 10 % GetFeatureInfo, 10 % sync WPS lu:ClassArea on a 300² WCS subset
 * (RawDataOutput CSV), 10 % async lu:ClassArea polled to its end. An error is any answer that is not the expected
 * kind (status, content type, CSV header, ProcessSucceeded) or a failed connection.
 * Run: {@code server/src/test/scripts/soak.sh [seconds] [clients]}.
 */
public final class SoakBenchmark {
    private static final Pattern STATUS = Pattern.compile("statusLocation=\"([^\"]+)\"");
    /** The soak layers' extent: {@link LoadBenchmark}'s grid, 300 000 E / 4 400 000 N, 30 m pixels. */
    private static final double MIN_X = 300_000;
    private static final double MAX_Y = 4_400_000;

    private SoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        String base = args[0];
        long pid = Long.parseLong(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 3000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        Map<String, String> firstError = new ConcurrentHashMap<>();
        List<Long> rss = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread sampler = new Thread(() -> {
            while (System.nanoTime() < end) {
                long kb = rssKb(pid);
                if (kb > 0) rss.add(kb);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = 1400 + c;
            futures.add(pool.submit(() -> {
                Random rnd = new Random(seed);
                long[] lat = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < end) {
                    int pick = rnd.nextInt(10);
                    String kind = pick < 7 ? "GetMap" : pick == 7 ? "GetFeatureInfo" : pick == 8 ? "WPS sync" : "WPS async";
                    long t = System.nanoTime();
                    String problem;
                    try {
                        problem = switch (kind) {
                            case "GetMap" -> getMap(http, base, rnd, size);
                            case "GetFeatureInfo" -> featureInfo(http, base, rnd, size);
                            case "WPS sync" -> wpsSync(http, base, rnd, size);
                            default -> wpsAsync(http, base, rnd, size);
                        };
                    } catch (Exception e) {
                        problem = e.toString();
                    }
                    counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    if (problem != null) {
                        errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                        firstError.putIfAbsent(kind, problem.length() > 300 ? problem.substring(0, 300) : problem);
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) all.add(f.get());
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        sampler.join();
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long totalErrors = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("soak: %d clients, %.0f s, %d requests (%.1f req/s), p50 %.0f ms, p99 %.0f ms, max %.0f ms, errors %d%n",
                clients, wall, lat.length, lat.length / wall, lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6,
                lat[lat.length - 1] / 1e6, totalErrors);
        for (String k : List.of("GetMap", "GetFeatureInfo", "WPS sync", "WPS async")) {
            System.out.printf("soak:   %-15s %6d requests, %d errors%s%n", k, counts.getOrDefault(k, new AtomicLong()).get(),
                    errors.getOrDefault(k, new AtomicLong()).get(), firstError.containsKey(k) ? " (first: " + firstError.get(k) + ")" : "");
        }
        long[] r = rss.stream().mapToLong(Long::longValue).toArray();
        if (r.length > 0) {
            long[] sorted = r.clone();
            Arrays.sort(sorted);
            System.out.printf("soak: server RSS (MB) first %d, median %d, max %d, last %d over %d samples%n", r[0] / 1024,
                    sorted[sorted.length / 2] / 1024, sorted[sorted.length - 1] / 1024, r[r.length - 1] / 1024, r.length);
        }
        System.out.printf("soak: load average at the end %.1f (2 cores, shared)%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.exit(totalErrors == 0 ? 0 : 1);
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    static HttpResponse<byte[]> send(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Null when {@code r} is a 200 of {@code type}, else what it was. */
    static String expect(HttpResponse<byte[]> r, String type) {
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (r.statusCode() == 200 && ct.startsWith(type)) return null;
        return r.statusCode() + " " + ct + " " + new String(r.body(), 0, Math.min(200, r.body().length), StandardCharsets.UTF_8);
    }

    static String getMap(HttpClient http, String base, Random rnd, int size) throws Exception {
        double extent = 30.0 * size;
        double w = extent / (1 << rnd.nextInt(6));
        double x = MIN_X + rnd.nextDouble() * (extent - w);
        double y = MAX_Y - extent + rnd.nextDouble() * (extent - w);
        String layer = rnd.nextBoolean() ? "demo:landuse" : "demo:esv&time=" + (2020 + rnd.nextInt(2));
        String bbox = x + "," + y + "," + (x + w) + "," + (y + w);
        String crs = "EPSG:32650";
        if (rnd.nextBoolean()) { // the same window in Web Mercator, reprojected by the server
            var env = new org.geotools.geometry.jts.ReferencedEnvelope(x, x + w, y, y + w,
                    org.geotools.referencing.CRS.decode("EPSG:32650", true)).transform(
                    org.geotools.referencing.CRS.decode("EPSG:3857", true), true);
            bbox = env.getMinX() + "," + env.getMinY() + "," + env.getMaxX() + "," + env.getMaxY();
            crs = "EPSG:3857";
        }
        return expect(send(http, base + "/wms?service=WMS&version=1.3.0&request=GetMap&styles=&format=image/png"
                + "&width=256&height=256&crs=" + crs + "&bbox=" + bbox + "&layers=" + layer), "image/png");
    }

    static String featureInfo(HttpClient http, String base, Random rnd, int size) throws Exception {
        double extent = 30.0 * size;
        double w = extent / 8;
        double x = MIN_X + rnd.nextDouble() * (extent - w);
        double y = MAX_Y - extent + rnd.nextDouble() * (extent - w);
        return expect(send(http, base + "/wms?service=WMS&version=1.3.0&request=GetFeatureInfo&layers=demo:esv"
                + "&query_layers=demo:esv&crs=EPSG:32650&bbox=" + x + "," + y + "," + (x + w) + "," + (y + w)
                + "&width=256&height=256&i=" + rnd.nextInt(256) + "&j=" + rnd.nextInt(256)
                + "&info_format=application/json&time=2021"), "application/json");
    }

    static String classArea(String base, Random rnd, int size) {
        double x = MIN_X + 30.0 * rnd.nextInt(size - 300);
        double y = MAX_Y - 30.0 * rnd.nextInt(size - 300);
        String wcs = base + "/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__landuse"
                + "&subset=E(" + x + "," + (x + 9000) + ")&subset=N(" + (y - 9000) + "," + y + ")";
        return base + "/wps?service=WPS&version=1.0.0&request=Execute&identifier=lu:ClassArea&DataInputs="
                + URLEncoder.encode("landUse=@xlink:href=" + URLEncoder.encode(wcs, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    static String wpsSync(HttpClient http, String base, Random rnd, int size) throws Exception {
        HttpResponse<byte[]> r = send(http, classArea(base, rnd, size) + "&RawDataOutput=areas");
        String problem = expect(r, "text/csv");
        if (problem != null) return problem;
        return new String(r.body(), StandardCharsets.UTF_8).startsWith("region_id,region_name,class,pixels")
                ? null : "not the areas CSV";
    }

    static String wpsAsync(HttpClient http, String base, Random rnd, int size) throws Exception {
        HttpResponse<byte[]> r = send(http, classArea(base, rnd, size)
                + "&ResponseDocument=areas@asReference=true&storeExecuteResponse=true&status=true");
        Matcher m = STATUS.matcher(new String(r.body(), StandardCharsets.UTF_8));
        if (r.statusCode() != 200 || !m.find()) return expect(r, "no statusLocation");
        String status = m.group(1).replace("&amp;", "&");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            String doc = new String(send(http, status).body(), StandardCharsets.UTF_8);
            if (doc.contains("ProcessSucceeded")) return null;
            if (doc.contains("ProcessFailed")) return "ProcessFailed: " + doc;
            Thread.sleep(100);
        }
        return "not finished after 120 s";
    }
}
