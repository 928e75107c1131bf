package org.esvflow.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.esvflow.process.InvalidInputException;
import org.esvflow.server.ows.ExceptionReports;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.OwsResponse;
import org.esvflow.server.ows.RequestContext;
import org.esvflow.server.ows.StreamingXml;
import org.esvflow.server.wcs.WcsService;
import org.esvflow.server.wms.WmsService;
import org.esvflow.server.wps.WpsDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single OGC endpoint {@code /ows} (aliases {@code /wps}, {@code /wms}, {@code /wcs} fix the service). KVP by
 * GET or form POST, XML by POST (WPS Execute, GetCapabilities, DescribeProcess). Every failure is answered with an
 * exception report in the service's own format; stack traces are logged, never sent.
 */
final class OwsHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(OwsHandler.class);
    private final ServerConfig config;
    private final WpsDispatcher wps;
    private final WmsService wms;
    private final WcsService wcs;
    private volatile String localBaseUrl;

    OwsHandler(ServerConfig config, WpsDispatcher wps, WmsService wms, WcsService wcs) {
        this.config = config;
        deleteTree(spoolRoot()); // request bodies of an earlier run
        this.wps = wps;
        this.wms = wms;
        this.wcs = wcs;
    }

    void localBaseUrl(String url) {
        this.localBaseUrl = url;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String fixed = switch (path) {
            case "/ows", "/ows/" -> null;
            case "/wps", "/wps/" -> "WPS";
            case "/wms", "/wms/" -> "WMS";
            case "/wcs", "/wcs/" -> "WCS";
            default -> "";
        };
        if ("".equals(fixed)) {
            if (path.equals("/")) {
                send(response, callback, OwsResponse.text("text/plain; charset=UTF-8",
                        "esvflow OGC server: " + baseUrl(request) + "/ows\n"));
            } else {
                send(response, callback, new OwsResponse(404, "text/plain", "not found\n".getBytes(), null, null));
            }
            return true;
        }
        String service = fixed;
        String version = null;
        try {
            Map<String, List<String>> params = queryParameters(request);
            Kvp kvp = Kvp.multi(params);
            if (service == null) service = kvp.get("service");
            version = kvp.get("version");
            RequestContext ctx = context(request);
            OwsResponse result;
            if ("POST".equalsIgnoreCase(request.getMethod())) {
                String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                    readBody(request, body);
                    parseForm(body.toString(java.nio.charset.StandardCharsets.UTF_8), params);
                    kvp = Kvp.multi(params);
                    if (service == null) service = kvp.get("service");
                    result = dispatchKvp(service, kvp, ctx);
                } else {
                    if (service == null) service = "WPS";
                    result = dispatchXml(service, request, ctx);
                }
            } else if ("GET".equalsIgnoreCase(request.getMethod()) || "HEAD".equalsIgnoreCase(request.getMethod())) {
                result = dispatchKvp(service, kvp, ctx);
            } else {
                throw new OwsException("OperationNotSupported", "method", "HTTP " + request.getMethod() + " is not supported", 405);
            }
            send(response, callback, result);
        } catch (OwsException e) {
            sendError(response, callback, service, version, e);
        } catch (InvalidInputException e) {
            sendError(response, callback, service, version, OwsException.invalid(e.getInput(), e.getMessage()));
        } catch (IOException | RuntimeException | Error e) {
            LOG.warn("request failed: {}", request.getHttpURI(), e);
            sendError(response, callback, service, version,
                    new OwsException("NoApplicableCode", null, "internal error: " + e.getClass().getSimpleName()));
        }
        return true;
    }

    private OwsResponse dispatchKvp(String service, Kvp kvp, RequestContext ctx) throws IOException {
        if (service == null) {
            if (kvp.get("request") == null) throw OwsException.missing("service");
            String r = kvp.get("request").toLowerCase(Locale.ROOT);
            service = r.equals("getmap") || r.equals("getfeatureinfo") || r.equals("getlegendgraphic") ? "WMS" : null;
            if (service == null) throw OwsException.missing("service");
        }
        return switch (service.toUpperCase(Locale.ROOT)) {
            case "WPS" -> wps.handle(kvp, ctx);
            case "WMS" -> wms.handle(kvp, ctx);
            case "WCS" -> wcs.handle(kvp, ctx);
            default -> throw OwsException.invalid("service", "unknown service " + service);
        };
    }

    /**
     * An XML request: the body is spooled to a file of its own directory under {@code <output dir>/spool}, parsed
     * there by {@link StreamingXml} (bounded; ComplexData spooled beside it), and the directory deleted when the
     * request ends. An accepted execution has moved the inline inputs it needs into its own directory by then.
     */
    private OwsResponse dispatchXml(String service, Request request, RequestContext ctx) throws IOException {
        if (!service.equalsIgnoreCase("WPS")) {
            drain(Content.Source.asInputStream(request), request.getLength());
            throw new OwsException("OperationNotSupported", "request", "XML requests are accepted for WPS only");
        }
        Files.createDirectories(spoolRoot());
        Path dir = Files.createTempDirectory(spoolRoot(), "request");
        try {
            Path body = dir.resolve("body.xml");
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(body), 65536)) {
                readBody(request, out);
            }
            org.w3c.dom.Document doc = StreamingXml.parse(body, config.inputLimits(), config.maxInputBytes(), dir);
            Files.delete(body);
            return wps.handleXml(doc.getDocumentElement(), ctx);
        } finally {
            deleteTree(dir);
        }
    }

    private Path spoolRoot() {
        return config.outputDir().resolve("spool");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("could not delete {}", dir);
        }
    }

    /**
     * Copies the request body to {@code out}, at most {@link ServerConfig#maxRequestBytes()}. A larger one is refused
     * with 413 after the rest of it has been read and dropped (up to {@value #DRAINED_BYTES} bytes or
     * {@value #DRAIN_MILLIS} ms more, chunked or not): a client still sending when the server answers and closes
     * would otherwise see a broken pipe instead of the exception report.
     */
    private void readBody(Request request, OutputStream out) throws IOException {
        long declared = request.getLength();
        try (InputStream in = Content.Source.asInputStream(request)) {
            if (declared > config.maxRequestBytes()) {
                drain(in, declared);
                throw tooLarge();
            }
            byte[] buf = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0; ) {
                total += n;
                if (total > config.maxRequestBytes()) {
                    drain(in, -1);
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
        }
    }

    /** Bytes of a refused body read and dropped before answering; a longer body is cut off by closing. */
    private static final long DRAINED_BYTES = 1L << 30;
    /** Time spent reading and dropping a refused body at most (a slow sender is cut off after it). */
    private static final long DRAIN_MILLIS = 15_000;

    /** Reads and drops what is left of a body (no memory held), within the bounds above. */
    private static void drain(InputStream in, long declared) throws IOException {
        if (declared > DRAINED_BYTES) return;
        byte[] buf = new byte[65536];
        long left = DRAINED_BYTES;
        long end = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
        for (int n; left > 0 && System.nanoTime() < end && (n = in.read(buf)) >= 0; ) left -= n;
    }

    private OwsException tooLarge() {
        return new OwsException("FileSizeExceeded", "request", "the request body exceeds "
                + config.maxRequestBytes() + " bytes", 413);
    }

    private static Map<String, List<String>> queryParameters(Request request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        HttpURI uri = request.getHttpURI();
        String q = uri.getQuery();
        if (q != null) parseForm(q, out);
        return out;
    }

    private static void parseForm(String q, Map<String, List<String>> out) {
        for (String pair : q.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } catch (IllegalArgumentException e) {
                throw OwsException.invalid("request", "malformed query string");
            }
        }
    }

    /** Who asks: the admin (HTTP Basic {@code admin:<adminPassword>}) or the client's address. */
    private RequestContext context(Request request) {
        String address = Request.getRemoteAddr(request);
        boolean loopback = address != null && (address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1") || address.equals("[::1]"));
        boolean admin = config.adminPassword() != null && Credentials.isAdmin(
                request.getHeaders().get(HttpHeader.AUTHORIZATION), config.adminPassword());
        // behind a proxy every client looks local, so there only the credential counts
        boolean publisher = admin || config.adminPassword() == null && loopback && config.proxyBaseUrl() == null;
        return new RequestContext(baseUrl(request), admin ? "admin" : String.valueOf(address), admin, publisher);
    }

    private String baseUrl(Request request) {
        if (config.proxyBaseUrl() != null) return config.proxyBaseUrl();
        HttpURI uri = request.getHttpURI();
        String host = uri.getHost();
        if (host == null) return localBaseUrl;
        if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private void sendError(Response response, Callback callback, String service, String version, OwsException e) {
        byte[] body = "WMS".equalsIgnoreCase(service) ? ExceptionReports.wms(e, version)
                : "WCS".equalsIgnoreCase(service) ? ExceptionReports.ows2(e) : ExceptionReports.ows(e, version);
        String type = "WMS".equalsIgnoreCase(service) && "1.1.1".equals(version) ? "application/vnd.ogc.se_xml" : "text/xml";
        send(response, callback, new OwsResponse(e.httpStatus(), type, body, null, null));
    }

    private static void send(Response response, Callback callback, OwsResponse r) {
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        try {
            if (r.file() != null) {
                response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + r.fileName() + "\"");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(r.file()));
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    Files.copy(r.file(), out);
                }
                callback.succeeded();
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, r.body().length);
                response.write(true, ByteBuffer.wrap(r.body()), callback);
            }
        } catch (IOException e) {
            callback.failed(e);
        }
    }
}
