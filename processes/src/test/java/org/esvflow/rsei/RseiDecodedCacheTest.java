package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.OpenFiles;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded-band cache changes how often the bands are decoded, never a result. */
class RseiDecodedCacheTest {
    static final String PREFIX = "esvflow-rsei-";
    static final String[] RASTERS = {"rsei", "grade", "ndvi", "wet", "lst", "ndbsi"};
    static final String[] TABLES = {"pca", "grades", "statistics", "regions"};

    @TempDir Path dir;

    private Map<String, Object> run(boolean cached, List<GridCoverage2D> b, Scaling scaling, double clip,
                                    SimpleFeatureCollection regions) {
        RseiProcess process = new RseiProcess(cached ? 0 : Long.MAX_VALUE, dir);
        return process.execute(b.get(0), b.get(1), b.get(2), b.get(3), b.get(4), b.get(5), b.get(6),
                Sensor.OLI, scaling, true, 0.0, clip, true, regions, "name", null, null);
    }

    /** Every output equal: every raster sample by its bits, every table cell by {@link Double#equals} (bits). */
    private static void assertIdentical(Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : RASTERS) {
            Raster e = ((GridCoverage2D) expected.get(name)).getRenderedImage().getData();
            Raster a = ((GridCoverage2D) actual.get(name)).getRenderedImage().getData();
            assertEquals(e.getBounds(), a.getBounds(), name);
            assertEquals(e.getSampleModel().getDataType(), a.getSampleModel().getDataType(), name);
            float[] ev = e.getSamples(0, 0, e.getWidth(), e.getHeight(), 0, (float[]) null);
            float[] av = a.getSamples(0, 0, a.getWidth(), a.getHeight(), 0, (float[]) null);
            for (int k = 0; k < ev.length; k++) {
                if (Float.floatToRawIntBits(ev[k]) != Float.floatToRawIntBits(av[k])) {
                    throw new AssertionError(name + " differs at pixel " + k + ": " + ev[k] + " vs " + av[k]);
                }
            }
        }
        for (String name : TABLES) {
            Table e = (Table) expected.get(name), a = (Table) actual.get(name);
            if (e == null) {
                assertEquals(null, a, name);
                continue;
            }
            assertEquals(e.columns(), a.columns(), name);
            assertEquals(e.rowCount(), a.rowCount(), name);
            for (int r = 0; r < e.rowCount(); r++) assertArrayEquals(e.rows().get(r), a.rows().get(r), name + " row " + r);
            assertEquals(Csv.toString(e), Csv.toString(a), name);
        }
    }

    private long filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void float32BandsGiveIdenticalOutputsWithRegionsAndIndicators() throws Exception {
        SyntheticScene scene = new SyntheticScene(RseiProcessTest.W, RseiProcessTest.H, 1); // edge blocks both ways
        SimpleFeatureCollection regions = RseiProcessTest.regions();
        Map<String, Object> decoded = run(false, scene.physicalBands(), Scaling.NONE, 0, regions);
        Map<String, Object> cached = run(true, scene.physicalBands(), Scaling.NONE, 0, regions);
        assertNotNull(cached.get("regions"));
        assertIdentical(decoded, cached);
    }

    @Test
    void clippedQuantilePassesAndUnsignedBandsGiveIdenticalOutputs() {
        SyntheticScene scene = new SyntheticScene(RseiProcessTest.W, RseiProcessTest.H, 2);
        assertIdentical(run(false, scene.physicalBands(), Scaling.NONE, 2.0, null),
                run(true, scene.physicalBands(), Scaling.NONE, 2.0, null));
        // Collection-2 DN are ushort: stored as exact float32, scaled to reflectance after the cache
        assertIdentical(run(false, scene.collection2Bands(), Scaling.LANDSAT_C2_L2, 1.0, null),
                run(true, scene.collection2Bands(), Scaling.LANDSAT_C2_L2, 1.0, null));
    }

    @Test
    void bandsAreDecodedOnceAndTheFileGoesWithTheOutputs() throws Exception {
        // 300 × 1400: 2 × 6 blocks, more block rows than a computed band keeps, so every pass would recompute them
        SyntheticScene scene = new SyntheticScene(300, 1400, 0);
        AtomicInteger withoutCache = new AtomicInteger(), withCache = new AtomicInteger();
        Map<String, Object> decoded = run(false, scene.physicalBands(withoutCache), Scaling.NONE, 0, null);
        Map<String, Object> cached = run(true, scene.physicalBands(withCache), Scaling.NONE, 0, null);
        assertEquals(0, filesInDir()); // Unix: unlinked as soon as opened, the open descriptor keeps the data
        if (OpenFiles.supported()) assertEquals(1, OpenFiles.count(dir, PREFIX));
        assertIdentical(decoded, cached); // computes the six output rasters of both runs
        assertEquals(7 * 12, withCache.get()); // each tile of each band once, in pass 1
        assertTrue(withoutCache.get() >= 5 * 7 * 12, "passes 1–3 and six outputs decode again: " + withoutCache.get());

        decoded = null;
        cached = null;
        if (OpenFiles.supported()) {
            assertTrue(OpenFiles.awaitAfterGc(() -> OpenFiles.count(dir, PREFIX) == 0, 20), "cache file still open");
        }
        assertEquals(0, filesInDir());
    }

    @Test
    void aFailingRunDeletesTheCacheAtOnce() throws Exception {
        SyntheticScene lake = new SyntheticScene(300, SyntheticScene.LAKE_ROWS, 0); // water everywhere
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(true, lake.physicalBands(), Scaling.NONE, 0, null));
        assertTrue(e.getMessage().contains("fewer than two valid pixels"), e.getMessage());
        if (OpenFiles.supported()) assertEquals(0, OpenFiles.count(dir, PREFIX)); // closed, not left to the GC
        assertEquals(0, filesInDir());
    }

    @Test
    void smallScenesAreNotCachedByDefault() {
        assertTrue(RseiProcessTest.W * RseiProcessTest.H < RseiProcess.CACHE_MIN_PIXELS);
        SyntheticScene scene = new SyntheticScene(RseiProcessTest.W, RseiProcessTest.H, 0);
        List<GridCoverage2D> b = scene.physicalBands();
        Map<String, Object> out = new RseiProcess().execute(b.get(0), b.get(1), b.get(2), b.get(3), b.get(4), b.get(5),
                b.get(6), Sensor.OLI, Scaling.NONE, true, 0.0, 0.0, false, null, null, null, null);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (OpenFiles.supported()) assertEquals(0, OpenFiles.count(tmp, PREFIX));
        assertNotNull(out.get("rsei"));
    }
}
