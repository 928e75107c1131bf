package org.esvflow.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which command lines open GeoTools' EPSG database ahead of time (about 0.7 s of CPU a CSV-only run does not need). */
class MainTest {
    @Test
    void rasterAndVectorRunsStudiesAndServersWarmUpReferencing() {
        assertTrue(Main.needsReferencing("run", "esv:Value", "landUse=lu_2023.TIF", "--out", "o"));
        assertTrue(Main.needsReferencing("run", "esv:ZonalSummary", "regions=counties.geojson", "--out", "o"));
        assertTrue(Main.needsReferencing("study", "run", "study.yaml"));
        assertTrue(Main.needsReferencing("serve"));
        assertTrue(Main.needsReferencing("start"));
    }

    @Test
    void tablesOnlyRunsAndHelpDoNot() {
        assertFalse(Main.needsReferencing("run", "gd:Detect", "table=samples.csv", "y=y", "--out", "o"));
        assertFalse(Main.needsReferencing("list"));
        assertFalse(Main.needsReferencing("--help"));
        assertFalse(Main.needsReferencing());
    }
}
