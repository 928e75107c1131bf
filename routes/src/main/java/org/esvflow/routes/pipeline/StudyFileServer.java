package org.esvflow.routes.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Serves study files read-only over HTTP so the WPS server can fetch them as input references:
 * {@code http://host:port/files/<root>/<relative path>}. Only files under registered roots are served; anything
 * else, including {@code ..} tricks, is 404. Each file carries its SHA-256 as entity tag, so a server that fetched it
 * before is answered {@code 304 Not Modified} and reuses its copy.
 */
public final class StudyFileServer implements FileReferences, AutoCloseable {
    private final HttpServer server;
    private final String base;
    private final Map<String, Path> roots = new ConcurrentHashMap<>();
    private ViewerHandler viewer;
    private volatile Checksums checksums = new Checksums();

    /**
     * @param host interface to bind (loopback unless the WPS server runs elsewhere)
     * @param publicBase the base URL the WPS server reaches this at, or null for {@code http://host:port}
     */
    public StudyFileServer(String host, int port, String publicBase) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/files/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "study-files");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        this.base = publicBase != null ? publicBase.replaceAll("/+$", "")
                : "http://" + host + ":" + server.getAddress().getPort();
    }

    /** Shares the pipeline's checksums, so a file hashed for a step's fingerprint is not read again for its tag. */
    void checksums(Checksums shared) {
        this.checksums = shared;
    }

    /** Serves the web viewer at {@code /} on this server, its map requests forwarded to {@code ows}. */
    public synchronized void serveViewer(String ows) {
        if (viewer != null) return;
        viewer = new ViewerHandler(URI.create(ows));
        server.createContext("/", viewer);
    }

    /** Offers a study's output folder to the viewer ({@code /studies/<id>/}). */
    public synchronized void addStudy(String id, Path output) {
        if (viewer != null) viewer.addStudy(id, output);
    }

    /** The viewer's URL (meaningful after {@link #serveViewer}). */
    public String viewerUrl() {
        return base + "/";
    }

    @Override
    public String prefix() {
        return base + "/files/";
    }

    @Override
    public String href(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Map.Entry<String, Path> r : roots.entrySet()) {
            if (abs.startsWith(r.getValue())) return prefix() + r.getKey() + "/" + encode(r.getValue().relativize(abs));
        }
        Path dir = abs.getParent();
        String name = "r" + Integer.toHexString(dir.toString().hashCode() & 0x7fffffff);
        roots.putIfAbsent(name, dir);
        return prefix() + name + "/" + encode(dir.relativize(abs));
    }

    /** Serves every file under {@code dir}. */
    public void share(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        roots.putIfAbsent("r" + Integer.toHexString(abs.toString().hashCode() & 0x7fffffff), abs);
    }

    private static String encode(Path relative) {
        StringBuilder b = new StringBuilder();
        for (Path part : relative) {
            if (b.length() > 0) b.append('/');
            b.append(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    private void serve(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath().substring("/files/".length());
            int slash = path.indexOf('/');
            Path root = slash < 0 ? null : roots.get(path.substring(0, slash));
            Path file = null;
            if (root != null) {
                Path candidate = root.resolve(URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8)).normalize();
                if (candidate.startsWith(root) && Files.isRegularFile(candidate)) file = candidate;
            }
            if (file == null || !("GET".equals(x.getRequestMethod()) || "HEAD".equals(x.getRequestMethod()))) {
                x.sendResponseHeaders(404, -1);
                return;
            }
            // the entity tag is the content's SHA-256: a WPS server that kept the file asks with If-None-Match
            String etag = "\"sha256:" + checksums.sha256(file) + "\"";
            x.getResponseHeaders().set("ETag", etag);
            if (etag.equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                x.sendResponseHeaders(304, -1);
                return;
            }
            x.getResponseHeaders().set("Content-Type", Sources.mimeType(file.getFileName().toString()));
            long size = Files.size(file);
            if ("HEAD".equals(x.getRequestMethod())) {
                x.sendResponseHeaders(200, -1);
                return;
            }
            x.sendResponseHeaders(200, size == 0 ? -1 : size);
            try (OutputStream out = x.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
