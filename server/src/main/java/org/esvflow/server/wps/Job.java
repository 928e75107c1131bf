package org.esvflow.server.wps;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.esvflow.server.ows.OwsException;
import org.geotools.api.util.InternationalString;
import org.esvflow.process.OutputSelection;
import org.geotools.api.util.ProgressListener;
import org.geotools.util.SimpleInternationalString;

/**
 * One execution: its request, where it stands and what it produced. The progress listener handed to the process is
 * the job itself, so {@code percentCompleted} is what the process reports.
 */
public final class Job implements ProgressListener, OutputSelection {
    public enum State { ACCEPTED, STARTED, SUCCEEDED, FAILED }

    /**
     * An output after encoding: a literal's text, or a stored file in {@code mimeType}. The process's object is not
     * kept: a computed raster holds rows of tiles (tens of MB at 16 000 px wide), and jobs live until they expire.
     */
    public record Result(String name, String literal, Path file, String mimeType) {}

    final String id;
    final ProcessRegistry.Entry process;
    final ExecuteRequest request;
    final String baseUrl;
    final Path dir;
    final Instant created = Instant.now();
    final boolean async;
    /** Who started it ({@link org.esvflow.server.ows.RequestContext#client()}); GetExecutions lists a caller's own. */
    final String owner;
    volatile State state = State.ACCEPTED;
    volatile float percent;
    volatile String message = "Process accepted";
    volatile OwsException error;
    volatile Instant finished;
    volatile boolean cancelled;
    volatile Future<?> future;
    /** Set when dismissed or expired: nothing may be written for the job any more. */
    volatile boolean forgotten;
    final Map<String, Result> results = new LinkedHashMap<>();
    private volatile InternationalString task;
    private volatile Runnable onProgress = () -> {};

    Job(String id, ProcessRegistry.Entry process, ExecuteRequest request, String baseUrl, Path dir, boolean async,
        String owner) {
        this.id = id;
        this.owner = owner;
        this.process = process;
        this.request = request;
        this.baseUrl = baseUrl;
        this.dir = dir;
        this.async = async;
    }

    /** The outputs the request names (RawDataOutput, or a ResponseDocument's); every output when it names none. */
    @Override
    public boolean requested(String output) {
        if (request.raw != null) return request.raw.name().equals(output);
        if (request.outputs.isEmpty()) return true;
        for (ExecuteRequest.Output o : request.outputs) {
            if (o.name().equals(output)) return true;
        }
        return false;
    }

    public String id() {
        return id;
    }

    /** Where a client reads this execution's status: GetExecutionStatus on the server it was sent to. */
    String statusLocation() {
        return baseUrl + "/ows?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + id;
    }

    public State state() {
        return state;
    }

    public float percent() {
        return percent;
    }

    void onProgress(Runnable r) {
        this.onProgress = r;
    }

    @Override
    public InternationalString getTask() {
        return task;
    }

    @Override
    public void setTask(InternationalString task) {
        this.task = task;
    }

    @Override
    public void started() {
        state = State.STARTED;
        message = "Process started";
        onProgress.run();
    }

    @Override
    public void progress(float p) {
        float old = percent;
        percent = Math.max(0f, Math.min(100f, p));
        if (state == State.ACCEPTED) state = State.STARTED;
        if ((int) old != (int) percent) onProgress.run();
    }

    @Override
    public float getProgress() {
        return percent;
    }

    @Override
    public void complete() {
        percent = 100f;
    }

    @Override
    public void dispose() {}

    @Override
    public boolean isCanceled() {
        return cancelled;
    }

    @Override
    public void setCanceled(boolean c) {
        cancelled = c;
    }

    @Override
    public void warningOccurred(String source, String location, String warning) {}

    @Override
    public void exceptionOccurred(Throwable e) {}

    static InternationalString text(String s) {
        return new SimpleInternationalString(s);
    }
}
