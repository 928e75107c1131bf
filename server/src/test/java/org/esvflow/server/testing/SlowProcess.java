package org.esvflow.server.testing;

import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Progress;
import org.geotools.api.util.ProgressListener;
import org.geotools.process.factory.DescribeParameter;
import org.geotools.process.factory.DescribeProcess;
import org.geotools.process.factory.DescribeResult;

/**
 * Test-only: takes {@code steps × stepMillis} ms, reporting progress after each step; returns {@code steps}. When
 * interrupted it spends {@code stopMillis} ms more before giving up, as a process that checks for cancellation only
 * between tiles does.
 */
@DescribeProcess(title = "Slow", description = "Sleeps in steps and reports progress (tests only).")
public class SlowProcess {
    @DescribeResult(name = "steps", description = "The number of steps done.")
    public Integer execute(
            @DescribeParameter(name = "steps", minValue = 1, maxValue = 1000, description = "Steps.") Integer steps,
            @DescribeParameter(name = "stepMillis", min = 0, defaultValue = "10", description = "ms per step.") Integer stepMillis,
            @DescribeParameter(name = "stopMillis", min = 0, defaultValue = "0", description = "ms to stop when interrupted.") Integer stopMillis,
            ProgressListener monitor) {
        if (steps == null) throw new InvalidInputException("steps", "is required");
        int ms = stepMillis == null ? 10 : stepMillis;
        Progress.started(monitor);
        for (int i = 1; i <= steps; i++) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                long until = System.nanoTime() + (stopMillis == null ? 0 : stopMillis) * 1_000_000L;
                while (System.nanoTime() < until) Thread.onSpinWait();
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            Progress.report(monitor, i, steps, 0f, 99f);
        }
        Progress.completed(monitor);
        return steps;
    }
}
