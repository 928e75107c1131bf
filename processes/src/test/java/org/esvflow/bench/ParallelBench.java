package org.esvflow.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.esvflow.raster.Parallel;

/**
 * CPU spent by several callers that each run loops of 8 items in parallel, as WPS executions and the tile prefetcher
 * do: parallel streams against {@link Parallel}, and the same items run sequentially as the baseline.
 *
 * <pre>java -cp processes/target/classes:processes/target/test-classes:$(cat processes/target/cp.txt) \
 *     org.esvflow.bench.ParallelBench [callers]</pre>
 */
public final class ParallelBench {
    private static final int LOOPS = 150, ITEMS = 8, WORK = 200_000;

    public static void main(String[] args) throws Exception {
        int callers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        work(WORK); // warm up
        run("sequential", callers, (n, body) -> IntStream.range(0, n).forEach(body));
        run("parallel streams", callers, (n, body) -> IntStream.range(0, n).parallel().forEach(body));
        run("Parallel.forEach", callers, Parallel::forEach);
    }

    private interface Loop {
        void forEach(int n, IntConsumer body);
    }

    private static void run(String name, int callers, Loop loop) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        double[] sink = new double[callers];
        for (int c = 0; c < callers; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                for (int r = 0; r < LOOPS; r++) {
                    double[] out = new double[ITEMS];
                    loop.forEach(ITEMS, i -> out[i] = work(WORK));
                    sink[id] += out[ITEMS - 1];
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        System.out.printf("%-18s %d callers: wall %5.1f s, CPU %5.1f s%n", name, callers, (System.nanoTime() - t0) / 1e9,
                (os.getProcessCpuTime() - cpu0) / 1e9);
    }

    private static double work(int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.sqrt(i + s % 3);
        return s;
    }
}
