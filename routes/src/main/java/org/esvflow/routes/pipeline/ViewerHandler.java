package org.esvflow.routes.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.esvflow.server.codec.CodecRegistry;

/**
 * The web viewer and what it reads, on one origin: {@code /} the viewer page, {@code /viewer/*} its scripts,
 * {@code /webjars/*} Leaflet and Chart.js, {@code /studies/} the list of studies and {@code /studies/<id>/*} their
 * output folders (study.json, tables, report), and {@code /ows} forwarded (GET only) to the OGC server, so WMS
 * GetFeatureInfo works from the page without cross-origin rules on the server (GeoServer included).
 */
final class ViewerHandler implements HttpHandler {
    private final URI ows;
    private final Map<String, Path> studies = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ViewerHandler(URI ows) {
        this.ows = ows;
    }

    void addStudy(String id, Path output) {
        studies.put(id, output.toAbsolutePath().normalize());
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        try (x) {
            if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(405, -1);
                return;
            }
            String path = URLDecoder.decode(x.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            if (path.equals("/") || path.equals("/index.html")) {
                resource(x, "viewer/index.html");
            } else if (path.startsWith("/viewer/")) {
                resource(x, "viewer/" + path.substring("/viewer/".length()));
            } else if (path.startsWith("/webjars/")) {
                resource(x, "META-INF/resources/webjars/" + path.substring("/webjars/".length()));
            } else if (path.equals("/studies/") || path.equals("/studies")) {
                StringBuilder json = new StringBuilder("[");
                studies.keySet().stream().sorted().forEach(id -> json.append(json.length() > 1 ? "," : "").append('"').append(id).append('"'));
                send(x, 200, "application/json", json.append(']').toString().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/studies/")) {
                studyFile(x, path.substring("/studies/".length()));
            } else if (path.equals("/ows")) {
                forward(x);
            } else {
                x.sendResponseHeaders(404, -1);
            }
        }
    }

    private void studyFile(HttpExchange x, String rest) throws IOException {
        int slash = rest.indexOf('/');
        Path root = slash < 0 ? null : studies.get(rest.substring(0, slash));
        Path file = root == null ? null : root.resolve(rest.substring(slash + 1)).normalize();
        if (file == null || !file.startsWith(root) || !Files.isRegularFile(file)) {
            x.sendResponseHeaders(404, -1);
            return;
        }
        x.getResponseHeaders().set("Content-Type", contentType(file.getFileName().toString()));
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        x.sendResponseHeaders(200, Files.size(file) == 0 ? -1 : Files.size(file));
        try (OutputStream out = x.getResponseBody()) {
            Files.copy(file, out);
        }
    }

    private void resource(HttpExchange x, String name) throws IOException {
        if (name.contains("..")) {
            x.sendResponseHeaders(404, -1);
            return;
        }
        try (InputStream in = ViewerHandler.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            send(x, 200, contentType(name), in.readAllBytes());
        }
    }

    private void forward(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getRawQuery();
        URI target = URI.create(ows + (query == null ? "" : (ows.getRawQuery() == null ? "?" : "&") + query));
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            send(x, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/octet-stream"), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            x.sendResponseHeaders(503, -1);
        } catch (IOException e) {
            send(x, 502, "text/plain", ("the OGC server " + ows + " cannot be reached\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        if ("HEAD".equals(x.getRequestMethod())) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) return "text/html; charset=UTF-8";
        if (n.endsWith(".js")) return "text/javascript; charset=UTF-8";
        if (n.endsWith(".css")) return "text/css; charset=UTF-8";
        if (n.endsWith(".svg")) return "image/svg+xml";
        if (n.endsWith(".csv")) return "text/csv; charset=UTF-8";
        return CodecRegistry.standard().mimeType(n); // data files: the types the WPS server gives them
    }
}
