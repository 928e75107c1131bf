package org.esvflow.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.media.jai.RasterFactory;
import javax.media.jai.TiledImage;
import org.esvflow.raster.Rasters;
import org.esvflow.server.catalog.Catalog;
import org.esvflow.server.testing.Fixture;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 5 (publishing): a granule appears with its overviews or not at all, and what a killed publish
 * left behind never becomes a layer's time.
 */
@Tag("hostile")
class PublishingHostileTest {
    /** {@code n × n} bytes of 30 m in UTM 50N: large enough that its overviews take a while to write. */
    static GridCoverage2D raster(int n) throws Exception {
        WritableRaster r = RasterFactory.createBandedRaster(DataBuffer.TYPE_BYTE, n, n, 1, null);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) r.setSample(x, y, 0, 1 + (x * 7 + y * 3) % 9);
        }
        TiledImage image = new TiledImage(0, 0, n, n, 0, 0, r.getSampleModel(),
                javax.media.jai.PlanarImage.createColorModel(r.getSampleModel()));
        image.setData(r);
        return Rasters.coverage("big", image, Rasters.grid(n, n, 500_000, 4_000_000, 30, CRS.decode("EPSG:32650", true)), 0);
    }

    @Test
    void aGranuleNeverAppearsWithoutItsOverviews() throws Exception {
        try (Fixture f = new Fixture()) {
            GridCoverage2D big = raster(1000);
            Path dir = f.dir.resolve("data/demo/big");
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger seenWithout = new AtomicInteger();
            AtomicInteger looks = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    for (String t : List.of("2001", "2002")) {
                        Path tif = dir.resolve("big_" + t + ".tif");
                        // the overview must be there whenever the granule is
                        if (Files.exists(tif) && !Files.exists(Path.of(tif + ".ovr"))) seenWithout.incrementAndGet();
                    }
                    looks.incrementAndGet();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            try {
                f.server.publish(big, "demo", "big_2001", "landuse", "2001");
                f.server.publish(big, "demo", "big_2002", "landuse", "2002");
            } finally {
                done.set(true);
                watcher.join();
            }
            assertTrue(looks.get() > 10, "the watcher looked " + looks.get() + " times");
            assertEquals(0, seenWithout.get(), "times a granule was visible without its overview");
            assertEquals(List.of("2001", "2002"), f.server.catalog().layer("demo:big").times());
            assertFalse(Files.exists(f.dir.resolve("data/.staging")) && Files.list(f.dir.resolve("data/.staging")).findAny().isPresent(),
                    "nothing is left in staging");
        }
    }

    @Test
    void whatAKilledPublishLeftIsNeverALayerTime() throws Exception {
        try (Fixture f = new Fixture()) {
            // a publish killed after writing half a granule leaves it in staging only
            Path staged = f.dir.resolve("data/.staging/publish-42/esv_2040.tif");
            Files.createDirectories(staged.getParent());
            Files.write(staged, new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
            Catalog reopened = Catalog.open(f.dir);
            assertEquals(List.of("2019", "2023"), reopened.layer("demo:esv").times());
            assertFalse(Files.exists(staged.getParent()), "a start deletes abandoned staging");
        }
    }
}
