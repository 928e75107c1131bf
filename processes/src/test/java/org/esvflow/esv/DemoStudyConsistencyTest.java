package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.esvflow.lu.ClassAreaProcess;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-epoch chain on a small synthetic study: tables, rasters and change agree with each other. */
class DemoStudyConsistencyTest {
    @TempDir Path dir;

    /** Deterministic CLCD-coded land use with a nodata border; {@code shift} moves the class pattern between epochs. */
    static GridCoverage2D synthetic(GridGeometry2D grid, int shift) {
        return TestGrids.of("lu", grid, DataBuffer.TYPE_BYTE, 255, (x, y) -> {
            if (x < 3 || y < 2) return 255;
            int h = (x * 31 + y * 17 + shift * 7) % 97;
            int band = ((x + shift) / 40 + y / 50) % 9 + 1;
            return h < 80 ? band : h % 9 + 1;
        });
    }

    @Test
    void epochTablesRastersAndChangeAreMutuallyConsistent() throws Exception {
        GridGeometry2D grid = TestGrids.utm(300, 200);
        double[] totals = new double[2];
        for (int epoch = 0; epoch < 2; epoch++) {
            File file = dir.resolve("lu_" + epoch + ".tif").toFile();
            GeoTiffs.write(synthetic(grid, epoch * 13), file);
            GridCoverage2D lu = GeoTiffs.read(file, "landUse");
            Map<String, Object> out = new ValueProcess().execute(lu, 3406.5, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, false, null, null, null, null, null);
            Table byClass = (Table) out.get("byClass"), byService = (Table) out.get("byService"), t = (Table) out.get("totals");
            double total = number(t, "quantity", "total_esv", "value");
            totals[epoch] = total;
            Table areas = new ClassAreaProcess().execute(lu, null, null, null);
            double sumClasses = 0, sumArea = 0;
            for (int r = 0; r < byClass.rowCount(); r++) {
                long code = ((Number) byClass.get(r, "code")).longValue();
                double area = number(byClass, r, "area_ha");
                assertEquals(number(areas, "class", code, "area_ha"), area, 1e-9, "area of class " + code);
                assertEquals(number(byClass, r, "pixels") * 0.09, area, 1e-9);
                assertEquals(area * number(byClass, r, "vc_per_ha"), number(byClass, r, "esv_total"), 1e-9 * Math.max(1, number(byClass, r, "esv_total")));
                sumClasses += number(byClass, r, "esv_total");
                sumArea += area;
            }
            assertEquals(total, sumClasses, 1e-9 * total);
            assertEquals(number(t, "quantity", "area_ha", "value"), sumArea, 1e-9);
            assertEquals((300 - 3) * (200 - 2) * 0.09, sumArea, 1e-6);
            double sumServices = 0;
            for (int r = 0; r < byService.rowCount(); r++) sumServices += number(byService, r, "esv");
            assertEquals(total, sumServices, 1e-9 * total);
            File esvFile = dir.resolve("esv_" + epoch + ".tif").toFile();
            GeoTiffs.write((GridCoverage2D) out.get("esv"), esvFile);
            GridCoverage2D esv = GeoTiffs.read(esvFile, "esv");
            double[] rasterSum = {0};
            double nodata = Rasters.nodata(esv);
            Blocks.forEach(List.of(esv), null, 0, 100, (b, r) -> {
                for (double v : r[0].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null)) if (v != nodata) rasterSum[0] += v;
            });
            assertEquals(total, rasterSum[0], 1e-6 * total); // float32 pixels
        }
        Map<String, Object> change = new ChangeProcess().execute(
                GeoTiffs.read(dir.resolve("lu_0.tif").toFile(), "before"), GeoTiffs.read(dir.resolve("lu_1.tif").toFile(), "after"),
                3406.5, null, null, null, null, null, null, null, null,
                GeoTiffs.read(dir.resolve("esv_0.tif").toFile(), "esvBefore"), GeoTiffs.read(dir.resolve("esv_1.tif").toFile(), "esvAfter"), null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        Table summary = (Table) change.get("summary");
        assertEquals(totals[0], number(summary, "region_id", "all", "esv_before"), 1e-9 * totals[0]);
        assertEquals(totals[1], number(summary, "region_id", "all", "esv_after"), 1e-9 * totals[1]);
        assertEquals(totals[1] - totals[0], number(summary, "region_id", "all", "net"), 1e-9 * totals[0]);
        // the float32 ESV rasters give the same totals and change to float precision
        assertEquals(totals[0], number(summary, "region_id", "all", "raster_esv_before"), 1e-6 * totals[0]);
        assertEquals(totals[1] - totals[0], number(summary, "region_id", "all", "raster_change"), 1e-6 * totals[0]);
        GridCoverage2D e0 = GeoTiffs.read(dir.resolve("esv_0.tif").toFile(), "e0"), e1 = GeoTiffs.read(dir.resolve("esv_1.tif").toFile(), "e1");
        GridCoverage2D diff = (GridCoverage2D) change.get("change");
        for (int[] p : new int[][] {{100, 100}, {250, 30}, {7, 190}}) {
            assertEquals(TestGrids.sample(e1, p[0], p[1]) - TestGrids.sample(e0, p[0], p[1]), TestGrids.sample(diff, p[0], p[1]), 1e-2);
        }
        assertEquals(-9999, TestGrids.sample(diff, 1, 1), 0);
    }
}
