package org.esvflow.rsei.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.rsei.RseiProcess;
import org.esvflow.rsei.Scaling;
import org.esvflow.rsei.Sensor;
import org.esvflow.rsei.SyntheticScene;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * RSEI throughput and peak heap on a large synthetic Landsat Collection-2 scene (seven uint16 GeoTIFFs, deflate,
 * 256² tiles) read from disk and written back as RSEI and grade GeoTIFFs.
 *
 * <pre>
 * ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp processes/target/test-classes:processes/target/classes:$(cat processes/target/cp.txt) \
 *     org.esvflow.rsei.bench.RseiBenchmark 10000 target/rsei-bench
 * </pre>
 * Arguments: scene edge in pixels (default 10000) and a working folder (bands are generated once and reused).
 */
public final class RseiBenchmark {
    private RseiBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir") + "/rsei-bench");
        Files.createDirectories(dir);
        SyntheticScene scene = new SyntheticScene(size, size, 0);
        List<GridCoverage2D> generated = scene.collection2Bands();
        List<GridCoverage2D> bands = new ArrayList<>();
        long start = System.nanoTime();
        for (int b = 0; b < generated.size(); b++) {
            File file = dir.resolve(size + "_" + SyntheticScene.BANDS[b] + ".tif").toFile();
            if (!file.isFile()) GeoTiffs.write(generated.get(b), file);
            bands.add(GeoTiffs.read(file, SyntheticScene.BANDS[b]));
        }
        System.out.printf(Locale.ROOT, "scene %d × %d = %.1f Mpx, 7 uint16 bands ready in %.1f s (%s)%n",
                size, size, size * (double) size / 1e6, seconds(start), dir);

        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime rt = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        double mpx = size * (double) size / 1e6;
        start = System.nanoTime();
        Map<String, Object> out = new RseiProcess().execute(bands.get(0), bands.get(1), bands.get(2), bands.get(3),
                bands.get(4), bands.get(5), bands.get(6), Sensor.OLI, Scaling.LANDSAT_C2_L2, true, 0.0, 0.0, false,
                null, null, null, null);
        double statistics = seconds(start);
        System.out.printf(Locale.ROOT, "statistics (3 passes over 7 bands): %.1f s, %.2f Mpx/s per pass%n",
                statistics, 3 * mpx / statistics);
        start = System.nanoTime();
        GeoTiffs.write((GridCoverage2D) out.get("rsei"), dir.resolve("rsei.tif").toFile());
        GeoTiffs.write((GridCoverage2D) out.get("grade"), dir.resolve("rsei_grade.tif").toFile());
        double writing = seconds(start);
        System.out.printf(Locale.ROOT, "writing RSEI and grade GeoTIFFs (2 more passes): %.1f s, %.2f Mpx/s per raster%n",
                writing, 2 * mpx / writing);
        double total = statistics + writing;
        sampler.interrupt();
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) poolPeaks += pool.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "total %.1f s: %.2f Mpx/s end to end%n", total, mpx / total);
        System.out.printf(Locale.ROOT, "peak heap used: %.0f MB sampled every 20 ms, %.0f MB sum of heap-pool peaks; max heap %.0f MB%n",
                sampledPeak.get() / 1e6, poolPeaks / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        Table stats = (Table) out.get("statistics");
        for (Object[] row : stats.rows()) {
            String key = (String) row[0];
            if (key.equals("valid_pixels") || key.equals("mean_rsei") || key.equals("pc1_variance_pct")) {
                System.out.println(key + " = " + Csv.format(row[1]));
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
