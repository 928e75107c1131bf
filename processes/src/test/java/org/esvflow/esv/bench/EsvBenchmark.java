package org.esvflow.esv.bench;

import java.awt.image.DataBuffer;
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
import org.esvflow.esv.ClassMapping;
import org.esvflow.esv.ServiceGroups;
import org.esvflow.esv.TestGrids;
import org.esvflow.esv.ValueCoefficients;
import org.esvflow.esv.ValueProcess;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.geotools.referencing.CRS;
import org.esvflow.raster.Rasters;

/**
 * ESV with pixel-mode dynamic correction (NPP, precipitation, soil conservation) on a synthetic N × N CLCD land-use
 * raster (30 m, EPSG:32650), timed end to end: reading the GeoTIFFs, the mean pass, the table pass and writing the
 * tiled, deflate-compressed float32 ESV GeoTIFF. When {@code gdal_calc.py} is on the PATH, the same per-pixel formula
 * is run by it on the same files (with the study means given as constants) and the time ratio printed.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt) \
 *     org.esvflow.esv.bench.EsvBenchmark 10000 /tmp/esv-bench
 * </pre>
 * Arguments: raster edge in pixels (default 10000), a working folder (default a temporary one; inputs already in it
 * are reused) and the number of rounds (default 1; each round runs both sides, in alternating order, and the best
 * times are compared, which matters on a busy machine).
 */
public final class EsvBenchmark {
    static final double D = 3406.5;

    private EsvBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("esv-bench");
        Files.createDirectories(dir);
        GridGeometry2D grid = Rasters.grid(n, n, 400_000, 4_500_000, 30, CRS.decode("EPSG:32650", true));
        File lu = dir.resolve("lu_" + n + ".tif").toFile(), npp = dir.resolve("npp_" + n + ".tif").toFile();
        File pre = dir.resolve("pre_" + n + ".tif").toFile(), soil = dir.resolve("soil_" + n + ".tif").toFile();
        long t0 = System.nanoTime();
        if (!lu.isFile()) GeoTiffs.write(TestGrids.of("lu", grid, DataBuffer.TYPE_BYTE, 255, EsvBenchmark::landUse), lu);
        if (!npp.isFile()) GeoTiffs.write(field(grid, 600, 200, 1500), npp);
        if (!pre.isFile()) GeoTiffs.write(field(grid, 800, 300, 2300), pre);
        if (!soil.isFile()) GeoTiffs.write(field(grid, 150, 100, 900), soil);
        System.out.printf(Locale.ROOT, "inputs %d×%d in %s (prepared in %.1f s)%n", n, n, dir, (System.nanoTime() - t0) / 1e9);

        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double mpx = (double) n * n / 1e6;
        double[] bestJava = {Double.MAX_VALUE, 0}, bestGdal = {Double.MAX_VALUE, Double.NaN};
        boolean gdal = onPath("gdal_calc.py");
        for (int round = 0; round < rounds; round++) {
            // alternate the order so that a busy machine does not favour one side
            for (int side = 0; side < 2; side++) {
                boolean javaSide = (side + round) % 2 == 0;
                if (javaSide) {
                    double[] t = runJava(dir, n, lu, npp, pre, soil);
                    if (t[0] < bestJava[0]) bestJava = t;
                } else if (gdal) {
                    double[] t = runGdal(dir, n, lu, npp, pre, soil);
                    if (t != null && t[0] < bestGdal[0]) bestGdal = t;
                }
            }
        }
        System.out.printf(Locale.ROOT, "best of %d: java %.2f s wall (%.2f s CPU), %.1f Mpx/s", rounds, bestJava[0], bestJava[1], mpx / bestJava[0]);
        if (gdal && bestGdal[0] < Double.MAX_VALUE) {
            System.out.printf(Locale.ROOT, "; gdal_calc %.2f s wall (%.2f s CPU), %.1f Mpx/s; java/gdal ratio %.2f wall, %.2f CPU (goal ≤ 0.5)%n",
                    bestGdal[0], bestGdal[1], mpx / bestGdal[0], bestJava[0] / bestGdal[0], bestJava[1] / bestGdal[1]);
        } else {
            System.out.println("; gdal_calc.py not found or failed: no comparison");
        }
    }

    /** Runs esv:Value and writes its ESV raster; returns {wall s, CPU s} and prints them with the peak heap. */
    static double[] runJava(Path dir, int n, File lu, File npp, File pre, File soil) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        File out = dir.resolve("esv_java_" + n + ".tif").toFile();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        Map<String, Object> result = new ValueProcess().execute(GeoTiffs.read(lu, "landUse"), D, null, null, ValueCoefficients.Preset.XIE2015,
                null, null, ClassMapping.Preset.CLCD, null, null, GeoTiffs.read(npp, "npp"), GeoTiffs.read(pre, "precipitation"),
                GeoTiffs.read(soil, "soilConservation"), null, null, null, null, null, null, null, false, null);
        GeoTiffs.write((GridCoverage2D) result.get("esv"), out);
        double wall = (System.nanoTime() - start) / 1e9, cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        Table totals = (Table) result.get("totals");
        System.out.printf(Locale.ROOT, "java: %.2f s wall (%.2f s CPU), %.1f Mpx/s, peak heap %.0f MB (max %d MB), total ESV %.6e%n",
                wall, cpu, (double) n * n / 1e6 / wall, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576,
                totals.rows().get(0)[1]);
        lastFactors = (Table) result.get("factors");
        return new double[] {wall, cpu};
    }

    private static Table lastFactors;

    /** Runs the same formula with gdal_calc.py (study means from the Java run); returns {wall s, CPU s} or null. */
    static double[] runGdal(Path dir, int n, File lu, File npp, File pre, File soil) throws Exception {
        if (lastFactors == null) runJava(dir, n, lu, npp, pre, soil);
        File gdalOut = dir.resolve("esv_gdal_" + n + ".tif").toFile();
        Files.deleteIfExists(gdalOut.toPath());
        File times = dir.resolve("gdal_time.txt").toFile();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        List<String> command = new ArrayList<>(timed ? List.of("/usr/bin/time", "-o", times.getPath(), "-f", "%U %S") : List.of());
        command.addAll(List.of("gdal_calc.py", "--quiet", "-A", lu.getPath(), "-B", npp.getPath(),
                "-C", pre.getPath(), "-D", soil.getPath(), "--outfile=" + gdalOut.getPath(), "--type=Float32",
                "--NoDataValue=-9999", "--co=TILED=YES", "--co=COMPRESS=DEFLATE", "--calc=" + gdalCalcExpression(lastFactors)));
        long g0 = System.nanoTime();
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        double wall = (System.nanoTime() - g0) / 1e9;
        if (exit != 0) {
            System.out.println("gdal_calc.py failed with exit code " + exit);
            return null;
        }
        double cpu = Double.NaN;
        if (timed) {
            String[] parts = Files.readString(times.toPath()).trim().split("\\s+");
            cpu = Double.parseDouble(parts[parts.length - 2]) + Double.parseDouble(parts[parts.length - 1]);
        }
        System.out.printf(Locale.ROOT, "gdal_calc: %.2f s wall (%.2f s CPU), %.1f Mpx/s%n", wall, cpu, (double) n * n / 1e6 / wall);
        return new double[] {wall, cpu};
    }

    /** Blocky CLCD classes 1–9 with a nodata strip on the left. */
    static double landUse(int x, int y) {
        if (x < 64) return 255;
        return ((x / 61) * 7 + (y / 43) * 3 + ((x ^ y) & 3)) % 9 + 1;
    }

    static GridCoverage2D field(GridGeometry2D grid, double mean, double amplitude, double wavelength) {
        return TestGrids.of("aux", grid, DataBuffer.TYPE_FLOAT, -9999, (x, y) ->
                (float) (mean + amplitude * Math.sin(x / wavelength) * Math.cos(y / (1.3 * wavelength))));
    }

    /**
     * The same formula for gdal_calc (numpy): per class, U = Σ VC of uncorrected services, P/R/S = Σ VC of the services
     * of each factor; ESV = 0.09 ha × (U[A] + B/mean_B · P[A] + C/mean_C · R[A] + D/mean_D · S[A]).
     */
    static String gdalCalcExpression(Table factors) {
        ValueCoefficients xie = ValueCoefficients.preset(ValueCoefficients.Preset.XIE2015);
        var classes = ClassMapping.preset(ClassMapping.Preset.CLCD).resolve(xie, D, "classPreset");
        int[] group = ServiceGroups.defaults().groups(classes.services());
        double[][] lookup = new double[4][256];
        for (int code = 0; code < 256; code++) {
            int k = classes.index(code);
            if (k < 0) continue;
            for (int s = 0; s < group.length; s++) lookup[group[s] + 1][code] += classes.vc(k, s);
        }
        double[] means = new double[3];
        for (int r = 0; r < factors.rowCount(); r++) {
            String f = (String) factors.get(r, "factor");
            double m = ((Number) factors.get(r, "reference_mean")).doubleValue();
            if (f.equals("npp")) means[0] = m;
            else if (f.equals("precipitation")) means[1] = m;
            else means[2] = m;
        }
        return String.format(Locale.ROOT, "0.09*(take(%s,A)+B/%s*take(%s,A)+C/%s*take(%s,A)+D/%s*take(%s,A))",
                array(lookup[0]), means[0], array(lookup[1]), means[1], array(lookup[2]), means[2], array(lookup[3]));
    }

    private static String array(double[] values) {
        StringBuilder b = new StringBuilder("array([");
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ",").append(values[i]);
        return b.append("])").toString();
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
