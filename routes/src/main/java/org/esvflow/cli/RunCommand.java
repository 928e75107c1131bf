package org.esvflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.geotools.api.feature.type.Name;
import org.geotools.process.Process;
import org.geotools.process.ProcessFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Runs a process: inputs as name=value (files as paths), outputs written into "
        + "--out as GeoTIFF / CSV / JSON with a result.json listing them.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROCESS", description = "Process name, e.g. lu:ClassArea")
    String process;

    @Parameters(index = "1..*", paramLabel = "name=value", description = "Inputs.")
    List<String> arguments = List.of();

    @Option(names = "--out", required = true, description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Name name = ProcessCatalog.parse(process);
        ProcessFactory factory = ProcessCatalog.factory(name);
        Map<String, Object> inputs = new InputDecoder(factory.getParameterInfo(name)).decode(arguments);
        Process instance = factory.create(name);
        ConsoleProgress progress = quiet ? null : new ConsoleProgress(System.err, process);
        Map<String, Object> outputs = instance.execute(inputs, progress);
        if (progress != null && progress.getProgress() < 100f) progress.complete();
        Path result = OutputWriter.write(ProcessCatalog.qualified(name), inputs, outputs, out);
        System.out.println(result);
        return 0;
    }
}
