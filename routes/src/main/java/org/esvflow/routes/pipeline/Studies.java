package org.esvflow.routes.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.esvflow.routes.manifest.ManifestException;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.manifest.StudyManifest;
import org.esvflow.routes.report.StudyOutputs;
import org.esvflow.routes.wps.WpsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a study (validate, plan, output folder), hands the splitters their groups, and finishes it. */
public final class Studies {
    private static final Logger LOG = LoggerFactory.getLogger(Studies.class);

    /** A request to run a study: the manifest and the output folder (null: {@code output/} beside the manifest). */
    public record Request(Path manifest, Path output) {}

    private final StepTable table;
    private final FileReferences files;
    private final PipelineListener listener;
    private final String serverUrl;
    private final Checksums checksums;

    private final MeterRegistry metrics;
    private final WpsClient dismissOn; // null: leave executions on the server
    private final int parallelGroups;
    private final boolean serverSharesHeap;

    public Studies(StepTable table, FileReferences files, PipelineListener listener, String serverUrl, Checksums checksums,
            MeterRegistry metrics, WpsClient dismissOn, int parallelGroups, boolean serverSharesHeap) {
        this.parallelGroups = parallelGroups;
        this.serverSharesHeap = serverSharesHeap;
        this.dismissOn = dismissOn;
        this.checksums = checksums;
        this.metrics = metrics;
        this.table = table;
        this.files = files;
        this.listener = listener;
        this.serverUrl = serverUrl;
    }

    void open(Exchange e) throws ManifestException, IOException {
        Object body = e.getMessage().getBody();
        Request r = body instanceof Request req ? req : new Request(Path.of(String.valueOf(body)), null);
        StudyManifest m = ManifestReader.read(r.manifest());
        Path output = (r.output() != null ? r.output() : m.dir().resolve("output")).toAbsolutePath().normalize();
        if (files instanceof StudyFileServer s) {
            s.share(m.dir());
            s.share(output);
        }
        int groups = parallelGroups;
        if (serverSharesHeap && groups > 1) {
            long width = HeapBudget.widestGrid(m), heap = Runtime.getRuntime().maxMemory();
            groups = HeapBudget.groups(width, heap, groups);
            if (groups < parallelGroups) {
                LOG.info("study {}: grid {} px wide, heap {} MB shared with the WPS server: {} epoch group(s) at a time "
                        + "instead of {} (more heap: ESVFLOW_JAVA_OPTS=-Xmx...)", m.id(), width, heap >> 20, groups, parallelGroups);
            }
        }
        StudyRun run = new StudyRun(m, table, output, listener, groups);
        e.setProperty(StudyRun.PROPERTY, run);
        listener.planned(m.id(), run.plan.size());
        e.getMessage().setBody(run);
    }

    /** After a step that published layers: the viewer's study.json, so the study can be watched while it runs. */
    void stepDone(Exchange e) throws IOException {
        StudyRun run = e.getProperty(StudyRun.PROPERTY, StudyRun.class);
        StepInstance step = e.getMessage().getBody(StepInstance.class);
        StepRecord r = run.record(step.key());
        if (r == null || r.layers().isEmpty()) return;
        synchronized (run) {
            StudyOutputs.writeStudyJson(run, run.summary(), serverUrl);
        }
        if (files instanceof StudyFileServer s) s.addStudy(run.manifest.id(), run.output);
    }

    /** A group of steps (an epoch's or a period's) may start: waits while as many as the heap allows are running. */
    void enterGroup(Exchange e) throws InterruptedException {
        e.getProperty(StudyRun.PROPERTY, StudyRun.class).groups.acquire();
    }

    void leaveGroup(Exchange e) {
        e.getProperty(StudyRun.PROPERTY, StudyRun.class).groups.release();
    }

    public List<StepInstance> setupSteps(@ExchangeProperty(StudyRun.PROPERTY) StudyRun run) {
        return run.plan.setup();
    }

    public List<List<StepInstance>> epochs(@ExchangeProperty(StudyRun.PROPERTY) StudyRun run) {
        return StudyRoutes.groups(run.plan.epochs());
    }

    public List<List<StepInstance>> periods(@ExchangeProperty(StudyRun.PROPERTY) StudyRun run) {
        return StudyRoutes.groups(run.plan.periods());
    }

    public List<StepInstance> studySteps(@ExchangeProperty(StudyRun.PROPERTY) StudyRun run) {
        return run.plan.study();
    }

    /**
     * Dismisses the executions the run started: their outputs were downloaded and published, and on a large study the
     * server's copies are as big as the study folder. Refusals are logged, never fatal.
     */
    private void dismissExecutions(StudyRun run) {
        if (dismissOn == null) return;
        int asked = 0, dismissed = 0;
        try {
            for (String location; (location = run.executions.poll()) != null; asked++) {
                if (dismissOn.dismiss(location)) dismissed++;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (dismissed < asked) {
            LOG.info("study {}: the WPS server dismissed {} of {} executions; the rest expire there", run.manifest.id(),
                    dismissed, asked);
        }
    }

    void finish(Exchange e) throws IOException {
        StudyRun run = e.getProperty(StudyRun.PROPERTY, StudyRun.class);
        StudySummary summary = run.summary();
        synchronized (run) {
            StudyOutputs.write(run, summary, serverUrl, checksums);
            try {
                StudyProject.write(run, serverUrl);
            } catch (IOException | RuntimeException failure) { // the study's results stand without their QGIS project
                LOG.warn("study {}: {} not written: {}", run.manifest.id(), StudyProject.FILE, failure.getMessage());
            }
        }
        StudyOutputs.writeMetrics(metrics, run.output.resolve("metrics.json"));
        dismissExecutions(run);
        if (files instanceof StudyFileServer s) s.addStudy(run.manifest.id(), run.output);
        listener.finished(summary);
        e.getMessage().setBody(summary);
    }
}
