package org.esvflow.routes.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.esvflow.routes.manifest.StudyManifest;

/** The state of one study run as it travels through the routes (exchange property {@value #PROPERTY}). */
public final class StudyRun {
    public static final String PROPERTY = "esvflowStudy";

    final StudyManifest manifest;
    final StepTable table;
    final StudyPlan plan;
    final Path output;
    final StepRecords records;
    final PipelineListener listener;
    final long startNanos = System.nanoTime();
    private final Map<String, StepRecord> done = new ConcurrentHashMap<>();
    private final Set<String> fresh = ConcurrentHashMap.newKeySet();
    final AtomicInteger executed = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();
    final List<String> failed = Collections.synchronizedList(new ArrayList<>());
    final List<String> layers = Collections.synchronizedList(new ArrayList<>());
    /** Status locations of the executions this run started, dismissed on the server when the study ends. */
    final Queue<String> executions = new ConcurrentLinkedQueue<>();

    /** Epoch or period groups that may run at once (see {@link HeapBudget}). */
    final Semaphore groups;

    StudyRun(StudyManifest manifest, StepTable table, Path output, PipelineListener listener, int parallelGroups) {
        this.groups = new Semaphore(parallelGroups);
        this.manifest = manifest;
        this.table = table;
        this.plan = StudyPlan.of(table, manifest);
        this.output = output;
        this.records = new StepRecords(output);
        this.listener = listener;
    }

    public StudyManifest manifest() {
        return manifest;
    }

    public StepTable table() {
        return table;
    }

    public StudyPlan plan() {
        return plan;
    }

    public Path output() {
        return output;
    }

    /** Records of the steps finished (run or kept) so far, by key. */
    public Map<String, StepRecord> records() {
        return Map.copyOf(done);
    }

    void completed(StepRecord record, boolean ranNow) {
        done.put(record.key(), record);
        if (ranNow) fresh.add(record.key());
        layers.addAll(record.layers());
    }

    StepRecord record(String key) {
        return done.get(key);
    }

    /** Outputs of steps run in this run are still on the server: pass the server's own reference. */
    boolean isFresh(String key) {
        return fresh.contains(key);
    }

    public StudySummary summary() {
        List<String> f;
        synchronized (failed) {
            f = List.copyOf(failed);
        }
        List<String> l;
        synchronized (layers) {
            l = layers.stream().distinct().sorted().toList();
        }
        return new StudySummary(manifest.id(), output, executed.get(), skipped.get(), f, l, (System.nanoTime() - startNanos) / 1e9);
    }
}
