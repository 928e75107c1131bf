package org.esvflow.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.esvflow.routes.pipeline.PipelineListener;
import org.esvflow.routes.pipeline.StepInstance;
import org.esvflow.routes.pipeline.StudySummary;

/** One line per step on standard error: position, step, outcome, and the study's percent and ETA. */
final class ConsoleListener implements PipelineListener {
    private final PrintStream err;
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int total;
    private volatile long start;

    ConsoleListener(PrintStream err) {
        this.err = err;
    }

    @Override
    public void planned(String study, int steps) {
        total = steps;
        start = System.nanoTime();
        err.printf("study %s: %d steps%n", study, steps);
    }

    @Override
    public void skipped(StepInstance step) {
        line(step, "kept (same inputs and parameters)");
    }

    @Override
    public void done(StepInstance step, double seconds) {
        line(step, String.format("done in %.1f s", seconds));
    }

    @Override
    public void failed(StepInstance step, String reason) {
        line(step, "FAILED: " + reason);
    }

    private void line(StepInstance step, String what) {
        int n = finished.incrementAndGet();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double percent = total == 0 ? 100 : 100.0 * n / total;
        String eta = n < total ? String.format(", ETA %.0f s", elapsed * (total - n) / n) : "";
        err.printf("[%3d/%d] %-28s %s  (%3.0f%%%s)%n", n, total, step.key() + " " + process(step), what, percent, eta);
        err.flush();
    }

    private static String process(StepInstance step) {
        return step.step().process() == null ? "publish" : step.step().process();
    }

    @Override
    public void finished(StudySummary s) {
        err.printf("study %s: %d run, %d kept, %d failed in %.1f s%n", s.study(), s.executed(), s.skipped(), s.failed().size(), s.seconds());
    }
}
