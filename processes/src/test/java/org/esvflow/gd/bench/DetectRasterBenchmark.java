package org.esvflow.gd.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.gd.DetectRasterProcess;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Samples;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * {@code gd:DetectRaster} on the full demo scene (16 000 × 15 000 px) against one read pass of the same inputs: Y =
 * Landsat LST 2023, 8 factors (land use 2023 categorical; DEM, slope, blue, green, red, NIR, SWIR1 continuous).
 *
 * <p>{@code java -Xmx1g -cp $CP org.esvflow.gd.bench.DetectRasterBenchmark DEMO read|detect [QUANTILE|EQUAL|NATURAL] [k]}, DEMO
 * from {@code esvflow demo-data --size full}. {@code read}: every block of the nine rasters decoded to doubles as the
 * process reads them, nothing else.
 */
public final class DetectRasterBenchmark {
    private DetectRasterBenchmark() {}

    static final String[] FACTORS = {"landuse/lu_2023.tif", "terrain/dem.tif", "terrain/slope.tif",
            "landsat/2023/blue.tif", "landsat/2023/green.tif", "landsat/2023/red.tif", "landsat/2023/nir.tif",
            "landsat/2023/swir1.tif"};

    public static void main(String[] args) throws IOException {
        Path demo = Path.of(args[0]);
        String mode = args[1];
        String method = args.length > 2 ? args[2] : "QUANTILE";
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        // the process's pass timings (System.Logger DEBUG → java.util.logging FINE)
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(DetectRasterProcess.class.getName());
        java.util.logging.ConsoleHandler console = new java.util.logging.ConsoleHandler();
        console.setLevel(java.util.logging.Level.FINE);
        log.setLevel(java.util.logging.Level.FINE);
        log.addHandler(console);
        GridCoverage2D y = GeoTiffs.read(demo.resolve("landsat/2023/lst.tif").toFile());
        List<GridCoverage2D> factors = new ArrayList<>();
        for (String f : FACTORS) factors.add(GeoTiffs.read(demo.resolve(f).toFile()));
        long t0 = System.nanoTime();
        String result;
        if (mode.equals("read")) {
            List<GridCoverage2D> all = new ArrayList<>();
            all.add(y);
            all.addAll(factors);
            // as DetectRasterProcess reads its blocks: the same Blocks.reduce (rows of blocks on every core), band 0
            // decoded to doubles by Samples.doubles into per-thread arrays
            ThreadLocal<double[][]> buffers = ThreadLocal.withInitial(() -> new double[all.size()][]);
            double[] sum = Blocks.reduce(all, null, 0f, 100f, () -> new double[1], (acc, b, rasters) -> {
                double[][] v = buffers.get();
                for (int i = 0; i < rasters.length; i++) {
                    v[i] = Samples.doubles(rasters[i], b.x, b.y, b.width, b.height, 0, v[i]);
                    acc[0] += v[i][b.width * b.height / 2];
                }
            }, (a, b) -> {
                a[0] += b[0];
                return a;
            });
            result = "checksum " + sum[0];
        } else {
            Map<String, Object> out = new DetectRasterProcess().execute(y, factors,
                    "lu,dem,slope,blue,green,red,nir,swir1", "lu", method, k, null, null, null, null, null, null);
            Table factor = (Table) out.get("factor");
            result = "dropped " + out.get("dropped") + "\n" + Csv.toString(factor) + Csv.toString((Table) out.get("discretization"));
        }
        long t1 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%s %s: %.1f s, heap used at end %d MB of max %d MB%n%s%n", mode, mode.equals("read")
                ? "" : method + " k " + k, (t1 - t0) / 1e9, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, result);
    }
}
