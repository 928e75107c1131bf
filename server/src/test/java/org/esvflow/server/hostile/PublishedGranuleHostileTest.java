package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertWms;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 4 (published layers): a granule cut to a third of its length is an exception for that layer and
 * time — never a blank map or a value of 0 — while its other time and other layers are served as before.
 */
@Tag("hostile")
class PublishedGranuleHostileTest {
    static final String BBOX = "500000,3997000,503000,4000000";

    static String map(String layer, String time) {
        return "/wms?service=WMS&version=1.3.0&request=GetMap&layers=" + layer + "&styles=&crs=EPSG:32650&bbox=" + BBOX
                + "&width=100&height=100&format=image/png" + (time == null ? "" : "&time=" + time);
    }

    static String info(String layer, String time) {
        return "/wms?service=WMS&version=1.3.0&request=GetFeatureInfo&query_layers=" + layer + "&layers=" + layer
                + "&crs=EPSG:32650&bbox=" + BBOX + "&width=100&height=100&i=75&j=50&info_format=text/plain"
                + (time == null ? "" : "&time=" + time);
    }

    @Test
    void truncatedGranuleIsAnErrorForThatTimeOnly() throws Exception {
        // a fixture of its own: its catalog sees the files before any request has opened them
        try (Fixture f = new Fixture()) {
            Path tif = f.dir.resolve("data/demo/esv/esv_2019.tif");
            long length = Files.size(tif);
            try (RandomAccessFile raf = new RandomAccessFile(tif.toFile(), "rw")) {
                raf.setLength(length / 3);
            }
            HttpResponse<byte[]> broken = f.get(map("demo:esv", "2019"));
            var e = assertWms(broken, 503, "NoApplicableCode", "LAYERS");
            assertTrue(e.getTextContent().contains("demo:esv") && e.getTextContent().contains("2019"), e.getTextContent());
            assertFalse(e.getTextContent().contains(f.dir.toString()), "no server path in " + e.getTextContent());
            // a second request gets the same answer (the check is remembered, not skipped)
            assertWms(f.get(map("demo:esv", "2019")), 503, "NoApplicableCode", "LAYERS");
            assertWms(f.get(info("demo:esv", "2019")), 503, "NoApplicableCode", "QUERY_LAYERS");

            // 2023 and the land-use layer are unaffected: values by construction (right half 60 000 × 2; lower
            // right quadrant class 8)
            HttpResponse<byte[]> ok = f.get(info("demo:esv", "2023"));
            assertEquals(200, ok.statusCode());
            assertTrue(Fixture.text(ok).contains("GRAY_INDEX = 120000"), Fixture.text(ok));
            assertTrue(Fixture.text(f.get(info("demo:landuse", null))).contains("GRAY_INDEX = 8"));
            HttpResponse<byte[]> png = f.get(map("demo:esv", "2023"));
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            // a WCS download of the damaged time is refused too, the other time downloads
            HttpResponse<byte[]> wcs = f.get("/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__esv"
                    + "&subset=time(%222019%22)");
            assertEquals(503, wcs.statusCode(), Fixture.text(wcs));
            assertEquals(200, f.get("/wcs?service=WCS&version=2.0.1&request=GetCoverage&coverageId=demo__esv"
                    + "&subset=time(%222023%22)").statusCode());
        }
    }

    @Test
    void granuleShortByOneByteIsAnError() throws Exception {
        try (Fixture f = new Fixture()) {
            byte[] before = f.get(map("demo:landuse", null)).body();
            Path tif = f.dir.resolve("data/demo/esv/esv_2023.tif");
            // 100² pixels fit in one 256² tile: no overview is written, so the granule itself is cut
            assertFalse(Files.exists(Path.of(tif + ".ovr")));
            try (RandomAccessFile raf = new RandomAccessFile(tif.toFile(), "rw")) {
                raf.setLength(raf.length() - 1);
            }
            assertWms(f.get(map("demo:esv", null)), 503, "NoApplicableCode", "LAYERS");
            assertArrayEquals(before, f.get(map("demo:landuse", null)).body(), "other layers draw as before");
        }
    }
}
