package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps rendered by a stand-in WMS: a PNG is stored and named, an exception report (sent with status 200, as WMS
 * servers do) is named with its text instead, and a server that does not answer is asked once.
 */
class ReportMapsTest {
    @TempDir
    Path dir;

    @Test
    void storesImagesAndNamesWhatTheServerRefused() throws Exception {
        List<String> queries = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ows", x -> {
            String q = x.getRequestURI().getRawQuery();
            queries.add(q);
            byte[] body;
            if (q.contains("time=2015")) {
                body = ("<ServiceExceptionReport><ServiceException code=\"InvalidDimensionValue\">no granule for 2015"
                        + "</ServiceException></ServiceExceptionReport>").getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().set("Content-Type", "application/vnd.ogc.se_xml");
            } else {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB), "png", png);
                body = png.toByteArray();
                x.getResponseHeaders().set("Content-Type", "image/png");
            }
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String ows = "http://127.0.0.1:" + server.getAddress().getPort() + "/ows";
            // 300 km × 150 km in UTM: 480 px wide, 240 px high
            ReportMaps maps = new ReportMaps(ows, "EPSG:32650", new double[] {300_000, 4_200_000, 600_000, 4_350_000});
            assertEquals(240, maps.height());
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", "demo:esv");
            layer.put("title", "esv");
            layer.put("style", "esv");
            layer.put("times", List.of("2013", "2015"));
            maps.renderAll(List.of(layer), dir);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> images = (List<Map<String, Object>>) layer.get("images");
            assertEquals("maps/esv_2013.png", images.get(0).get("file"));
            assertTrue(Files.size(dir.resolve("maps/esv_2013.png")) > 0);
            assertEquals("HTTP 200: no granule for 2015", images.get(1).get("error"));
            assertFalse(Files.exists(dir.resolve("maps/esv_2015.png")));
            assertEquals("maps/esv_legend.png", layer.get("legend"));
            assertTrue(queries.get(0).contains("request=GetMap") && queries.get(0).contains("srs=EPSG%3A32650")
                    && queries.get(0).contains("bbox=300000.0%2C4200000.0%2C600000.0%2C4350000.0")
                    && queries.get(0).contains("width=480&height=240") && queries.get(0).contains("styles=esv"), queries.get(0));
            assertTrue(queries.get(2).contains("request=GetLegendGraphic") && queries.get(2).contains("layer=demo%3Aesv"), queries.get(2));
        } finally {
            server.stop(0);
        }

        // the server is gone: the first map says so, the others are not asked for
        ReportMaps gone = new ReportMaps("http://127.0.0.1:" + server.getAddress().getPort() + "/ows", "EPSG:32650",
                new double[] {0, 0, 1, 1});
        Map<String, Object> layer = new LinkedHashMap<>(Map.of("name", "demo:rsei", "title", "rsei", "times", List.of("2013", "2015")));
        layer.put("style", null);
        gone.renderAll(List.of(layer), dir);
        assertTrue(String.valueOf(layer.get("legendError")).startsWith("no answer from the map server"), layer::toString);
    }
}
