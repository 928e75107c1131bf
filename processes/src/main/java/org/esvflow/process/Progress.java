package org.esvflow.process;

import java.util.concurrent.CancellationException;
import org.geotools.api.util.ProgressListener;

/** Null-safe progress reporting and cancellation checks for loops over tiles. */
public final class Progress {
    private Progress() {}

    /** Reports {@code percent} (0–100) if a listener is attached; throws if the caller cancelled. */
    public static void report(ProgressListener listener, float percent) {
        if (listener == null) return;
        if (listener.isCanceled()) throw new CancellationException("cancelled by the caller");
        listener.progress(Math.max(0f, Math.min(100f, percent)));
    }

    /** Maps a step {@code done/total} into the range [from, to] percent. */
    public static void report(ProgressListener listener, long done, long total, float from, float to) {
        float fraction = total <= 0 ? 1f : (float) done / total;
        report(listener, from + (to - from) * fraction);
    }

    public static void started(ProgressListener listener) {
        if (listener != null) listener.started();
    }

    public static void completed(ProgressListener listener) {
        if (listener != null) {
            listener.progress(100f);
            listener.complete();
        }
    }
}
