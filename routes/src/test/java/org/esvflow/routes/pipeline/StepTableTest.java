package org.esvflow.routes.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.manifest.ManifestReaderTest;
import org.esvflow.routes.manifest.StudyManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepTableTest {
    @TempDir
    Path dir;

    @Test
    void shippedTableNamesEveryStep() throws Exception {
        StepTable t = StepTable.standard();
        assertEquals(List.of("correction", "landuse", "esv", "sensitivity", "rsei", "derived_1", "derived_2", "derived_3", "lui",
                        "lui_aligned", "hai", "hotspots", "change", "transfer", "hai_panel", "sample", "detect", "sample_change",
                        "detect_change", "fig_landuse", "fig_esv", "fig_esv_change", "fig_rsei", "fig_hai", "fig_hotspots"),
                t.steps().stream().map(StepTable.Step::id).toList());
        assertEquals("esv_panels", t.step("fig_esv").outputs().get("pdf").figure());
        assertFalse(t.step("fig_esv").outputs().get("png").isRaster(), "a figure is a document, not a layer");
        assertEquals("esv:Value", t.step("esv").process());
        assertTrue(t.step("landuse").isPublishOnly());
        assertEquals("esv_by_class", t.step("esv").outputs().get("byClass").table());
        assertEquals("lui_aligned.aligned", t.targets().get("landUseIntensity"));
    }

    @Test
    void mistakesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepTable.parse("""
                steps:
                  - {id: a, scope: epoch, process: p:A, inputs: {x: 'nonsense:1'}}
                """, "t.yaml"));
        assertEquals("t.yaml: steps[0].inputs.x: unknown source 'nonsense:1'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StepTable.parse("""
                steps:
                  - {id: a, scope: epoch, process: p:A}
                  - {id: a, scope: study, process: p:B}
                """, "t.yaml"));
        assertEquals("t.yaml: steps[1].id: 'a' is used twice", e.getMessage());
    }

    @Test
    void planAndLookups() throws Exception {
        Path file = dir.resolve("study.yaml");
        for (String f : List.of("boundaries/counties.geojson", "terrain/dem.tif", "landuse/lu_2013.tif", "landuse/lu_2015.tif",
                "aux/npp_2013.tif", "aux/npp_2015.tif", "aux/precip_2013.tif", "aux/precip_2015.tif")) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.createFile(dir.resolve(f));
        }
        Files.writeString(file, ManifestReaderTest.VALID.replace("sampling: {method: fishnet, cellSize: 10000}",
                "sampling: {method: fishnet, cellSize: 10000}\n  discretization: {k: [3, 8]}"));
        StudyManifest m = ManifestReader.read(file);
        StudyPlan plan = StudyPlan.of(StepTable.standard(), m);
        // no Landsat in this study: no rsei step; 2 epochs × (landuse, esv, sensitivity, lui, lui_aligned, hai, hotspots)
        // plus the GeoDetector in each epoch, and on the change from the first to the last epoch
        assertEquals(List.of("landuse@2013", "esv@2013", "sensitivity@2013", "lui@2013", "lui_aligned@2013", "hai@2013", "hotspots@2013",
                "sample@2013", "detect@2013"), plan.epochs().get(0).stream().map(StepInstance::key).toList());
        assertEquals(List.of("change@2013_2015"), plan.periods().get(0).stream().map(StepInstance::key).toList());
        // transfer matrices of all periods and the whole span in one study step; the figures, but RSEI's (no Landsat)
        assertEquals(List.of("transfer@study", "hai_panel@study", "sample_change@2013-2015", "detect_change@2013-2015",
                "fig_landuse@study", "fig_esv@study", "fig_esv_change@study", "fig_hai@study", "fig_hotspots@study"),
                plan.study().stream().map(StepInstance::key).toList());
        assertEquals("change:2013-2015", plan.study().get(2).tableLabel());
        assertEquals("2013", plan.epochs().get(0).get(7).tableLabel());
        // the correction's reference means are computed once, before the epochs, and come first in the plan
        assertEquals(List.of("correction@study"), plan.setup().stream().map(StepInstance::key).toList());
        assertEquals("correction@study", plan.all().get(0).key());
        StepInstance correction = plan.setup().get(0);
        assertEquals(List.of("landuse/lu_2013.tif", "landuse/lu_2015.tif"), Sources.lookup("epochs.landUse", correction, m));
        assertEquals(List.of("aux/npp_2013.tif", "aux/npp_2015.tif"), Sources.lookup("epochs[correction.npp]", correction, m));
        assertEquals(List.of(2013, 2015), Sources.lookup("epochs.year", correction, m));
        assertNull(Sources.lookup("epochs[correction.soilConservation]", correction, m));

        StepInstance esv2015 = plan.epochs().get(1).get(1);
        StepInstance change = plan.periods().get(0).get(0);
        assertEquals("aux/npp_2015.tif", Sources.lookup("epoch[correction.npp]", esv2015, m));
        assertNull(Sources.lookup("epoch[correction.soilConservation]", esv2015, m));
        assertEquals(2013, Sources.lookup("before.year", change, m));
        assertEquals("landuse/lu_2015.tif", Sources.lookup("after.landUse", change, m));
        assertNull(Sources.lookup("before.landUse", esv2015, m));
        assertEquals(8, Sources.lookup("geodetector.discretization.k.1", esv2015, m));
        assertEquals(Map.of("file", "boundaries/counties.geojson", "idField", "county_id", "nameField", "name"),
                Sources.lookup("regions.counties", esv2015, m));
        assertEquals("2015", change.time());
        assertEquals("2015", esv2015.time());

        // geodetector.epochs picks the epochs of the GeoDetector; change: none drops the change run
        Files.writeString(file, ManifestReaderTest.VALID.replace("sampling: {method: fishnet, cellSize: 10000}",
                "sampling: {method: fishnet, cellSize: 10000}\n  epochs: [2015]\n  change: none"));
        StudyPlan some = StudyPlan.of(StepTable.standard(), ManifestReader.read(file));
        assertTrue(some.epochs().get(0).stream().noneMatch(i -> i.step().id().equals("sample")));
        assertEquals(2, some.epochs().get(1).stream().filter(i -> i.step().id().startsWith("sample") || i.step().id().equals("detect")).count());
        assertEquals(List.of("transfer@study", "hai_panel@study"),
                some.study().stream().map(StepInstance::key).filter(k -> !k.startsWith("fig_")).toList());
        // the change run's Y is the change of the target between the pair's epochs, its factors the later epoch's
        StepInstance sampleChange = plan.study().get(2);
        assertEquals("landuse/lu_2015.tif", Sources.lookup("after.landUse", sampleChange, m));
        assertEquals(2013, Sources.lookup("before.year", sampleChange, m));
    }
}
