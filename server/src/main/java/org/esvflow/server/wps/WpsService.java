package org.esvflow.server.wps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.esvflow.io.AtomicFiles;
import org.esvflow.process.InvalidInputException;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.OwsResponse;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.Xml;
import org.geotools.api.data.Parameter;
import org.geotools.process.Process;
import org.geotools.process.ProcessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WPS 1.0.0: GetCapabilities, DescribeProcess, Execute (sync and async) and GeoServer's vendor operations
 * GetExecutionStatus, GetExecutionResult, Dismiss and GetExecutions. Executions run on two bounded pools (sync and
 * async) with bounded queues; a full queue is answered {@code ServerBusy}. Status documents are written to the
 * output store as the job runs; results expire after {@link ServerConfig#resultExpiry()}.
 */
public final class WpsService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WpsService.class);
    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f\\-]{36}");
    /** Raw sync outputs and chained scratch files are kept this long, whatever the result expiry. */
    private static final java.time.Duration SCRATCH_EXPIRY = java.time.Duration.ofMinutes(10);
    private static final Pattern OUTPUT_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}\\.[a-z]{2,7}");
    private static final CodecRegistry CODECS = CodecRegistry.standard();

    private final ServerConfig config;
    private final ProcessRegistry registry;
    private final InputResolver resolver;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Scratch directories of in-process (chained) executions; their inputs may back lazily read outputs. */
    private final java.util.Queue<Path> inlineDirs = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ThreadPoolExecutor syncPool;
    private final ThreadPoolExecutor asyncPool;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wps-timer"));

    public WpsService(ServerConfig config, ProcessRegistry registry, InProcess local) throws IOException {
        this.config = config;
        this.registry = registry;
        this.resolver = new InputResolver(config, local, this);
        Files.createDirectories(config.outputDir());
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

    public ProcessRegistry registry() {
        return registry;
    }

    /** Dispatches a KVP request. */
    public OwsResponse handle(Kvp kvp, RequestContext ctx) {
        String request = kvp.require("request");
        switch (request.toLowerCase(java.util.Locale.ROOT)) {
            case "getcapabilities":
                return OwsResponse.xml(WpsDocuments.capabilities(registry.all(), ctx.ows()));
            case "describeprocess":
                return OwsResponse.xml(describe(kvp.require("identifier")));
            case "execute":
                requireVersion(kvp.get("version"));
                return execute(ExecuteRequest.fromKvp(kvp), ctx);
            case "getexecutionstatus":
                return status(kvp.require("executionId"));
            case "getexecutionresult":
                return result(kvp.require("executionId"), kvp.require("outputId"));
            case "dismiss":
                return dismiss(kvp.require("executionId"));
            case "getexecutions":
                return executions();
            default:
                throw new OwsException("OperationNotSupported", "request", "unknown WPS operation " + request);
        }
    }

    static void requireVersion(String version) {
        if (version != null && !version.equals("1.0.0")) {
            throw new OwsException("VersionNegotiationFailed", "version", "only WPS 1.0.0 is supported");
        }
    }

    public byte[] describe(String identifiers) {
        List<ProcessRegistry.Entry> list = new ArrayList<>();
        if (identifiers.equalsIgnoreCase("ALL")) {
            list.addAll(registry.all());
        } else {
            for (String id : identifiers.split(",")) list.add(process(id.trim(), "identifier"));
        }
        return WpsDocuments.describe(list, config.maxInputBytes() >> 20);
    }

    private ProcessRegistry.Entry process(String id, String locator) {
        ProcessRegistry.Entry p = registry.find(id);
        if (p == null) throw OwsException.invalid(locator, "no such process: " + id);
        return p;
    }

    /** Executes a request: raw output, sync response document, or accepted async job. */
    public OwsResponse execute(ExecuteRequest request, RequestContext ctx) {
        ProcessRegistry.Entry p = process(request.identifier, "Identifier");
        validate(request, p);
        if (request.status && !request.storeExecuteResponse) {
            throw OwsException.invalid("status", "status=true requires storeExecuteResponse=true");
        }
        if (request.raw != null && request.storeExecuteResponse) {
            throw OwsException.invalid("storeExecuteResponse", "RawDataOutput cannot be stored; use a ResponseDocument");
        }
        String id = UUID.randomUUID().toString();
        Path dir = config.outputDir().resolve(id);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OwsException("NoApplicableCode", null, "the output store is not writable");
        }
        Job job = new Job(id, p, request, ctx.baseUrl(), dir, request.storeExecuteResponse);
        jobs.put(id, job);
        if (job.async) {
            job.onProgress(() -> persistStatus(job));
            try {
                job.future = asyncPool.submit(() -> run(job));
            } catch (RejectedExecutionException e) {
                forget(job);
                throw new OwsException("ServerBusy", null, "too many executions are queued; try again later");
            }
            persistStatus(job);
            timers.schedule(() -> timeout(job), config.maxExecutionTime().toMillis(), TimeUnit.MILLISECONDS);
            return OwsResponse.xml(WpsDocuments.executeResponse(job, statusLocation(job)));
        }
        Future<?> future;
        try {
            future = syncPool.submit(() -> run(job));
        } catch (RejectedExecutionException e) {
            forget(job);
            throw new OwsException("ServerBusy", null, "too many executions are queued; try again later");
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
            LOG.debug("sync execution {} ended abnormally", id, e);
        }
        if (job.state != Job.State.SUCCEEDED) {
            OwsException error = job.error != null ? job.error
                    : new OwsException("NoApplicableCode", null, "the execution did not complete");
            forget(job);
            throw error;
        }
        if (request.raw != null) {
            Job.Result r = job.results.get(request.raw.name());
            if (r.literal() != null) return OwsResponse.text("text/plain; charset=UTF-8", r.literal());
            return OwsResponse.file(r.mimeType(), r.file(), r.file().getFileName().toString());
        }
        return OwsResponse.xml(WpsDocuments.executeResponse(job, null));
    }

    /** Runs a request in the calling thread and returns its raw output object (in-process chaining). */
    Object executeInline(ExecuteRequest request, String baseUrl) {
        ProcessRegistry.Entry p = process(request.identifier, "Identifier");
        validate(request, p);
        String output = request.raw != null ? request.raw.name() : p.outputs().keySet().iterator().next();
        Path dir = config.outputDir().resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
            Map<String, Object> inputs = decodeInputs(request, p, dir, baseUrl);
            Process process = p.factory().create(p.name());
            Map<String, Object> out = process.execute(inputs, null);
            return out.get(output);
        } catch (IOException e) {
            throw new OwsException("NoApplicableCode", null, "the referenced execution failed");
        } finally {
            inlineDirs.add(dir);
        }
    }

    private void validate(ExecuteRequest request, ProcessRegistry.Entry p) {
        Map<String, Parameter<?>> params = p.inputs();
        for (String name : request.inputs.keySet()) {
            if (!params.containsKey(name)) throw OwsException.invalid(name, "unknown input " + name + " of " + p.id());
        }
        for (Parameter<?> param : params.values()) {
            int n = request.inputs.getOrDefault(param.key, List.of()).size();
            if (n < param.minOccurs && param.getDefaultValue() == null) {
                throw new OwsException("MissingParameterValue", param.key, "input " + param.key + " is required");
            }
            int max = param.maxOccurs < 0 ? Integer.MAX_VALUE : param.maxOccurs;
            if (n > max) throw OwsException.invalid(param.key, "input " + param.key + " takes at most " + max + " values");
            for (ExecuteRequest.Input in : request.inputs.getOrDefault(param.key, List.of())) {
                if (in.literal() != null) {
                    Object v = CODECS.literal(param.type, param.key).decode(in.literal(), param.key);
                    checkRange(param, v);
                }
            }
        }
        Map<String, Parameter<?>> outs = p.outputs();
        List<ExecuteRequest.Output> wanted = new ArrayList<>(request.outputs);
        if (request.raw != null) wanted.add(request.raw);
        for (ExecuteRequest.Output o : wanted) {
            Parameter<?> out = outs.get(o.name());
            if (out == null) throw OwsException.invalid(o.name(), "unknown output " + o.name() + " of " + p.id());
            if (o.mimeType() != null && !CODECS.isLiteral(out.type) && !CODECS.mimeTypes(out.type).contains(o.mimeType())) {
                throw OwsException.invalid(o.name(), "output " + o.name() + " is not available as " + o.mimeType());
            }
        }
    }

    private static void checkRange(Parameter<?> param, Object v) {
        if (!(v instanceof Number n) || param.metadata == null) return;
        Object min = param.metadata.get(Parameter.MIN);
        Object max = param.metadata.get(Parameter.MAX);
        if (min instanceof Number m && n.doubleValue() < m.doubleValue()
                || max instanceof Number x && n.doubleValue() > x.doubleValue()) {
            throw OwsException.invalid(param.key, param.key + ": " + v + " is outside [" + min + ", " + max + "]");
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
            if (root != null) fail(job, OwsException.invalid(((InvalidInputException) root).getInput(), root.getMessage()));
            else fail(job, new OwsException("NoApplicableCode", null, "process failed: " + e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("execution {} of {} failed", job.id, job.process.id(), e);
            fail(job, new OwsException("NoApplicableCode", null, "process failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (Error e) {
            LOG.error("execution {} of {} failed", job.id, job.process.id(), e);
            fail(job, new OwsException("NoApplicableCode", null, "process failed: " + e.getClass().getSimpleName()));
        } finally {
            job.finished = Instant.now();
            persistStatus(job);
        }
    }

    /** Marks a job failed; a job cancelled by a timeout or Dismiss fails for that reason, whatever the process threw. */
    private static void fail(Job job, OwsException e) {
        job.error = !job.cancelled ? e : new OwsException("NoApplicableCode", null,
                job.message.startsWith("Timed out") ? job.message : "the execution was cancelled");
        job.state = Job.State.FAILED;
    }

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
                job.results.put(w.getKey(), new Job.Result(w.getKey(), value, text, null, null));
                continue;
            }
            ComplexCodec<?> codec = CODECS.encoder(value, w.getValue());
            if (codec == null) throw OwsException.invalid(w.getKey(), "output " + w.getKey() + " is not available as " + w.getValue());
            Path file = job.dir.resolve(w.getKey() + "." + codec.fileExtension());
            codec.encodeObject(value, file);
            job.results.put(w.getKey(), new Job.Result(w.getKey(), value, null, file, codec.mimeType()));
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

    private String statusLocation(Job job) {
        return job.baseUrl + "/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + job.id;
    }

    /** Writes the status document of an async job to its directory, so it survives any client. */
    private void persistStatus(Job job) {
        if (!job.async) return;
        synchronized (job) {
            if (job.forgotten) return;
            writeStatus(job);
        }
    }

    private void writeStatus(Job job) {
        try {
            AtomicFiles.write(job.dir.resolve("status.xml"), WpsDocuments.executeResponse(job, statusLocation(job)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("status of {} not persisted: {}", job.id, e.getMessage());
        }
    }

    private Job job(String executionId) {
        Job job = EXECUTION_ID.matcher(executionId).matches() ? jobs.get(executionId) : null;
        if (job == null) throw OwsException.invalid("executionId", "unknown executionId " + executionId);
        return job;
    }

    /** The live status, or after a restart the status document the job last wrote, until it expires. */
    public OwsResponse status(String executionId) {
        Job live = EXECUTION_ID.matcher(executionId).matches() ? jobs.get(executionId) : null;
        if (live == null) {
            Path stored = storedDir(executionId).resolve("status.xml");
            try {
                if (Files.isRegularFile(stored)) return OwsResponse.xml(Files.readAllBytes(stored));
            } catch (IOException e) {
                LOG.debug("status of {} unreadable", executionId);
            }
        }
        Job job = job(executionId);
        return OwsResponse.xml(WpsDocuments.executeResponse(job, statusLocation(job)));
    }

    /** Directory of an execution in the output store; the id is validated, so it never leaves the store. */
    private Path storedDir(String executionId) {
        if (!EXECUTION_ID.matcher(executionId).matches()) throw OwsException.invalid("executionId", "unknown executionId " + executionId);
        return config.outputDir().resolve(executionId);
    }

    /** A stored output file of a finished execution. */
    Job.Result storedResult(String executionId, String outputId) {
        Job job = job(executionId);
        if (!OUTPUT_ID.matcher(outputId).matches()) throw OwsException.invalid("outputId", "invalid outputId");
        for (Job.Result r : job.results.values()) {
            if (r.file() != null && r.file().getFileName().toString().equals(outputId)) return r;
        }
        throw OwsException.invalid("outputId", "no output " + outputId + " in execution " + executionId);
    }

    public OwsResponse result(String executionId, String outputId) {
        if (!jobs.containsKey(executionId) && OUTPUT_ID.matcher(outputId).matches()) {
            // after a restart: the stored file, typed by its extension
            Path file = storedDir(executionId).resolve(outputId);
            if (Files.isRegularFile(file)) return OwsResponse.file(mimeOf(outputId), file, outputId);
        }
        Job.Result r = storedResult(executionId, outputId);
        return OwsResponse.file(r.mimeType(), r.file(), outputId);
    }

    private static String mimeOf(String fileName) {
        return CODECS.mimeType(fileName);
    }

    /** GeoServer's Dismiss: cancels a running execution or drops a finished one, deleting its results. */
    public OwsResponse dismiss(String executionId) {
        Job job = job(executionId);
        job.setCanceled(true);
        if (job.future != null) job.future.cancel(true);
        if (job.finished == null) {
            job.message = "dismissed";
            fail(job, new OwsException("NoApplicableCode", null, "The process " + executionId + " has been dismissed"));
            job.finished = Instant.now();
        }
        byte[] doc = WpsDocuments.executeResponse(job, statusLocation(job));
        forget(job);
        return OwsResponse.xml(doc);
    }

    /** GeoServer's GetExecutions: the executions the server knows, newest first. */
    public OwsResponse executions() {
        Xml x = new Xml();
        x.start(Xml.WPS, "GetExecutionsResponse").ns(Xml.WPS).ns(Xml.OWS).attr("count", jobs.size());
        jobs.values().stream().sorted(Comparator.comparing((Job j) -> j.created).reversed()).forEach(j -> {
            x.start(Xml.WPS, "ExecuteResponse").attr("statusLocation", statusLocation(j));
            x.element(Xml.WPS, "JobID", j.id).element(Xml.OWS, "Identifier", j.process.id())
                    .element(Xml.WPS, "Status", j.state.name()).element(Xml.WPS, "PercentCompleted", Math.round(j.percent))
                    .element(Xml.WPS, "CreationTime", j.created.toString());
            if (j.finished != null) x.element(Xml.WPS, "CompletionTime", j.finished.toString());
            x.end();
        });
        x.end();
        return OwsResponse.xml(x.bytes());
    }

    /** Drops a job and its files; a still-running job can no longer write its status afterwards. */
    private void forget(Job job) {
        synchronized (job) {
            job.forgotten = true;
            jobs.remove(job.id);
            deleteTree(job.dir);
        }
    }

    private void expire() {
        Instant limit = Instant.now().minus(config.resultExpiry());
        Instant scratchLimit = Instant.now().minus(SCRATCH_EXPIRY);
        expireStored(limit);
        for (Path dir; (dir = inlineDirs.peek()) != null; ) {
            try {
                if (Files.getLastModifiedTime(dir).toInstant().isAfter(scratchLimit)) break;
            } catch (IOException e) {
                LOG.debug("scratch {} already gone", dir);
            }
            inlineDirs.poll();
            deleteTree(dir);
        }
        for (Job job : List.copyOf(jobs.values())) {
            boolean scratch = !job.async && job.request.raw != null; // its only client already got the bytes
            if (job.finished != null && job.finished.isBefore(scratch ? scratchLimit : limit)) forget(job);
        }
    }

    /** Directories left by an earlier run of the server, deleted once older than the expiry. */
    private void expireStored(Instant limit) {
        try (var dirs = Files.list(config.outputDir())) {
            for (Path dir : dirs.toList()) {
                String id = dir.getFileName().toString();
                if (!EXECUTION_ID.matcher(id).matches() || jobs.containsKey(id) || inlineDirs.contains(dir)) continue;
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(limit)) deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.debug("output store not listed: {}", e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) { // a file removed while walking
            LOG.debug("could not delete {}", dir);
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

    private static final int CLOSE_GRACE_SECONDS = 10;
}
