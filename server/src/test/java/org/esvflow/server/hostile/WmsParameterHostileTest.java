package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertWms;
import static org.esvflow.server.hostile.HardeningSupport.enc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: WMS parameters an attacker or a careless client sends. The fixture layer {@code demo:esv} has
 * times 2019 and 2023 on 100 × 100 pixels of 30 m from (500 000, 4 000 000) in EPSG:32650; the server is configured
 * with MaxWidth 1024, MaxHeight 768 and at most 4 layers per map, so every limit asserted is the configured one.
 */
@Tag("hostile")
class WmsParameterHostileTest {
    static Fixture f;
    static final String BBOX = "500000,3997000,503000,4000000";

    @BeforeAll
    static void start() throws Exception {
        f = new Fixture(ServerConfig.builder().maxMapWidth(1024).maxMapHeight(768).maxLayersPerMap(4));
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    static String map(String layers, String bbox, int w, int h, String time) {
        return "/wms?service=WMS&version=1.3.0&request=GetMap&layers=" + enc(layers) + "&styles=&crs=EPSG:32650&bbox="
                + enc(bbox) + "&width=" + w + "&height=" + h + "&format=image/png" + (time == null ? "" : "&time=" + enc(time));
    }

    @Test
    void nonFiniteOrHugeBboxIsInvalidParameterValue() throws Exception {
        for (String bbox : new String[] {"NaN,0,1,1", "0,0,Infinity,1", "-Infinity,0,1,1", "-1e308,-1e308,1e308,1e308",
                "0,0,1e308,1", "500000,3997000,503000,NaN"}) {
            assertWms(f.get(map("demo:esv", bbox, 64, 64, null)), 400, "InvalidParameterValue", "BBOX");
        }
        assertEquals(200, f.get(map("demo:esv", BBOX, 64, 64, null)).statusCode());
    }

    @Test
    void timeIsMatchedExactlyNotByPrefix() throws Exception {
        byte[] y2019 = f.get(map("demo:esv", BBOX, 50, 50, "2019")).body();
        byte[] y2023 = f.get(map("demo:esv", BBOX, 50, 50, "2023")).body();
        assertFalse(Arrays.equals(y2019, y2023), "the two epochs differ (values doubled)");
        // the same instant in other ISO 8601 forms, and a range holding only 2019
        assertArrayEquals(y2019, f.get(map("demo:esv", BBOX, 50, 50, "2019-01-01T00:00:00Z")).body());
        assertArrayEquals(y2019, f.get(map("demo:esv", BBOX, 50, 50, "2019-01-01")).body());
        assertArrayEquals(y2019, f.get(map("demo:esv", BBOX, 50, 50, "2018/2020")).body());
        assertArrayEquals(y2023, f.get(map("demo:esv", BBOX, 50, 50, "2023,2024")).body(), "a list where one time exists");
        // a prefix, a range or list of two epochs, a malformed value, a time between epochs: refused
        for (String t : new String[] {"2", "20", "201", "2019/2023", "2019,2023", "2013/2023/P2Y", "2019-06", "2020",
                "2019-13-01", "x", "2019/", "2023/2019"}) {
            assertWms(f.get(map("demo:esv", BBOX, 50, 50, t)), 400, "InvalidDimensionValue", "TIME");
        }
        String info = "/wms?service=WMS&version=1.3.0&request=GetFeatureInfo&query_layers=demo:esv&layers=demo:esv"
                + "&crs=EPSG:32650&bbox=" + BBOX + "&width=100&height=100&i=75&j=50&info_format=application/json&time=";
        assertWms(f.get(info + "2"), 400, "InvalidDimensionValue", "TIME");
        HttpResponse<byte[]> ok = f.get(info + "2023-01-01");
        assertEquals(200, ok.statusCode());
        // pixel (75, 50) is in the right half: 60 000 × 2 in 2023
        assertTrue(Fixture.text(ok).contains("\"GRAY_INDEX\":120000"), Fixture.text(ok));
    }

    @Test
    void advertisedMaxWidthAndHeightAreEnforced() throws Exception {
        String caps = Fixture.text(f.get("/wms?service=WMS&version=1.3.0&request=GetCapabilities"));
        assertTrue(caps.contains("<MaxWidth>1024</MaxWidth>") && caps.contains("<MaxHeight>768</MaxHeight>"), caps);
        assertWms(f.get(map("demo:esv", BBOX, 1025, 10, null)), 400, "InvalidParameterValue", "WIDTH");
        assertWms(f.get(map("demo:esv", BBOX, 10, 769, null)), 400, "InvalidParameterValue", "HEIGHT");
        assertWms(f.get(map("demo:esv", BBOX, 16384, 1024, null)), 400, "InvalidParameterValue", "WIDTH");
        assertEquals(200, f.get(map("demo:esv", BBOX, 1024, 768, null)).statusCode());
    }

    @Test
    void layersPerMapAreCapped() throws Exception {
        assertWms(f.get(map(String.join(",", java.util.Collections.nCopies(50, "demo:esv")), BBOX, 64, 64, null)),
                400, "InvalidParameterValue", "LAYERS");
        assertWms(f.get(map("demo:esv,demo:esv,demo:landuse,demo:esv,demo:esv", BBOX, 64, 64, null)),
                400, "InvalidParameterValue", "LAYERS");
        assertEquals(200, f.get(map("demo:esv,demo:esv,demo:landuse,demo:esv", BBOX, 64, 64, null)).statusCode());
    }

    @Test
    void renderingStopsAtTheDeadline() throws Exception {
        try (Fixture slow = new Fixture(ServerConfig.builder().maxRenderTime(Duration.ofMillis(1500)))) {
            assertEquals(200, slow.get(map("demo:esv", BBOX, 64, 64, null)).statusCode(), "a small map is drawn");
            // 16 layers of 4096² = 268 M pixel look-ups: far more than 1.5 s of work on any machine here
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = slow.get(map(String.join(",", java.util.Collections.nCopies(16, "demo:esv")),
                    BBOX, 4096, 4096, null));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertWms(r, 503, "NoApplicableCode", "LAYERS");
            assertTrue(seconds < 30, "answered after " + seconds + " s");
        }
    }
}
