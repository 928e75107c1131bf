package org.esvflow.server.wps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.OutputSelection;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import org.esvflow.server.ows.OwsException;
import org.geotools.api.data.Parameter;
import org.geotools.process.Process;
import org.geotools.process.ProcessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions, as GeoServer's WPS executor does apart from its request dispatch: two bounded pools (sync and
 * async) with bounded queues (a full queue is {@code ServerBusy}), a time limit per execution, status documents
 * written to the {@link OutputStore} as a job runs, cancellation by Dismiss, and expiry of finished jobs. On start,
 * executions an earlier run of the server left unfinished are marked failed ("server restarted") and their partial
 * outputs deleted; finished ones stay readable until they expire.
 */
public final class ExecutionManager implements ChainedRequests, AutoCloseable {
    private static final CodecRegistry CODECS = CodecRegistry.standard();
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionManager.class);
    /** Raw sync outputs and chained scratch files are kept this long, whatever the result expiry. */
    private static final Duration SCRATCH_EXPIRY = Duration.ofMinutes(10);
    private static final int CLOSE_GRACE_SECONDS = 10;
    static final String RESTARTED = "the server restarted before the execution finished";

    private final ServerConfig config;
    private final ProcessRegistry registry;
    private final OutputStore store;
    private final InputResolver resolver;
    private final RemoteInputCache inputs;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Scratch directories of in-process (chained) executions; their inputs may back lazily read outputs. */
    private final Queue<Path> inlineDirs = new ConcurrentLinkedQueue<>();
    private final ThreadPoolExecutor syncPool;
    private final ThreadPoolExecutor asyncPool;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wps-timer"));

    public ExecutionManager(ServerConfig config, ProcessRegistry registry, OutputStore store, InProcess local) {
        this.config = config;
        this.registry = registry;
        this.store = store;
        this.inputs = new RemoteInputCache(store.root().resolve("inputs"));
        this.resolver = new InputResolver(config, local, this, inputs);
        recover();
        this.syncPool = pool("wps-sync", config.maxSyncExecutions(), config.maxQueuedExecutions());
        this.asyncPool = pool("wps-async", config.maxAsyncExecutions(), config.maxQueuedExecutions());
        timers.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                r -> daemon(r, name + "-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Marks every execution the store holds without a final status as failed and deletes its partial outputs: no
     * thread of this server runs it, so a client polling its status would otherwise wait forever.
     */
    private void recover() {
        for (Path dir : store.storedExecutions()) {
            byte[] stored = store.storedStatus(dir.getFileName().toString());
            try {
                if (stored == null) continue;
                if (WpsDocuments.isFinal(stored)) {
                    store.sweepInputs(dir); // decoded inputs are scratch; only the outputs are served
                    continue;
                }
                store.sweepOutputs(dir);
                store.writeStatus(dir, WpsDocuments.failedAfterRestart(stored, RESTARTED));
                LOG.info("execution {} was interrupted by a restart; marked failed", dir.getFileName());
            } catch (IOException | RuntimeException e) {
                LOG.warn("execution {} left by an earlier run could not be marked failed; deleting it", dir.getFileName(), e);
                OutputStore.deleteTree(dir);
            }
        }
    }

    /** A new job for a validated request, with its directory in the output store. */
    Job create(ProcessRegistry.Entry process, ExecuteRequest request, String baseUrl, String owner) {
        Path dir = store.create();
        try {
            request.adoptPayloads(dir); // spooled inline inputs now live and die with the execution
        } catch (IOException e) {
            OutputStore.deleteTree(dir);
            throw new OwsException("NoApplicableCode", null, "the inline inputs cannot be stored");
        }
        Job job = new Job(dir.getFileName().toString(), process, request, baseUrl, dir, request.storeExecuteResponse, owner);
        jobs.put(job.id, job);
        return job;
    }

    /** Queues an async job; its status is persisted from now on. */
    void submit(Job job) {
        job.onProgress(() -> persistStatus(job));
        try {
            job.future = asyncPool.submit(() -> run(job));
        } catch (RejectedExecutionException e) {
            forget(job);
            throw busy();
        }
        persistStatus(job);
        timers.schedule(() -> timeout(job), config.maxExecutionTime().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs a sync job within the execution time limit; throws its error unless it succeeded. */
    void runSync(Job job) {
        Future<?> future;
        try {
            future = syncPool.submit(() -> run(job));
        } catch (RejectedExecutionException e) {
            forget(job);
            throw busy();
        }
        job.future = future;
        try {
            future.get(config.maxExecutionTime().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            timeout(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.setCanceled(true);
            future.cancel(true);
        } catch (ExecutionException | CancellationException e) {
            LOG.debug("sync execution {} ended abnormally", job.id, e);
        }
        if (job.state != Job.State.SUCCEEDED) {
            OwsException error = job.error != null ? job.error
                    : new OwsException("NoApplicableCode", null, "the execution did not complete");
            forget(job);
            throw error;
        }
    }

    private static OwsException busy() {
        return new OwsException("ServerBusy", null, "too many executions are queued; try again later");
    }

    /** How deep the calling thread is in nested in-process Executes. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public Object executeInline(ExecuteRequest request, String baseUrl) {
        ProcessRegistry.Entry p = registry.find(request.identifier);
        if (p == null) throw OwsException.invalid("Identifier", "no such process: " + request.identifier);
        if (p.factory() instanceof org.esvflow.server.catalog.CatalogProcessFactory) {
            throw OwsException.invalid("Identifier", p.id() + " changes the catalog and cannot run inside an input reference");
        }
        int[] depth = DEPTH.get();
        if (depth[0] >= config.maxChainDepth()) {
            throw OwsException.invalid("Identifier", "input references nest Executes more than "
                    + config.maxChainDepth() + " deep");
        }
        ExecuteValidator.validate(request, p);
        String output = request.raw != null ? request.raw.name() : p.outputs().keySet().iterator().next();
        Path dir = store.create();
        depth[0]++;
        try {
            Map<String, Object> inputs = decodeInputs(request, p, dir, baseUrl);
            Process process = p.factory().create(p.name());
            Map<String, Object> out = process.execute(inputs, OutputSelection.only(Set.of(output), null));
            return out.get(output);
        } catch (IOException e) {
            throw new OwsException("NoApplicableCode", null, "the referenced execution failed");
        } finally {
            depth[0]--;
            inlineDirs.add(dir);
        }
    }

    private Map<String, Object> decodeInputs(ExecuteRequest request, ProcessRegistry.Entry p, Path dir, String baseUrl)
            throws IOException {
        Map<String, Object> inputs = new HashMap<>();
        for (Parameter<?> param : p.inputs().values()) {
            List<ExecuteRequest.Input> values = request.inputs.getOrDefault(param.key, List.of());
            if (values.isEmpty()) continue;
            Class<?> type = param.type;
            if (param.maxOccurs > 1 || param.maxOccurs < 0) {
                List<Object> list = new ArrayList<>();
                for (ExecuteRequest.Input in : values) list.add(resolver.resolve(in, type, dir, baseUrl));
                inputs.put(param.key, list);
            } else {
                inputs.put(param.key, resolver.resolve(values.get(0), type, dir, baseUrl));
            }
        }
        return inputs;
    }

    private void run(Job job) {
        try {
            job.state = Job.State.STARTED;
            job.message = "Process started";
            persistStatus(job);
            Map<String, Object> inputs = decodeInputs(job.request, job.process, job.dir, job.baseUrl);
            Process process = job.process.factory().create(job.process.name());
            Map<String, Object> out = process.execute(inputs, job);
            if (job.cancelled) throw new CancellationException("cancelled");
            storeResults(job, out == null ? Map.of() : out);
            job.state = Job.State.SUCCEEDED;
            job.percent = 100f;
        } catch (OwsException e) {
            fail(job, e);
        } catch (InvalidInputException e) {
            fail(job, OwsException.invalid(e.getInput(), e.getMessage()));
        } catch (CancellationException e) {
            fail(job, new OwsException("NoApplicableCode", null, job.message.startsWith("Timed out")
                    ? job.message : "the execution was cancelled"));
        } catch (ProcessException e) {
            Throwable root = e.getCause() instanceof InvalidInputException iie ? iie : null;
            String damaged = damagedInput(job, e);
            if (root != null) fail(job, OwsException.invalid(((InvalidInputException) root).getInput(), root.getMessage()));
            else if (damaged != null) fail(job, damaged(damaged, job, e));
            else fail(job, new OwsException("NoApplicableCode", null, "process failed: " + Messages.scrub(e.getMessage())));
        } catch (IOException | RuntimeException e) {
            String damaged = damagedInput(job, e);
            if (damaged != null) {
                fail(job, damaged(damaged, job, e));
            } else {
                LOG.warn("execution {} of {} failed", job.id, job.process.id(), e);
                fail(job, new OwsException("NoApplicableCode", null, "process failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + Messages.scrub(e.getMessage()))));
            }
        } catch (Error e) {
            LOG.error("execution {} of {} failed", job.id, job.process.id(), e);
            fail(job, new OwsException("NoApplicableCode", null, "process failed: " + e.getClass().getSimpleName()));
        } finally {
            job.finished = Instant.now();
            persistStatus(job);
        }
    }

    /**
     * The input whose decoded file ({@code <input><digits>.in}, see {@link InputResolver}) a failure names: its data
     * could not be read (garbage or cut tiles, found only when the process reads them), so the client sent bad data.
     */
    private static String damagedInput(Job job, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            for (String input : job.process.inputs().keySet()) {
                if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(input) + "-?[0-9]+\\.in\\b")
                        .matcher(m).find()) {
                    return input;
                }
            }
        }
        return null;
    }

    private static OwsException damaged(String input, Job job, Throwable e) {
        LOG.info("execution {}: input {} could not be decoded: {}", job.id, input, e.toString());
        return OwsException.invalid(input, input + ": the data could not be decoded (damaged or truncated tiles)");
    }

    /** Marks a job failed; a job cancelled by a timeout or Dismiss fails for that reason, whatever the process threw. */
    private static void fail(Job job, OwsException e) {
        job.error = !job.cancelled ? e : new OwsException("NoApplicableCode", null,
                job.message.startsWith("Timed out") ? job.message : "the execution was cancelled");
        job.state = Job.State.FAILED;
    }

    /** Encodes the requested outputs (all when none is named) into the job's directory. */
    private void storeResults(Job job, Map<String, Object> out) throws IOException {
        Map<String, Parameter<?>> outs = job.process.outputs();
        Map<String, String> wanted = new LinkedHashMap<>();
        if (job.request.raw != null) {
            wanted.put(job.request.raw.name(), job.request.raw.mimeType());
        } else if (!job.request.outputs.isEmpty()) {
            for (ExecuteRequest.Output o : job.request.outputs) wanted.put(o.name(), o.mimeType());
        } else {
            for (String name : outs.keySet()) wanted.put(name, null);
        }
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            Object value = out.get(w.getKey());
            if (value == null) continue;
            Parameter<?> param = outs.get(w.getKey());
            if (param != null && CODECS.isLiteral(param.type) || CODECS.isLiteral(value.getClass())) {
                String text = CODECS.literal(value.getClass(), w.getKey()).encode(value);
                job.results.put(w.getKey(), new Job.Result(w.getKey(), text, null, null));
                continue;
            }
            ComplexCodec<?> codec = CODECS.encoder(value, w.getValue());
            if (codec == null) throw OwsException.invalid(w.getKey(), "output " + w.getKey() + " is not available as " + w.getValue());
            Path file = OutputStore.outputFile(job.dir, w.getKey(), codec.fileExtension());
            codec.encodeObject(value, file);
            job.results.put(w.getKey(), new Job.Result(w.getKey(), null, file, codec.mimeType()));
        }
        if (job.request.raw != null && !job.results.containsKey(job.request.raw.name())) {
            throw new OwsException("NoApplicableCode", job.request.raw.name(), "the process returned no "
                    + job.request.raw.name());
        }
    }

    private void timeout(Job job) {
        if (job.finished != null) return;
        job.message = "Timed out after " + config.maxExecutionTime().toSeconds() + " s";
        job.setCanceled(true);
        Future<?> f = job.future;
        if (f != null) f.cancel(true);
        if (job.finished == null) {
            fail(job, new OwsException("NoApplicableCode", null, job.message));
            job.finished = Instant.now();
            persistStatus(job);
        }
    }

    /** Writes the status document of an async job to its directory, so it survives any client. */
    private void persistStatus(Job job) {
        if (!job.async) return;
        synchronized (job) {
            if (job.forgotten) return;
            try {
                store.writeStatus(job.dir, WpsDocuments.executeResponse(job, job.statusLocation()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("status of {} not persisted: {}", job.id, e.getMessage());
            }
        }
    }

    /** A live job, or null. */
    Job live(String executionId) {
        return OutputStore.isExecutionId(executionId) ? jobs.get(executionId) : null;
    }

    /** A live job; an OWS exception naming {@code executionId} when unknown. */
    Job job(String executionId) {
        Job job = live(executionId);
        if (job == null) throw OwsException.invalid("executionId", "unknown executionId " + executionId);
        return job;
    }

    /** The live status document, or after a restart the one the job last wrote, until it expires. */
    byte[] status(String executionId) {
        if (live(executionId) == null) {
            byte[] stored = store.storedStatus(executionId);
            if (stored != null) return stored;
        }
        Job job = job(executionId);
        return WpsDocuments.executeResponse(job, job.statusLocation());
    }

    @Override
    public Job.Result storedResult(String executionId, String outputId) {
        Job job = job(executionId);
        if (!OutputStore.isOutputId(outputId)) throw OwsException.invalid("outputId", "invalid outputId");
        for (Job.Result r : job.results.values()) {
            if (r.file() != null && r.file().getFileName().toString().equals(outputId)) return r;
        }
        throw OwsException.invalid("outputId", "no output " + outputId + " in execution " + executionId);
    }

    /**
     * A stored output of an execution from an earlier run (typed by the caller): only a file its final status
     * document references as an output, never an input or a partial file; null for a live job.
     */
    Path storedFile(String executionId, String outputId) {
        if (live(executionId) != null) return null;
        byte[] stored = store.storedStatus(executionId);
        if (stored == null || !WpsDocuments.isFinal(stored) || !WpsDocuments.referencesOutput(stored, outputId)) return null;
        return store.storedOutput(executionId, outputId);
    }

    /** GeoServer's Dismiss: cancels a running execution or drops a finished one, deleting its results. */
    byte[] dismiss(String executionId) {
        if (live(executionId) == null) {
            byte[] stored = store.storedStatus(executionId);
            if (stored != null) { // left by an earlier run of the server: nothing runs it, so only its files go
                byte[] doc = WpsDocuments.failedAfterRestart(stored, "The process " + executionId + " has been dismissed");
                OutputStore.deleteTree(store.dir(executionId));
                return doc;
            }
        }
        Job job = job(executionId);
        job.setCanceled(true);
        if (job.future != null) job.future.cancel(true);
        if (job.finished == null) {
            job.message = "dismissed";
            fail(job, new OwsException("NoApplicableCode", null, "The process " + executionId + " has been dismissed"));
            job.finished = Instant.now();
        }
        byte[] doc = WpsDocuments.executeResponse(job, job.statusLocation());
        forget(job);
        return doc;
    }

    Collection<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** Drops a job and its files; a still-running job can no longer write its status afterwards. */
    private void forget(Job job) {
        synchronized (job) {
            job.forgotten = true;
            jobs.remove(job.id);
            OutputStore.deleteTree(job.dir);
        }
        inputs.dropUnreferenced();
    }

    private void expire() {
        Instant limit = Instant.now().minus(config.resultExpiry());
        Instant scratchLimit = Instant.now().minus(SCRATCH_EXPIRY);
        store.expire(limit, dir -> jobs.containsKey(dir.getFileName().toString()) || inlineDirs.contains(dir));
        inputs.expire(limit);
        for (Path dir; (dir = inlineDirs.peek()) != null; ) {
            try {
                if (Files.getLastModifiedTime(dir).toInstant().isAfter(scratchLimit)) break;
            } catch (IOException e) {
                LOG.debug("scratch {} already gone", dir);
            }
            inlineDirs.poll();
            OutputStore.deleteTree(dir);
        }
        for (Job job : List.copyOf(jobs.values())) {
            boolean scratch = !job.async && job.request.raw != null; // its only client already got the bytes
            if (job.finished != null && job.finished.isBefore(scratch ? scratchLimit : limit)) forget(job);
        }
    }

    /** Jobs known to the server (for tests and monitoring). */
    public int jobCount() {
        return jobs.size();
    }

    /**
     * Interrupts running executions and waits up to {@value #CLOSE_GRACE_SECONDS} s for them to write their last
     * status, so nothing writes into the output store after the server has stopped.
     */
    @Override
    public void close() {
        timers.shutdownNow();
        syncPool.shutdownNow();
        asyncPool.shutdownNow();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_GRACE_SECONDS);
            syncPool.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
            asyncPool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
