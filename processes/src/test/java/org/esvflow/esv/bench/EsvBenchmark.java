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
 * tiled, deflate-compressed float32 ESV GeoTIFF. When {@code gdal_calc.py} is on the PATH, the equivalent numpy
 * computation runs on the same files: a GDAL/numpy pass for the study means, then gdal_calc.py with the per-pixel
 * formula (deflate, tiled, float32), and the time ratio is printed.
 *
 * <p>Run from the repository root:
 * <pre>
 * ./mvnw -B -o -q -pl processes test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt) \
 *     org.esvflow.esv.bench.EsvBenchmark 10000 target/esv-bench
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
            System.out.printf(Locale.ROOT, "; numpy (means + gdal_calc) %.2f s wall (%.2f s CPU), %.1f Mpx/s; java/numpy ratio %.2f wall, %.2f CPU (goal ≤ 0.5)%n",
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
                GeoTiffs.read(soil, "soilConservation"), null, null, null, null, null, null, null, false, null, null, null, null, null);
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
        return new double[] {wall, cpu};
    }

    /**
     * The numpy side: a GDAL/numpy pass for the study means of the three factor rasters over valid land-use pixels
     * (as esvflow computes them; pixel areas are equal in UTM), then gdal_calc.py with those means. Returns
     * {wall s, CPU s} of both steps together, or null when a step fails.
     */
    static double[] runGdal(Path dir, int n, File lu, File npp, File pre, File soil) throws Exception {
        File times = dir.resolve("gdal_time.txt").toFile();
        boolean timed = Files.isExecutable(Path.of("/usr/bin/time"));
        List<String> timing = timed ? List.of("/usr/bin/time", "-o", times.getPath(), "-f", "%U %S") : List.of();
        Path script = dir.resolve("means.py");
        Files.writeString(script, MEANS_SCRIPT);
        List<String> meansCommand = new ArrayList<>(timing);
        meansCommand.addAll(List.of(Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3",
                script.toString(), lu.getPath(), npp.getPath(), pre.getPath(), soil.getPath()));
        long m0 = System.nanoTime();
        Process meansProcess = new ProcessBuilder(meansCommand).redirectErrorStream(true).start();
        String meansOutput = new String(meansProcess.getInputStream().readAllBytes()).trim();
        if (meansProcess.waitFor() != 0) {
            System.out.println("numpy means failed: " + meansOutput);
            return null;
        }
        double meansWall = (System.nanoTime() - m0) / 1e9, meansCpu = timed ? cpuSeconds(times) : Double.NaN;
        String[] lines = meansOutput.split("\\R");
        String[] m = lines[lines.length - 1].trim().split("\\s+");
        double[] means = {Double.parseDouble(m[0]), Double.parseDouble(m[1]), Double.parseDouble(m[2])};

        File gdalOut = dir.resolve("esv_gdal_" + n + ".tif").toFile();
        Files.deleteIfExists(gdalOut.toPath());
        List<String> command = new ArrayList<>(timing);
        command.addAll(List.of("gdal_calc.py", "--quiet", "-A", lu.getPath(), "-B", npp.getPath(),
                "-C", pre.getPath(), "-D", soil.getPath(), "--outfile=" + gdalOut.getPath(), "--type=Float32",
                "--NoDataValue=-9999", "--co=TILED=YES", "--co=COMPRESS=DEFLATE", "--calc=" + gdalCalcExpression(means)));
        long g0 = System.nanoTime();
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        double calcWall = (System.nanoTime() - g0) / 1e9;
        if (exit != 0) {
            System.out.println("gdal_calc.py failed with exit code " + exit);
            return null;
        }
        double calcCpu = timed ? cpuSeconds(times) : Double.NaN;
        System.out.printf(Locale.ROOT, "numpy means %.2f s wall (%.2f s CPU) + gdal_calc %.2f s wall (%.2f s CPU) = %.2f s, %.1f Mpx/s%n",
                meansWall, meansCpu, calcWall, calcCpu, meansWall + calcWall, (double) n * n / 1e6 / (meansWall + calcWall));
        return new double[] {meansWall + calcWall, meansCpu + calcCpu};
    }

    private static double cpuSeconds(File times) throws java.io.IOException {
        String[] parts = Files.readString(times.toPath()).trim().split("\\s+");
        return Double.parseDouble(parts[parts.length - 2]) + Double.parseDouble(parts[parts.length - 1]);
    }

    /** Means of bands B, C, D over pixels where A (land use) is valid, read in strips; prints "mean_B mean_C mean_D". */
    static final String MEANS_SCRIPT = String.join("\n",
            "import sys",
            "import numpy as np",
            "from osgeo import gdal",
            "lu = gdal.Open(sys.argv[1]); aux = [gdal.Open(p) for p in sys.argv[2:5]]",
            "a = lu.GetRasterBand(1); nd = a.GetNoDataValue(); w, h = lu.RasterXSize, lu.RasterYSize",
            "bands = [d.GetRasterBand(1) for d in aux]; nds = [b.GetNoDataValue() for b in bands]",
            "sums = [0.0, 0.0, 0.0]; counts = [0, 0, 0]",
            "for y in range(0, h, 256):",
            "    rows = min(256, h - y)",
            "    valid = a.ReadAsArray(0, y, w, rows) != nd",
            "    for i, b in enumerate(bands):",
            "        v = b.ReadAsArray(0, y, w, rows).astype(np.float64)",
            "        ok = valid & (v != nds[i])",
            "        sums[i] += v[ok].sum(); counts[i] += int(ok.sum())",
            "print(' '.join(repr(s / c) for s, c in zip(sums, counts)))",
            "");

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
    static String gdalCalcExpression(double[] means) {
        ValueCoefficients xie = ValueCoefficients.preset(ValueCoefficients.Preset.XIE2015);
        var classes = ClassMapping.preset(ClassMapping.Preset.CLCD).resolve(xie, D, "classPreset");
        int[] group = ServiceGroups.defaults().groups(classes.services());
        double[][] lookup = new double[4][256];
        for (int code = 0; code < 256; code++) {
            int k = classes.index(code);
            if (k < 0) continue;
            for (int s = 0; s < group.length; s++) lookup[group[s] + 1][code] += classes.vc(k, s);
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
