package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.routes.manifest.StudyManifest;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extent the report's maps are asked for: east first (WMS 1.1.1), projected and geographic. */
class ReportExtentTest {
    @TempDir
    Path dir;

    Report.Extent extent(String code, double minX, double maxY, double pixel) throws Exception {
        // 4 columns × 2 rows: east from minX to minX + 4 pixels, north from maxY − 2 pixels to maxY
        var grid = Rasters.grid(4, 2, minX, maxY, pixel, CRS.decode(code, true));
        var c = Rasters.coverage("landUse", new ComputedImage(4, 2, 256, DataBuffer.TYPE_BYTE, t -> {}), grid, 255);
        GeoTiffs.write(c, dir.resolve("lu.tif").toFile());
        StudyManifest m = new StudyManifest(dir.resolve("study.yaml"), "t", "t",
                List.of(new StudyManifest.Epoch(0, 2013, Map.of("landUse", "lu.tif"))), "t", Map.of("crs", code));
        return Report.nativeExtent(m);
    }

    @Test
    void projectedStudy() throws Exception {
        Report.Extent e = extent("EPSG:32650", 300_000, 4_650_000, 30);
        assertEquals("EPSG:32650", e.crs());
        assertArrayEquals(new double[] {300_000, 4_649_940, 300_120, 4_650_000}, e.box(), 1e-6);
    }

    @Test
    void geographicStudyIsLongitudeFirst() throws Exception {
        Report.Extent e = extent("EPSG:4326", 114, 41, 0.5);
        assertArrayEquals(new double[] {114, 40, 116, 41}, e.box(), 1e-9);
    }
}
