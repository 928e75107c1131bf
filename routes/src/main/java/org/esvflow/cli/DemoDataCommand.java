package org.esvflow.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.esvflow.demo.DemoStudy;
import org.esvflow.routes.manifest.ManifestWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-data", description = "Generates the synthetic demo study (deterministic for a given seed).")
final class DemoDataCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--size", defaultValue = "small", description = "small (960×900 px at 500 m, seconds) or full "
            + "(16000×15000 px at 30 m, BTH scale, for benchmarks). Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--seed", defaultValue = "" + DemoStudy.DEFAULT_SEED, description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        DemoStudy.Size chosen;
        try {
            chosen = DemoStudy.Size.valueOf(size.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new org.esvflow.process.InvalidInputException("--size", "expected small or full, got '" + size + "'");
        }
        long start = System.nanoTime();
        Path manifest = ManifestWriter.writeDemo(out, chosen, seed, line -> System.err.println("demo-data: " + line));
        System.out.printf("demo study written to %s (%.1f s)%n", manifest, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
