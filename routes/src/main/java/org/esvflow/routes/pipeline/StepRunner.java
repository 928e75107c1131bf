package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.routes.wps.ExecuteStatus;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.routes.wps.WpsClient;
import org.esvflow.routes.wps.WpsException;
import org.esvflow.routes.wps.WpsInput;
import org.esvflow.routes.wps.WpsOutput;

/**
 * Runs one step: resolves its inputs, skips it when its record has the same hash and its files are intact, else
 * executes it on the WPS server, downloads the kept outputs into the study folder, publishes its layers and writes
 * its record. Failures propagate to the route, which retries transient ones and dead-letters the rest.
 */
public final class StepRunner {
    private final WpsClient wps;
    private final FileReferences files;
    private final Checksums checksums;
    private final Publisher publisher;

    public StepRunner(WpsClient wps, FileReferences files, Checksums checksums, Publisher publisher) {
        this.wps = wps;
        this.files = files;
        this.checksums = checksums;
        this.publisher = publisher;
    }

    public void run(StepInstance step, StudyRun run) throws IOException, WpsException, StepBlockedException, InterruptedException {
        run.listener.started(step);
        Sources sources = new Sources(run.manifest, run.table, files, checksums, new Sources.Results() {
            @Override
            public StepRecord record(String key) {
                return run.record(key);
            }

            @Override
            public String reference(StepRecord record, StepRecord.KeptOutput output) {
                return run.isFresh(record.key()) ? output.href() : files.href(run.output.resolve(output.file()));
            }

            @Override
            public Path file(StepRecord.KeptOutput output) {
                return run.output.resolve(output.file());
            }

            @Override
            public boolean planned(String key) {
                return run.plan.all().stream().anyMatch(i -> i.key().equals(key));
            }

            @Override
            public String styleReference(String layer) {
                String base = wps.endpoint().toString();
                return base + (base.contains("?") ? "&" : "?") + "service=WMS&version=1.1.1&request=GetStyles&layers="
                        + java.net.URLEncoder.encode(run.manifest.workspace() + ":" + layer, java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public String sha256(String href) throws IOException, InterruptedException {
                Path dir = Files.createTempDirectory("esvflow-style");
                Path temp = dir.resolve("style.sld");
                try {
                    return wps.download(href, temp);
                } catch (WpsException e) {
                    throw new IOException(href + ": " + e.getMessage(), e);
                } finally {
                    Files.deleteIfExists(temp);
                    Files.deleteIfExists(dir);
                }
            }
        });
        StepTable.Step def = step.step();
        List<Sources.Resolved> inputs = def.isPublishOnly() ? sources.resolve("coverage", def.publish().source(), step)
                : sources.resolve(step);
        String hash = hash(step, inputs);
        StepRecord previous = run.records.read(step.key());
        if (previous != null && previous.hash().equals(hash) && intact(previous, run.output)) {
            run.completed(previous, false);
            run.skipped.incrementAndGet();
            run.listener.skipped(step);
            return;
        }
        long start = System.nanoTime();
        StepRecord record = def.isPublishOnly() ? publishOnly(step, run, inputs, hash, start) : execute(step, run, inputs, hash, start);
        run.records.write(record);
        run.completed(record, true);
        run.executed.incrementAndGet();
        run.listener.done(step, record.seconds());
    }

    private StepRecord execute(StepInstance step, StudyRun run, List<Sources.Resolved> inputs, String hash, long start)
            throws WpsException, InterruptedException, IOException {
        StepTable.Step def = step.step();
        List<WpsClient.OutputRequest> wanted = new ArrayList<>();
        def.outputs().values().forEach(o -> wanted.add(new WpsClient.OutputRequest(o.name(), o.mime())));
        ExecuteStatus status = wps.execute(def.process(), inputs.stream().map(Sources.Resolved::input).toList(), wanted,
                s -> run.listener.progress(step, s.percent()));
        Map<String, StepRecord.KeptOutput> kept = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        for (StepTable.Output o : def.outputs().values()) {
            WpsOutput out = status.outputs().get(o.name());
            if (out == null || !out.isReference()) {
                throw new WpsException.Permanent(def.process() + ": output " + o.name() + " missing from the response", "NoApplicableCode", o.name());
            }
            String relative = folder(o) + "/" + fileName(step, o);
            Path file = run.output.resolve(relative);
            String sha256 = wps.download(out.href(), file);
            checksums.remember(file, sha256);
            kept.put(o.name(), new StepRecord.KeptOutput(o.name(), o.mime(), out.href(), relative, sha256));
            if (o.layer() != null && publisher != null) {
                layers.add(publisher.publish(out.href(), o.mime(), run.manifest.workspace(), o.layer(), o.style(), step.time(),
                        run.executions::add));
            }
        }
        if (status.statusLocation() != null) run.executions.add(status.statusLocation());
        return new StepRecord(step.key(), def.process(), hash, fingerprints(inputs), kept, layers, Instant.now().toString(),
                (System.nanoTime() - start) / 1e9);
    }

    private StepRecord publishOnly(StepInstance step, StudyRun run, List<Sources.Resolved> source, String hash, long start)
            throws WpsException, InterruptedException {
        StepTable.Output p = step.step().publish();
        List<String> layers = new ArrayList<>();
        if (publisher != null && !source.isEmpty()) {
            WpsInput in = source.get(0).input();
            layers.add(publisher.publish(in.href(), in.mimeType(), run.manifest.workspace(), p.layer(), p.style(), step.time(),
                    run.executions::add));
        }
        return new StepRecord(step.key(), publisher == null ? null : publisher.process(), hash, fingerprints(source), Map.of(),
                layers, Instant.now().toString(), (System.nanoTime() - start) / 1e9);
    }

    /** The content hash of a step: process, every input's fingerprint, the outputs kept and the layers published. */
    static String hash(StepInstance step, List<Sources.Resolved> inputs) {
        StringBuilder b = new StringBuilder("esvflow-step/1\n");
        StepTable.Step def = step.step();
        b.append(def.process() == null ? "publish" : def.process()).append('\n');
        inputs.stream().sorted(java.util.Comparator.comparing(r -> r.input().name()))
                .forEach(r -> b.append(r.input().name()).append('=').append(r.fingerprint()).append('\n'));
        for (StepTable.Output o : def.outputs().values()) {
            b.append("out ").append(o.name()).append(' ').append(o.mime()).append(' ').append(o.layer()).append(' ').append(o.style()).append('\n');
        }
        if (def.publish() != null) {
            b.append("publish ").append(def.publish().source()).append(' ').append(def.publish().layer()).append(' ')
                    .append(def.publish().style()).append('\n');
        }
        b.append("time ").append(step.time()).append('\n');
        return Checksums.of(b.toString());
    }

    private boolean intact(StepRecord record, Path output) {
        for (StepRecord.KeptOutput o : record.outputs().values()) {
            Path f = output.resolve(o.file());
            try {
                if (!Files.isRegularFile(f) || !checksums.sha256(f).equals(o.sha256())) return false;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, List<String>> fingerprints(List<Sources.Resolved> inputs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Sources.Resolved r : inputs) out.computeIfAbsent(r.input().name(), k -> new ArrayList<>()).add(r.fingerprint());
        return out;
    }

    private static String folder(StepTable.Output o) {
        if (o.table() != null) return "tables/by-step";
        if (o.figure() != null) return "figures";
        return o.isRaster() ? "rasters" : "other";
    }

    private static String fileName(StepInstance step, StepTable.Output o) {
        if (o.figure() != null) return o.figure() + (step.label().equals("study") ? "" : "_" + step.label()) + extension(o.mime());
        String stem = o.table() != null ? o.table() : o.layer() != null ? o.layer() : step.step().id() + "_" + o.name();
        return stem + "_" + step.label() + extension(o.mime());
    }

    static String extension(String mime) {
        return "." + CodecRegistry.standard().extension(mime);
    }
}
