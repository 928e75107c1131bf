package org.esvflow.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.esvflow.raster.Blocks;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.Rasters;
import org.geotools.api.data.Parameter;
import org.geotools.api.feature.type.Name;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the known traps of org.datasyslab:geotools-wrapper (see DEVELOPERS.md). */
class WrapperTrapsTest {
    @TempDir Path dir;

    @Test
    void slf4jTwoWins() throws Exception {
        // the fluent API exists only in slf4j 2.x; the wrapper's bundled 1.7 classes must not shadow it
        assertNotNull(org.slf4j.Logger.class.getMethod("atInfo"));
    }

    @Test
    void numericNodataSurvivesAGeoTiffRoundTrip() throws Exception {
        var grid = Rasters.grid(3, 1, 500_000, 4_400_000, 30, CRS.decode("EPSG:32650", true));
        float[] values = {-9999f, 1.5f, 1e-3f};
        GridCoverage2D c = Rasters.coverage("x", new ComputedImage(3, 1, 256, DataBuffer.TYPE_FLOAT, r -> {
            for (int i = 0; i < 3; i++) r.setSample(i, 0, 0, values[i]);
        }), grid, -9999);
        GeoTiffs.write(c, dir.resolve("x.tif").toFile());
        GridCoverage2D back = GeoTiffs.read(dir.resolve("x.tif").toFile(), "x");
        assertEquals(-9999.0, Rasters.nodata(back));
        var data = back.getRenderedImage().getData();
        for (int i = 0; i < 3; i++) assertEquals(values[i], data.getSampleFloat(i, 0, 0));
    }

    @Test
    void zonalSumsCountEveryPixel() throws Exception {
        // 300 × 300 pixels in two zones split at column 123: plain-Java sums must count 123·300 and 177·300 pixels
        var grid = Rasters.grid(300, 300, 0, 9000, 30, CRS.decode("EPSG:32650", true));
        GridCoverage2D zones = Rasters.coverage("z", new ComputedImage(300, 300, 256, DataBuffer.TYPE_INT, r -> {
            for (int y = r.getMinY(); y < r.getMinY() + r.getHeight(); y++)
                for (int x = r.getMinX(); x < r.getMinX() + r.getWidth(); x++) r.setSample(x, y, 0, x < 123 ? 1 : 2);
        }), grid, 0);
        long[] counts = new long[3];
        Blocks.forEach(List.of(zones), null, 0, 100, (bounds, rasters) -> {
            int[] z = rasters[0].getSamples(bounds.x, bounds.y, bounds.width, bounds.height, 0, (int[]) null);
            for (int v : z) counts[v]++;
        });
        assertEquals(123 * 300, counts[1]);
        assertEquals(177 * 300, counts[2]);
    }

    @Test
    void annotatedBeanFactoryHandlesDefaultValues() {
        // StaticMethodsProcessFactory throws an NPE on defaultValue; AnnotatedBeanProcessFactory must not
        Name name = new NameImpl(Namespaces.LAND_USE, "AlignGrid");
        ProcessFactory factory = Processors.createProcessFactory(name);
        assertNotNull(factory, "lu:AlignGrid must be registered through META-INF/services");
        Map<String, Parameter<?>> inputs = factory.getParameterInfo(name);
        assertEquals("NEAREST", String.valueOf(inputs.get("resampling").getDefaultValue()));
        assertNull(inputs.get("source").getDefaultValue());
    }

    @Test
    void everyRegisteredProcessIsDocumented() {
        int ours = 0;
        for (ProcessFactory factory : Processors.getProcessFactories()) {
            for (Name name : factory.getNames()) {
                if (!List.of("lu", "esv", "rsei", "hai", "gd", "fig").contains(name.getNamespaceURI())) continue;
                ours++;
                assertTrue(factory.getDescription(name).toString().length() > 20, name + " needs a description");
                for (Parameter<?> p : factory.getParameterInfo(name).values()) {
                    assertNotNull(p.getDescription(), name + "." + p.getName() + " needs a description");
                }
                assertTrue(!factory.getResultInfo(name, null).isEmpty(), name + " needs results");
            }
        }
        assertTrue(ours >= 2);
    }
}
