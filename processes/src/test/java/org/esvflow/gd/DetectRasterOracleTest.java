package org.esvflow.gd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.esvflow.demo.DemoFixture;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gd:DetectRaster on the small demo (960 × 900 px, ~0.8 million valid pixels): q of every factor and q12 of every pair
 * equal an independent in-memory numpy computation over the same pixels ({@code src/test/scripts/gd_raster_oracle.py},
 * GDAL reading the GeoTIFFs, numpy's own quantiles) to 1e-9. Skipped without a Python 3 that imports numpy and GDAL
 * (Debian python3-numpy, python3-gdal).
 */
class DetectRasterOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"EQUAL", "QUANTILE"})
    void smallDemoEqualsNumpyOverEveryPixel(String method) throws Exception {
        String python = numpyPython();
        Path demo = DemoFixture.small();
        Path y = demo.resolve("landsat/2023/lst.tif"), lu = demo.resolve("landuse/lu_2023.tif"),
                dem = demo.resolve("terrain/dem.tif"), slope = demo.resolve("terrain/slope.tif"),
                nir = demo.resolve("landsat/2023/nir.tif");
        List<GridCoverage2D> factors = new ArrayList<>();
        for (Path p : List.of(lu, dem, slope, nir)) factors.add(GeoTiffs.read(p.toFile()));
        Map<String, Object> out = new DetectRasterProcess().execute(GeoTiffs.read(y.toFile()), factors,
                "lu,dem,slope,nir", "lu", method, 5, null, null, null, null, null, null);

        JsonNode oracle = run(python, List.of(Path.of("src/test/scripts/gd_raster_oracle.py").toAbsolutePath().toString(),
                method, "5", y.toString(), "lu=" + lu + ":cat", "dem=" + dem, "slope=" + slope, "nir=" + nir));
        Table factor = (Table) out.get("factor");
        for (int i = 0; i < factor.rowCount(); i++) {
            String name = (String) factor.get(i, "factor");
            assertEquals(oracle.get("n").asLong(), ((Number) factor.get(i, "n")).longValue(), name);
            assertEquals(oracle.get("q").get(name).asDouble(), ((Number) factor.get(i, "q")).doubleValue(), 1e-9, name);
        }
        Table inter = (Table) out.get("interaction");
        assertEquals(6, inter.rowCount());
        for (int i = 0; i < inter.rowCount(); i++) {
            String pair = inter.get(i, "factor_a") + "|" + inter.get(i, "factor_b");
            assertEquals(oracle.get("q12").get(pair).asDouble(), ((Number) inter.get(i, "q12")).doubleValue(), 1e-9, pair);
        }
    }

    /** /usr/bin/python3 or python3 on the PATH, whichever imports numpy and GDAL; else the test is skipped. */
    static String numpyPython() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy, osgeo.gdal").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
            } catch (IOException notThere) {
                // next candidate
            }
        }
        Assumptions.abort("no Python 3 with numpy and GDAL (Debian python3-numpy, python3-gdal): skipped");
        return null;
    }

    private static JsonNode run(String python, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(python);
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new AssertionError("oracle failed: " + stdout);
        return new ObjectMapper().readTree(stdout);
    }
}
