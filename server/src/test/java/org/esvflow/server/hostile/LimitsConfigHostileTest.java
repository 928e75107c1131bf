package org.esvflow.server.hostile;

import static org.esvflow.server.hostile.HardeningSupport.assertWms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.ServerLimits;
import org.esvflow.server.testing.Fixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 14, item 8: every limit is settable by name (CLI {@code --limit}) and by system property; loopback by default. */
@Tag("hostile")
class LimitsConfigHostileTest {
    @Test
    void limitsAreSetByNameWithUnits() {
        ServerConfig c = ServerConfig.builder().set("maxRequestBytes", "2M").set("maxInputBytes", "3GiB")
                .set("maxInputPixels", "1500000").set("maxExecutionTime", "90m").set("resultExpiry", "PT2H")
                .set("maxRenderTime", "500ms").set("maxQueuedExecutions", "7").set("maxMapWidth", "2k").build();
        assertEquals(2L * 1024 * 1024, c.maxRequestBytes());
        assertEquals(3L * 1024 * 1024 * 1024, c.maxInputBytes());
        assertEquals(1_500_000L, c.maxInputPixels());
        assertEquals(90 * 60, c.maxExecutionTime().toSeconds());
        assertEquals(2 * 3600, c.resultExpiry().toSeconds());
        assertEquals(500, c.maxRenderTime().toMillis());
        assertEquals(7, c.maxQueuedExecutions());
        assertEquals(2048, c.maxMapWidth());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().set("maxBogus", "1"));
        assertTrue(unknown.getMessage().contains("maxBogus"), unknown.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().set("maxMapWidth", "-5"));
        assertTrue(negative.getMessage().contains("maxMapWidth"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().set("maxExecutionTime", "0s"));
        assertTrue(ServerLimits.KEYS.keySet().containsAll(java.util.List.of("maxSyncExecutions", "maxAsyncExecutions",
                "maxLayersPerMap", "maxChainDepth", "maxMapPixels", "maxMapHeight")));
    }

    @Test
    void systemPropertiesReachTheServer() throws Exception {
        System.setProperty(ServerLimits.PREFIX + "maxMapWidth", "512");
        ServerConfig.Builder b;
        try {
            b = ServerConfig.builder().systemProperties();
        } finally {
            System.clearProperty(ServerLimits.PREFIX + "maxMapWidth");
        }
        try (Fixture f = new Fixture(b)) {
            String caps = Fixture.text(f.get("/wms?service=WMS&version=1.3.0&request=GetCapabilities"));
            assertTrue(caps.contains("<MaxWidth>512</MaxWidth>"), caps);
            String map = "/wms?service=WMS&version=1.3.0&request=GetMap&layers=demo:esv&styles=&crs=EPSG:32650"
                    + "&bbox=500000,3997000,503000,4000000&height=10&format=image/png&width=";
            assertWms(f.get(map + 513), 400, "InvalidParameterValue", "WIDTH");
            assertEquals(200, f.get(map + 512).statusCode());
        }
    }

    @Test
    void theServerListensOnLoopbackUnlessTold() {
        assertEquals("127.0.0.1", ServerConfig.builder().build().host());
        assertEquals(Duration.ofSeconds(60), ServerConfig.builder().build().maxRenderTime());
    }
}
