package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.testing.DemoStudies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapBudgetTest {
    private static final long GIB = 1L << 30;

    @Test
    void theFullDemoRunsOneGroupAtATimeInTheLaunchersDefaultHeap() {
        // 16 000 px × 48 KiB = 786 432 000 B per group; half of 2 GiB = 1 073 741 824 B holds one
        assertEquals(1, HeapBudget.groups(16_000, 2 * GIB, 2));
        // 6 GiB: half is 3 221 225 472 B, four groups' worth, capped by the two asked for
        assertEquals(2, HeapBudget.groups(16_000, 6 * GIB, 2));
        // 4 GiB: 2 147 483 648 / 786 432 000 = 2.7 -> 2 of the 3 asked for
        assertEquals(2, HeapBudget.groups(16_000, 4 * GIB, 3));
    }

    @Test
    void smallGridsKeepTheParallelismAskedFor() {
        assertEquals(2, HeapBudget.groups(960, 2 * GIB, 2));
        assertEquals(1, HeapBudget.groups(960, 2 * GIB, 1));
        // an unreadable grid (width 0) is not a reason to serialise
        assertEquals(2, HeapBudget.groups(0, 2 * GIB, 2));
        // never fewer than one, even in a heap too small for a single group
        assertEquals(1, HeapBudget.groups(100_000, 256L << 20, 2));
    }

    @Test
    void theWidestGridIsReadFromTheLandUseHeaders(@TempDir Path dir) throws Exception {
        // the small demo is 960 × 900 px (README, demo-data), every epoch on the same grid
        assertEquals(960, HeapBudget.widestGrid(ManifestReader.read(DemoStudies.small(dir))));
    }
}
