package org.esvflow.esv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Runs the benchmark on a 2000² study and checks esvflow's ESV raster against the numpy result (own means, gdal_calc). */
@EnabledIfSystemProperty(named = "esvflow.heavy", matches = "true")
class EsvBenchmarkTest {
    @TempDir Path dir;

    @Test
    void javaAndGdalCalcAgreePixelByPixel() throws Exception {
        EsvBenchmark.main(new String[] {"2000", dir.toString()});
        Path gdal = dir.resolve("esv_gdal_2000.tif");
        Assumptions.assumeTrue(Files.isRegularFile(gdal), "gdal_calc.py is not installed");
        GridCoverage2D java = GeoTiffs.read(dir.resolve("esv_java_2000.tif").toFile(), "java");
        GridCoverage2D numpy = GeoTiffs.read(gdal.toFile(), "gdal");
        double ndJava = Rasters.nodata(java), ndGdal = Rasters.nodata(numpy);
        double[] worst = {0};
        long[] compared = {0};
        Blocks.forEach(List.of(java, numpy), null, 0, 100, (b, r) -> {
            double[] a = r[0].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null);
            double[] g = r[1].getSamples(b.x, b.y, b.width, b.height, 0, (double[]) null);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i] == ndJava, g[i] == ndGdal, "nodata differs at block " + b);
                if (a[i] == ndJava) continue;
                worst[0] = Math.max(worst[0], Math.abs(a[i] - g[i]) / Math.max(1e-9, Math.abs(g[i])));
                compared[0]++;
            }
        });
        assertTrue(compared[0] > 3_000_000);
        assertTrue(worst[0] < 1e-6, "largest relative difference " + worst[0]); // float32 rounding of both sides
    }
}
