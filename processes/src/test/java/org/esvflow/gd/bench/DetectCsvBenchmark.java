package org.esvflow.gd.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.esvflow.gd.DetectProcess;
import org.esvflow.io.AtomicFiles;
import org.esvflow.process.Document;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * {@code gd:Detect} from a CSV file to every output file, as {@code esvflow run gd:Detect … --out DIR} does it: read the
 * CSV, run the factor detector, all interactions, the ecological and the risk detectors, write each table as CSV plus
 * the workbook and the charts. Compare with {@code processes/src/test/scripts/gd_pandas_baseline.py} on the same CSV.
 *
 * <p>{@code java -Xmx400m -Xmn240m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp $CP
 * org.esvflow.gd.bench.DetectCsvBenchmark samples.csv out [N]}: writes samples.csv first when absent (N rows, default
 * 1 000 000, seed 20261204: y and 10 categorical factors x0..x9 of 3..10 strata). Side by side with pandas:
 * {@code processes/src/test/scripts/gd-detect-vs-pandas.sh}.
 */
public final class DetectCsvBenchmark {
    private DetectCsvBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args[0]), out = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        if (!Files.exists(csv)) generate(csv, n);
        long t0 = System.nanoTime();
        Table samples = Csv.read(csv);
        long t1 = System.nanoTime();
        StringBuilder factors = new StringBuilder();
        for (String c : samples.columns()) if (!c.equals("y")) factors.append(factors.length() > 0 ? "," : "").append(c);
        Map<String, Object> outputs = new DetectProcess().execute(samples, "y", factors.toString(), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        long t2 = System.nanoTime();
        Files.createDirectories(out);
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            if (e.getValue() instanceof Table t) Csv.write(t, out.resolve(e.getKey() + ".csv"));
            else if (e.getValue() instanceof Document d) AtomicFiles.write(out.resolve(d.fileName()), d.content());
        }
        long t3 = System.nanoTime();
        Table factor = (Table) outputs.get("factor");
        System.out.printf(Locale.ROOT, "gd:Detect on %,d rows × %d factors: read %.3f s, detectors + workbook + charts %.3f s, "
                        + "write %.3f s, in JVM %.3f s; q(x0) = %s, %d interactions, %d risk pairs%n",
                samples.rowCount(), factor.rowCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9,
                factor.get(0, "q"), ((Table) outputs.get("interaction")).rowCount(), ((Table) outputs.get("risk")).rowCount());
    }

    /** y = N(0, 1) + stratum effects, 6 decimals; x_f uniform over 3 + ⌊7f/9⌋ strata (3..10). */
    static void generate(Path csv, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(20261204);
        Map<Integer, double[]> effects = new HashMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("y");
            for (int f = 0; f < 10; f++) w.write(",x" + f);
            w.write('\n');
            for (int f = 0; f < 10; f++) {
                double[] e = new double[3 + 7 * f / 9];
                for (int c = 0; c < e.length; c++) e[c] = random.nextGaussian() * (f % 3 == 0 ? 1.0 : 0.2);
                effects.put(f, e);
            }
            int[] codes = new int[10];
            for (int i = 0; i < n; i++) {
                double y = 50 + random.nextGaussian();
                for (int f = 0; f < 10; f++) {
                    codes[f] = random.nextInt(effects.get(f).length);
                    y += effects.get(f)[codes[f]];
                }
                w.write(String.format(Locale.ROOT, "%.6f", y));
                for (int f = 0; f < 10; f++) {
                    w.write(',');
                    w.write(Integer.toString(codes[f] + 1));
                }
                w.write('\n');
            }
        }
    }
}
