package org.esvflow.gd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.esvflow.gd.Discretization;
import org.esvflow.gd.GeoDetector;
import org.esvflow.gd.GeoDetectorOptions;
import org.esvflow.gd.OptimalDiscretization;
import org.esvflow.gd.Strata;

/**
 * GeoDetector timings on deterministic synthetic data (seed 20261123):
 * (1) N = 1 000 000 samples, 10 categorical factors of 4..13 strata: factor detector (with noncentral-F p), all 45
 * interactions, risk detector (every pair of strata, Welch) and ecological detector (45 pairs);
 * (2) OPGD on N = 100 000: 5 methods × k = 3..8, including the exact Fisher–Jenks natural breaks on all values.
 * Prints wall times and the peak heap of each phase. Run (after {@code mvn -o -pl processes test-compile}):
 * {@code java -Xmx4g -cp processes/target/classes:processes/target/test-classes:$(cat cp.txt)
 * org.esvflow.gd.bench.GeoDetectorBenchmark}, cp.txt from {@code mvn -o -pl processes dependency:build-classpath
 * -Dmdep.outputFile=cp.txt}.
 */
public final class GeoDetectorBenchmark {
    private GeoDetectorBenchmark() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int nOpgd = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        SplittableRandom random = new SplittableRandom(20261123);
        int factors = 10;
        int[][] codes = new int[factors][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = random.nextGaussian();
            for (int f = 0; f < factors; f++) {
                int c = random.nextInt(4 + f);
                codes[f][i] = c;
                v += (f % 3 == 0 ? 0.5 : 0.1) * Math.sin(c * (f + 1));
            }
            y[i] = v;
        }
        System.out.printf(Locale.ROOT, "GeoDetector benchmark: N = %,d, %d factors (4..13 strata), %d processors, max heap %d MB%n",
                n, factors, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        for (int run = 1; run <= 3; run++) {
            resetPeaks();
            long t0 = System.nanoTime();
            List<Strata> strata = new ArrayList<>();
            for (int f = 0; f < factors; f++) {
                Object[] labels = new Object[4 + f];
                for (int c = 0; c < labels.length; c++) labels[c] = (long) c;
                strata.add(Strata.ofCodes("x" + f, codes[f], labels));
            }
            long t1 = System.nanoTime();
            GeoDetector.Report report = GeoDetector.run(y, strata, GeoDetectorOptions.defaults(), null);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "run %d: strata %.3f s, factor + 45 interactions + risk (%d pairs) + "
                            + "ecological %.3f s, peak heap %d MB (q of x0 = %.6f, p = %s)%n",
                    run, (t1 - t0) / 1e9, report.risk().rowCount(), (t2 - t1) / 1e9, peakHeapMb(),
                    (Double) report.factor().get(0, "q"), report.factor().get(0, "p_value"));
        }

        double[] x = new double[nOpgd], yo = new double[nOpgd];
        for (int i = 0; i < nOpgd; i++) {
            x[i] = Math.round(random.nextDouble() * 1e6) / 1e3; // up to 1e6 distinct values in [0, 1000]
            yo[i] = Math.floor(x[i] / 180) + random.nextGaussian() * 0.8;
        }
        List<Discretization.Method> methods = List.of(Discretization.Method.EQUAL, Discretization.Method.NATURAL,
                Discretization.Method.QUANTILE, Discretization.Method.GEOMETRIC, Discretization.Method.SD);
        for (int run = 1; run <= 3; run++) {
            resetPeaks();
            long t0 = System.nanoTime();
            OptimalDiscretization.Result r = OptimalDiscretization.optimize("x", yo, x, methods, 3, 8,
                    GeoDetectorOptions.Singletons.KEEP, null);
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "OPGD run %d: N = %,d, 5 methods × k 3..8: %.3f s, peak heap %d MB, best %s k=%d q=%.6f%n",
                    run, nOpgd, (t1 - t0) / 1e9, peakHeapMb(), r.best().method(), r.best().k(), r.best().q());
            long t2 = System.nanoTime();
            double[] breaks = Discretization.breaks(x, Discretization.Method.NATURAL, 8);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "   exact natural breaks alone, k = 8: %.3f s (%d breaks)%n", (t3 - t2) / 1e9, breaks.length);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum >> 20;
    }
}
