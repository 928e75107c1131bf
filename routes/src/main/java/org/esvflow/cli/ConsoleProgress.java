package org.esvflow.cli;

import java.io.PrintStream;
import org.geotools.data.util.NullProgressListener;

/** A progress line on standard error: percent and elapsed seconds, rewritten in place at most ten times a second. */
final class ConsoleProgress extends NullProgressListener {
    private final PrintStream err;
    private final String label;
    private final long start = System.nanoTime();
    private long lastPrint;
    private float percent;

    ConsoleProgress(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void progress(float percent) {
        this.percent = percent;
        long now = System.nanoTime();
        if (now - lastPrint < 100_000_000L && percent < 100f) return;
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        String eta = percent > 1 && percent < 100 ? String.format(", ETA %.0f s", elapsed * (100 - percent) / percent) : "";
        err.printf("\r%s %5.1f%% (%.1f s%s)   ", label, percent, elapsed, eta);
        err.flush();
    }

    @Override
    public float getProgress() {
        return percent;
    }

    @Override
    public void complete() {
        progress(100f);
        err.println();
    }
}
