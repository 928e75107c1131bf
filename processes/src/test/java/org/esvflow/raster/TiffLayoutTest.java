package org.esvflow.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBuffer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.testing.Tools;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout check run before any TIFF reader is built: sound files pass, truncated or oversized ones do not. */
class TiffLayoutTest {
    @TempDir Path dir;

    /** 600 × 300 bytes, (x + y) % 7 + 1, written tiled 256² by GeoTiffs. */
    File written() throws Exception {
        GridCoverage2D c = Blocks.map("lu", List.of(Rasters.coverage("seed",
                new ComputedImage(600, 300, 256, DataBuffer.TYPE_BYTE, t -> {}),
                Rasters.grid(600, 300, 500_000, 4_000_000, 30, CRS.decode("EPSG:32650", true)), 0)),
                DataBuffer.TYPE_BYTE, 0, (in, out) -> {
                    for (int y = out.getMinY(); y < out.getMinY() + out.getHeight(); y++)
                        for (int x = out.getMinX(); x < out.getMinX() + out.getWidth(); x++) out.setSample(x, y, 0, (x + y) % 7 + 1);
                });
        File file = dir.resolve("lu.tif").toFile();
        GeoTiffs.write(c, file);
        return file;
    }

    @Test
    void aWrittenGeoTiffPassesWithItsDeclaredLayout() throws Exception {
        TiffLayout.Info info = TiffLayout.check(written(), "lu", TiffLayout.Limits.DEFAULT);
        assertEquals(600, info.width());
        assertEquals(300, info.height());
        assertTrue(info.tiled());
        assertEquals(3 * 2, info.blocks(), "ceil(600/256) × ceil(300/256) tiles");
        assertTrue(info.compression() == 8 || info.compression() == 32946, "deflate (Adobe 8 or the older 32946): " + info.compression());
    }

    @Test
    void limitsAreEnforced() throws Exception {
        File file = written();
        InvalidInputException pixels = assertThrows(InvalidInputException.class,
                () -> TiffLayout.check(file, "lu", new TiffLayout.Limits(600 * 300 - 1, 1 << 20)));
        assertEquals("lu", pixels.getInput());
        assertTrue(pixels.getMessage().contains("180000 pixels"), pixels.getMessage());
        // one 256² byte tile decodes to 65 536 bytes
        TiffLayout.check(file, "lu", new TiffLayout.Limits(Long.MAX_VALUE, 65_536));
        assertThrows(InvalidInputException.class, () -> TiffLayout.check(file, "lu", new TiffLayout.Limits(Long.MAX_VALUE, 65_535)));
    }

    @Test
    void everyTruncationIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(written().toPath());
        Path cut = dir.resolve("cut.tif");
        for (int len : new int[] {0, 7, 100, whole.length / 3, whole.length / 2, whole.length - 1}) {
            Files.write(cut, Arrays.copyOf(whole, len));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> TiffLayout.check(cut.toFile(), "landUse", TiffLayout.Limits.DEFAULT), "cut at " + len);
            assertEquals("landUse", e.getInput());
            assertFalse(e.getMessage().isBlank());
        }
        assertThrows(InvalidInputException.class, () -> GeoTiffs.read(cut.toFile(), "landUse"));
    }

    /** GDAL's strips, BigTIFF and separate planes pass, and agree with gdalinfo's size. */
    @Test
    void gdalLayoutsPass() throws Exception {
        Tools.assumeOnPath("gdal_translate", "gdal-bin");
        File src = written();
        String[][] options = {{"-co", "TILED=NO"}, {"-co", "TILED=NO", "-co", "COMPRESS=DEFLATE"},
                {"-co", "BIGTIFF=YES", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=64"},
                {"-b", "1", "-b", "1", "-b", "1", "-co", "INTERLEAVE=BAND", "-co", "TILED=YES"}};
        long[] blocks = {-1, -1, 5L * 5, 3L * 2 * 3};
        for (int i = 0; i < options.length; i++) {
            File out = dir.resolve("gdal" + i + ".tif").toFile();
            List<String> cmd = new java.util.ArrayList<>(List.of("gdal_translate", "-q"));
            cmd.addAll(List.of(options[i]));
            cmd.addAll(List.of(src.getPath(), out.getPath()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), log);
            TiffLayout.Info info = TiffLayout.check(out, "lu", TiffLayout.Limits.DEFAULT);
            assertEquals(600, info.width());
            assertEquals(300, info.height());
            // 128 × 64 tiles: ceil(600/128) = 5 across, ceil(300/64) = 5 down; separate planes: 6 tiles per band
            if (blocks[i] > 0) assertEquals(blocks[i], info.blocks(), String.join(" ", options[i]));
            GeoTiffs.read(out, "lu").dispose(true);
        }
    }
}
