package org.esvflow.routes.pipeline;

import java.io.File;
import org.esvflow.raster.TiffLayout;
import org.esvflow.routes.manifest.StudyManifest;

/**
 * How many epoch (or period) groups of a study may run at once when the WPS server computes in this JVM, so two
 * heavy steps never share a heap too small for both. A raster step holds a few rows of 256-px tiles of every raster
 * it reads or computes, so its working set grows with the grid's width, not its area: on the full demo (16 000 px
 * wide) the float tiles live in the study's JVM went from ~170 MB between steps to 190–350 MB during one
 * {@code esv:Change} with six correction rasters (class histograms, 2026-12-06), up to 22 KiB per pixel column. A group
 * is given about twice that, and half the heap is shared by the running groups; the rest stays with the server, the
 * pipeline and caches. At 16 000 px a 2 GB heap runs one group at a time (measured to finish), 4 GB two.
 */
final class HeapBudget {
    /** Heap one running group needs per pixel column of the study grid, bytes (22 KiB measured, about × 2). */
    static final long BYTES_PER_COLUMN = 48L << 10;

    private HeapBudget() {}

    /**
     * Groups that fit: {@code wanted} at most, 1 at least.
     *
     * @param width widest grid of the study, pixels
     * @param maxHeap the JVM's maximum heap, bytes
     */
    static int groups(long width, long maxHeap, int wanted) {
        long fit = maxHeap / 2 / Math.max(1, width * BYTES_PER_COLUMN);
        return (int) Math.max(1, Math.min(wanted, fit));
    }

    /** The widest land-use raster of the study's epochs, pixels; 0 when none can be read (its step reports it). */
    static long widestGrid(StudyManifest manifest) {
        long widest = 0;
        for (StudyManifest.Epoch epoch : manifest.epochs()) {
            if (!(epoch.fields().get("landUse") instanceof String landUse)) continue;
            File file = manifest.resolve(landUse).toFile();
            try {
                widest = Math.max(widest, TiffLayout.check(file, "landUse", TiffLayout.Limits.DEFAULT).width());
            } catch (RuntimeException unreadable) {
                // the epoch's first step reports the input
            }
        }
        return widest;
    }
}
