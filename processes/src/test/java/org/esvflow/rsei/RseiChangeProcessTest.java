package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RseiChangeProcessTest {
    @TempDir Path dir;

    private static GridCoverage2D raster(SyntheticScene scene, double[][] values) {
        ComputedImage image = new ComputedImage(values[0].length, values.length, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, values[y][x]);
        });
        return Rasters.coverage("rsei", image, scene.grid, RseiProcess.NODATA);
    }

    private static long cell(Table t, int row, String column) {
        return ((Number) t.get(row, column)).longValue();
    }

    @Test
    void handBuiltTransitions() {
        SyntheticScene scene = new SyntheticScene(3, 2, 0); // only its 30 m UTM grid is used: 0.09 ha per pixel
        double n = RseiProcess.NODATA;
        // grades earlier: 1 3 5 / 2 – 4; later: 2 3 1 / 2 2 5
        GridCoverage2D earlier = raster(scene, new double[][] {{0.1, 0.5, 0.9}, {0.3, n, 0.7}});
        GridCoverage2D later = raster(scene, new double[][] {{0.3, 0.5, 0.1}, {0.35, 0.2, 0.85}});
        Map<String, Object> out = new RseiChangeProcess().execute(earlier, later, null);
        Table transitions = (Table) out.get("transitions");
        assertEquals(25, transitions.rowCount());
        // row index (from − 1)·5 + (to − 1)
        assertEquals(1, cell(transitions, 1, "pixels")); // 1 → 2
        assertEquals(1, cell(transitions, 12, "pixels")); // 3 → 3
        assertEquals(1, cell(transitions, 20, "pixels")); // 5 → 1
        assertEquals(1, cell(transitions, 6, "pixels")); // 2 → 2
        assertEquals(1, cell(transitions, 19, "pixels")); // 4 → 5
        long total = 0;
        for (int r = 0; r < 25; r++) total += cell(transitions, r, "pixels");
        assertEquals(5, total); // the nodata pixel is left out
        assertEquals(0.09, ((Number) transitions.get(20, "area_ha")).doubleValue(), 1e-12);
        Table change = (Table) out.get("change"); // rows −4..4
        assertEquals(1, cell(change, 0, "pixels")); // −4: 5 → 1
        assertEquals("degraded", change.get(0, "class"));
        assertEquals(2, cell(change, 4, "pixels")); // 0: 3 → 3, 2 → 2
        assertEquals(2, cell(change, 5, "pixels")); // +1: 1 → 2, 4 → 5
        assertEquals(40.0, ((Number) change.get(5, "share_pct")).doubleValue(), 1e-9);
        Table stats = (Table) out.get("statistics");
        // means over the five pixels valid in both: (0.1+0.5+0.9+0.3+0.7)/5 = 0.5 and (0.3+0.5+0.1+0.35+0.85)/5 = 0.42
        assertEquals(0.5, ((Number) stats.get(2, "value")).doubleValue(), 1e-7);
        assertEquals(0.42, ((Number) stats.get(3, "value")).doubleValue(), 1e-7);
        assertEquals(-0.08, ((Number) stats.get(4, "value")).doubleValue(), 1e-7);
        Raster d = ((GridCoverage2D) out.get("difference")).getRenderedImage().getData();
        assertEquals((float) ((double) 0.3f - (double) 0.1f), d.getSampleFloat(0, 0, 0), 0);
        assertEquals(-0.8f, d.getSampleFloat(2, 0, 0), 1e-7f);
        assertEquals((float) RseiProcess.NODATA, d.getSampleFloat(1, 1, 0), 0);
    }

    @Test
    void cityGrowthDegradesTheConvertedColumnsAfterAGeoTiffRoundTrip() throws Exception {
        int w = 300, h = 270;
        File[] files = new File[2];
        int[] epochs = {0, 2};
        for (int i = 0; i < 2; i++) {
            SyntheticScene scene = new SyntheticScene(w, h, epochs[i]);
            var b = scene.physicalBands();
            Map<String, Object> out = new RseiProcess().execute(b.get(0), b.get(1), b.get(2), b.get(3), b.get(4),
                    b.get(5), b.get(6), Sensor.OLI, Scaling.NONE, true, 0.0, 0.0, false, null, null, null, null);
            files[i] = dir.resolve("rsei_" + epochs[i] + ".tif").toFile();
            GeoTiffs.write((GridCoverage2D) out.get("rsei"), files[i]);
        }
        GridCoverage2D earlier = GeoTiffs.read(files[0], "earlier"), later = GeoTiffs.read(files[1], "later");
        assertEquals(RseiProcess.NODATA, Rasters.nodata(earlier));
        Map<String, Object> out = new RseiChangeProcess().execute(earlier, later, null);
        Table change = (Table) out.get("change");
        long degraded = 0, all = 0;
        for (int r = 0; r < change.rowCount(); r++) {
            long p = cell(change, r, "pixels");
            all += p;
            if (((Number) change.get(r, "grade_change")).intValue() < 0) degraded += p;
        }
        Table stats = (Table) out.get("statistics");
        assertEquals(((Number) stats.get(0, "value")).longValue(), all);
        // columns 134..149 turned from forest to city below the 3 lake rows: 16 × 267 pixels minus scattered nodata
        assertTrue(degraded >= 0.95 * 16 * 267 && degraded <= 16 * 267, "degraded " + degraded);
    }
}
