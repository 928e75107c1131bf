package org.esvflow.routes.report;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.esvflow.io.AtomicFiles;

/**
 * The report's maps, rendered once at the end of a study so that the report needs no server: each published layer ×
 * epoch as a PNG by the study's WMS (GetMap in the study's CRS over its extent, the layer's own style), and each
 * layer's legend (GetLegendGraphic), under {@code report/maps/}. A map the server cannot draw is named in the report
 * with the server's reason instead of an image.
 */
final class ReportMaps {
    /** Width of a map in pixels; the height follows the extent's aspect ratio. */
    static final int WIDTH = 480;
    static final String FOLDER = "maps";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private final String wms;
    private final String crs;
    private final double[] bbox;
    /** Set when the server did not answer: the remaining maps are not asked for (each would wait for its timeout). */
    private String unreachable;

    /**
     * @param wms  the WMS endpoint ({@code …/ows})
     * @param crs  the study's CRS code, e.g. {@code EPSG:32650}
     * @param bbox the extent in that CRS: min x, min y, max x, max y (WMS 1.1.1 order: east, north)
     */
    ReportMaps(String wms, String crs, double[] bbox) {
        this.wms = wms;
        this.crs = crs;
        this.bbox = bbox.clone();
    }

    int height() {
        return Math.max(1, (int) Math.round(WIDTH * (bbox[3] - bbox[1]) / (bbox[2] - bbox[0])));
    }

    /**
     * Renders every layer of {@code layers} (as {@link Report#data} lists them: name, title, style, times) into
     * {@code reportDir/maps/} and adds to each layer {@code images} (time, file or error) and {@code legend} (file or
     * legendError); file paths are relative to the report folder.
     */
    void renderAll(List<Map<String, Object>> layers, Path reportDir) {
        for (Map<String, Object> layer : layers) {
            String name = (String) layer.get("name"), title = (String) layer.get("title"), style = (String) layer.get("style");
            @SuppressWarnings("unchecked")
            List<String> times = (List<String>) layer.get("times");
            List<Map<String, Object>> images = new ArrayList<>();
            for (String time : times.isEmpty() ? java.util.Collections.<String>singletonList(null) : times) {
                String file = FOLDER + "/" + safe(title) + (time == null ? "" : "_" + safe(time)) + ".png";
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("time", time);
                String error = fetch(getMap(name, style, time), reportDir.resolve(file));
                image.put(error == null ? "file" : "error", error == null ? file : error);
                images.add(image);
            }
            layer.put("images", images);
            String legend = FOLDER + "/" + safe(title) + "_legend.png";
            String error = fetch(getLegendGraphic(name, style), reportDir.resolve(legend));
            layer.put(error == null ? "legend" : "legendError", error == null ? legend : error);
        }
    }

    String getMap(String layer, String style, String time) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("service", "WMS");
        q.put("version", "1.1.1");
        q.put("request", "GetMap");
        q.put("layers", layer);
        q.put("styles", style == null ? "" : style);
        q.put("srs", crs);
        q.put("bbox", bbox[0] + "," + bbox[1] + "," + bbox[2] + "," + bbox[3]);
        q.put("width", String.valueOf(WIDTH));
        q.put("height", String.valueOf(height()));
        q.put("format", "image/png");
        q.put("transparent", "true");
        if (time != null) q.put("time", time);
        return url(q);
    }

    String getLegendGraphic(String layer, String style) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("service", "WMS");
        q.put("version", "1.3.0");
        q.put("request", "GetLegendGraphic");
        q.put("layer", layer);
        q.put("format", "image/png");
        if (style != null) q.put("style", style);
        return url(q);
    }

    private String url(Map<String, String> q) {
        return wms + (wms.contains("?") ? "&" : "?") + q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Downloads a PNG to {@code file} (atomically); null when done, else why not (the server's words, shortened). */
    String fetch(String url, Path file) {
        if (unreachable != null) return unreachable;
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (r.statusCode() != 200 || !isPng(body)) {
                String text = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
                String reason = text.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").trim();
                return "HTTP " + r.statusCode() + ": " + (reason.length() > 200 ? reason.substring(0, 200) + "…" : reason);
            }
            AtomicFiles.write(file, body);
            return null;
        } catch (IOException e) {
            unreachable = "no answer from the map server: " + e.getMessage();
            return unreachable;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static boolean isPng(byte[] body) {
        if (body.length < PNG_SIGNATURE.length) return false;
        for (int i = 0; i < PNG_SIGNATURE.length; i++) if (body[i] != PNG_SIGNATURE[i]) return false;
        return true;
    }

    /** A file-name part: letters, digits, '-' and '_' kept, anything else '_'. */
    static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }
}
