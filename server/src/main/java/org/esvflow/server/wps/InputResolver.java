package org.esvflow.server.wps;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.io.AtomicFiles;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.raster.TiffLayout;
import org.esvflow.server.InputLimits;
import org.esvflow.server.ServerConfig;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Turns input values into Java objects. References to this server are answered in-process; remote http(s)
 * references are fetched only when their URL starts with an allow-listed prefix (none by default); {@code file:}
 * and every other scheme are refused, so an Execute request can neither read local files nor reach internal hosts.
 */
final class InputResolver {
    private static final CodecRegistry CODECS = CodecRegistry.standard();
    private final ServerConfig config;
    private final InProcess local;
    private final ChainedRequests wps;
    private final RemoteInputCache cache;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    InputResolver(ServerConfig config, InProcess local, ChainedRequests wps, RemoteInputCache cache) {
        this.config = config;
        this.local = local;
        this.wps = wps;
        this.cache = cache;
    }

    /** Decodes one input value to the parameter's type; files are written under {@code dir}. */
    Object resolve(ExecuteRequest.Input in, Class<?> type, Path dir, String baseUrl) throws IOException {
        if (in.literal() != null) return CODECS.literal(type, in.name()).decode(in.literal(), in.name());
        if (in.isComplex()) {
            if (in.complex().size() > config.maxInputBytes()) throw tooLarge(in.name());
            Path file = in.complex().file(dir, in.name());
            return checked(decode(type, in.mimeType(), file, in.name()), in.name());
        }
        return checked(reference(in, type, dir, baseUrl), in.name());
    }

    /**
     * Decodes a file. Rasters (every raster codec is GeoTIFF) have their TIFF layout checked against this server's
     * pixel and block limits first ({@link TiffLayout}), so a hostile file is refused before any reader is built.
     */
    private Object decode(Class<?> type, String mimeType, Path file, String input) throws IOException {
        var codec = CODECS.decoder(type, mimeType, input);
        if (codec.type() == GridCoverage2D.class) {
            return GeoTiffs.read(file.toFile(), input, new TiffLayout.Limits(config.maxInputPixels(),
                    config.inputLimits().maxBlockBytes()));
        }
        return codec.decode(file, input);
    }

    private Object checked(Object value, String input) {
        if (value instanceof GridCoverage2D c) {
            long pixels = (long) c.getRenderedImage().getWidth() * c.getRenderedImage().getHeight();
            if (pixels > config.maxInputPixels()) {
                throw new OwsException("InvalidParameterValue", input, input + ": " + pixels
                        + " pixels exceed the limit of " + config.maxInputPixels());
            }
        }
        return value;
    }

    private Object reference(ExecuteRequest.Input in, Class<?> type, Path dir, String baseUrl) throws IOException {
        URI uri;
        try {
            uri = URI.create(lenient(in.href().trim()));
        } catch (IllegalArgumentException e) {
            throw OwsException.invalid(in.name(), in.name() + ": malformed reference URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw OwsException.invalid(in.name(), in.name() + ": references with scheme '" + scheme + "' are not allowed");
        }
        if (isLocal(uri, baseUrl)) return inProcess(in, uri, type, dir, baseUrl);
        // compare the normalized URL (no "..", no user info) so a prefix cannot be escaped
        URI normalized = uri.normalize();
        String url = normalized.toString();
        boolean allowed = normalized.getRawUserInfo() == null && !url.contains("/../")
                && config.remoteInputAllowList().stream().anyMatch(url::startsWith);
        if (!allowed) {
            throw OwsException.invalid(in.name(), in.name() + ": remote references are not allowed for this host");
        }
        return decode(type, in.mimeType(), fetch(in, normalized, dir), in.name());
    }

    /** A reference to {@code /ows}, {@code /wcs} or {@code /wps} of this server (by its own or its public URL). */
    private boolean isLocal(URI uri, String baseUrl) {
        String s = uri.toString();
        String path = uri.getPath() == null ? "" : uri.getPath();
        boolean servicePath = path.endsWith("/ows") || path.endsWith("/wcs") || path.endsWith("/wps");
        if (!servicePath) return false;
        for (String base : new String[] {baseUrl, config.proxyBaseUrl()}) {
            if (base != null && s.startsWith(base + "/")) return true;
        }
        return false;
    }

    private Object inProcess(ExecuteRequest.Input in, URI uri, Class<?> type, Path dir, String baseUrl) throws IOException {
        Kvp kvp = Kvp.multi(query(uri.getRawQuery()));
        String service = kvp.get("service", "");
        String request = kvp.get("request", "");
        try {
            if (service.equalsIgnoreCase("WCS") && request.equalsIgnoreCase("GetCoverage")) {
                return local.coverage(kvp);
            }
            if (service.equalsIgnoreCase("WMS") && request.equalsIgnoreCase("GetStyles")) {
                return CODECS.decoder(type, org.esvflow.style.Sld.MIME_TYPE, in.name()).decode(local.style(kvp), in.name());
            }
            if (service.equalsIgnoreCase("WPS") && request.equalsIgnoreCase("GetExecutionResult")) {
                Job.Result r = wps.storedResult(kvp.require("executionId"), kvp.require("outputId"));
                return decode(type, r.mimeType(), r.file(), in.name());
            }
            if (service.equalsIgnoreCase("WPS") && request.equalsIgnoreCase("Execute")) {
                return wps.executeInline(ExecuteRequest.fromKvp(kvp), baseUrl);
            }
        } catch (OwsException e) {
            throw OwsException.invalid(in.name(), in.name() + ": the referenced request failed: " + e.getMessage());
        } catch (InvalidInputException e) {
            throw OwsException.invalid(in.name(), in.name() + ": the referenced request failed: " + e.getMessage());
        }
        throw OwsException.invalid(in.name(), in.name() + ": only WCS GetCoverage, WMS GetStyles, WPS Execute "
                + "and GetExecutionResult can be referenced on this server");
    }

    /**
     * Fetches a remote input into {@code dir}. A GET whose URL was fetched before is asked with the kept entity tag:
     * when the content is unchanged ({@code 304}) the kept file is linked into {@code dir} and nothing crosses the
     * network again. The download is bounded in bytes, silence and total time ({@link ReferenceDownload}); a failed
     * one leaves no file behind.
     */
    private Path fetch(ExecuteRequest.Input in, URI uri, Path dir) throws IOException {
        boolean post = "POST".equalsIgnoreCase(in.method()) && in.body() != null;
        String url = uri.toString();
        RemoteInputCache.Entry kept = post ? null : cache.lookup(url);
        InputLimits limits = config.inputLimits();
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(limits.referenceTotal());
        if (post) req.POST(HttpRequest.BodyPublishers.ofByteArray(in.body()));
        if (kept != null) req.header("If-None-Match", kept.etag());
        Path file = Files.createTempFile(dir, in.name(), ".in");
        boolean ok = false;
        try {
            ReferenceDownload.Result resp = ReferenceDownload.fetch(http, req.build(), file, config.maxInputBytes(),
                    limits.referenceIdle(), limits.referenceTotal(), in.name());
            if (resp.status() == 304 && kept != null) {
                try {
                    Files.deleteIfExists(file);
                    AtomicFiles.linkOrCopy(kept.file(), file);
                    ok = true;
                    return file;
                } catch (IOException e) { // expired meanwhile: fetch it whole
                    cache.drop(url);
                    Files.deleteIfExists(file);
                    ok = true; // the retry owns its own file
                    return fetch(in, uri, dir);
                }
            }
            if (resp.status() != 200) {
                throw OwsException.invalid(in.name(), in.name() + ": the reference answered HTTP " + resp.status());
            }
            String etag = resp.etag();
            if (!post && etag != null && !etag.startsWith("W/")) cache.keep(url, etag, file);
            ok = true;
            return file;
        } finally {
            if (!ok) Files.deleteIfExists(file);
        }
    }

    /** Percent-encodes the characters clients often leave raw in hrefs (quotes in {@code subset=time("2019")}, spaces). */
    static String lenient(String href) {
        StringBuilder b = new StringBuilder(href.length());
        for (char c : href.toCharArray()) {
            if ("\" <>{}|\\^`".indexOf(c) >= 0) b.append('%').append(String.format("%02X", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    private static OwsException tooLarge(String input) {
        return new OwsException("FileSizeExceeded", input, input + ": the input exceeds the size limit", 413);
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null) return out;
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
        }
        return out;
    }

}
