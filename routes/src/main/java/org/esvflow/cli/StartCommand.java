package org.esvflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.esvflow.demo.DemoStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job: the demo study, generated if absent, and its first analysis. */
@Command(name = "start", description = "Main job: generates the demo study if absent and runs the analysis on it, "
        + "printing where the outputs are.")
final class StartCommand implements Callable<Integer> {
    @Option(names = "--study-dir", defaultValue = "demo-study", description = "Demo study folder. Default: ${DEFAULT-VALUE}.")
    Path studyDir;

    @Option(names = "--out", defaultValue = "output", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path manifest = studyDir.resolve("study.yaml");
        if (!Files.isRegularFile(manifest)) {
            DemoStudy.generate(studyDir, DemoStudy.Size.SMALL, DemoStudy.DEFAULT_SEED, line -> System.err.println("demo-data: " + line));
        }
        for (int year : DemoStudy.EPOCHS) {
            Path epochOut = out.resolve("class-areas-" + year);
            int code = Main.execute("run", "lu:ClassArea", "landUse=" + studyDir.resolve("landuse/lu_" + year + ".tif"),
                    "regions=" + studyDir.resolve("boundaries/provinces.geojson"), "regionIdField=name", "--out", epochOut.toString());
            if (code != 0) return code;
        }
        System.out.println("study: " + manifest.toAbsolutePath());
        System.out.println("outputs: " + out.toAbsolutePath());
        return 0;
    }
}
