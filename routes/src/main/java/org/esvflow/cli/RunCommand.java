package org.esvflow.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.OutputSelection;
import org.geotools.api.feature.type.Name;
import org.geotools.process.Process;
import org.geotools.process.ProcessFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Runs a process: inputs as name=value (files as paths), outputs written into "
        + "--out as GeoTIFF / CSV / GeoJSON / XLSX / PNG / JSON (the formats WPS serves by default) with a result.json "
        + "listing them.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROCESS", description = "Process name, e.g. lu:ClassArea")
    String process;

    @Parameters(index = "1..*", paramLabel = "name=value", description = "Inputs.")
    List<String> arguments = List.of();

    @Option(names = "--out", required = true, description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--outputs", split = ",", paramLabel = "NAME", description = "Only these outputs (comma-separated), "
            + "as a WPS ResponseDocument lists them: the others are not written, and rasters computed only when written "
            + "are not computed at all. Default: every output.")
    List<String> only;

    @Option(names = "--quiet", description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Name name = ProcessCatalog.parse(process);
        ProcessFactory factory = ProcessCatalog.factory(name);
        Map<String, Object> inputs = new InputDecoder(factory.getParameterInfo(name)).decode(arguments);
        Set<String> wanted = only == null || only.isEmpty() ? null : wanted(factory.getResultInfo(name, inputs).keySet());
        Process instance = factory.create(name);
        ConsoleProgress progress = quiet ? null : new ConsoleProgress(System.err, process);
        Map<String, Object> outputs = instance.execute(inputs, OutputSelection.only(wanted, progress));
        if (progress != null && progress.getProgress() < 100f) progress.complete();
        Map<String, Object> kept = new LinkedHashMap<>();
        outputs.forEach((k, v) -> {
            if (wanted == null || wanted.contains(k)) kept.put(k, v);
        });
        Path result = OutputWriter.write(ProcessCatalog.qualified(name), inputs, kept, out);
        System.out.println(result);
        return 0;
    }

    /** The outputs asked for; an unknown name is reported like a bad input. */
    private Set<String> wanted(Set<String> declared) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String o : only) {
            String n = o.trim();
            if (!declared.contains(n)) throw new InvalidInputException("--outputs", "'" + n + "' is not an output; outputs are " + declared);
            wanted.add(n);
        }
        return wanted;
    }
}
