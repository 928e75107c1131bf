package org.esvflow.routes.wps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import org.esvflow.io.AtomicFiles;
import org.esvflow.io.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A WPS 1.0.0 client for long executions: XML Execute by POST with {@code storeExecuteResponse="true"
 * status="true"}, outputs requested as references, the status document polled at {@code statusLocation} until
 * ProcessSucceeded or ProcessFailed. Works with any WPS 1.0.0 server (the embedded one, GeoServer).
 */
public final class WpsClient {
    static final String WPS = "http://www.opengis.net/wps/1.0.0";
    static final String OWS = "http://www.opengis.net/ows/1.1";
    static final String XLINK = "http://www.w3.org/1999/xlink";

    private final URI endpoint;
    private final HttpClient http;
    private final Duration minPollInterval;
    private final Duration maxPollInterval;
    private final Duration timeout;
    private volatile LocalResults local;

    /**
     * @param endpoint the WPS URL, e.g. {@code http://localhost:8080/ows}
     * @param minPollInterval first wait before polling; doubled at each poll
     * @param maxPollInterval the longest wait between polls
     * @param timeout longest wait for one execution
     */
    public WpsClient(URI endpoint, Duration minPollInterval, Duration maxPollInterval, Duration timeout) {
        this.endpoint = endpoint;
        this.minPollInterval = minPollInterval;
        this.maxPollInterval = maxPollInterval;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Results of a server on this machine are taken from its output store instead of downloaded; null: download. */
    public WpsClient localResults(LocalResults local) {
        this.local = local;
        return this;
    }

    /** Output wanted from an execution: its identifier and format; always returned as a reference. */
    public record OutputRequest(String name, String mimeType) {}

    /**
     * Runs a process asynchronously and waits for it.
     *
     * @param progress told every status document read (percent and message)
     * @return the final status, always {@link ExecuteStatus.State#SUCCEEDED} (ProcessFailed is thrown)
     * @throws WpsException on failure; {@link WpsException#isTransient()} says whether to try again
     */
    public ExecuteStatus execute(String process, List<WpsInput> inputs, List<OutputRequest> outputs,
            Consumer<ExecuteStatus> progress) throws WpsException, InterruptedException {
        String body = executeXml(process, inputs, outputs);
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        ExecuteStatus status = parse(send(post, process), process);
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = Math.max(1, minPollInterval.toMillis());
        while (!status.isFinished()) {
            progress.accept(status);
            if (status.statusLocation() == null) {
                throw new WpsException.Permanent(process + ": the server answered " + status.state()
                        + " without a statusLocation", "NoApplicableCode", null);
            }
            if (System.nanoTime() > deadline) {
                throw new WpsException.Transient(process + ": no result after " + timeout.toSeconds() + " s", "Timeout", null);
            }
            Thread.sleep(wait);
            wait = Math.min(wait * 2, maxPollInterval.toMillis());
            HttpRequest get = HttpRequest.newBuilder(URI.create(status.statusLocation())).timeout(Duration.ofMinutes(1)).GET().build();
            status = parse(send(get, process), process);
        }
        progress.accept(status);
        return status;
    }

    /**
     * Asks the server to drop a finished execution and its stored outputs (the {@code Dismiss} operation GeoServer and
     * the embedded server offer on WPS 1.0.0), given the execution's status location. Best effort: false when the
     * location names no execution or the server refuses or cannot be reached.
     */
    public boolean dismiss(String statusLocation) throws InterruptedException {
        Matcher m = statusLocation == null ? null : EXECUTION_ID.matcher(statusLocation);
        if (m == null || !m.find()) return false;
        String base = endpoint.toString();
        URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + "service=WPS&version=1.0.0&request=Dismiss&executionId="
                + URLEncoder.encode(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static final Pattern EXECUTION_ID = Pattern.compile("[?&]executionId=([^&#]+)", Pattern.CASE_INSENSITIVE);

    /**
     * Downloads {@code href} to {@code target}, atomically (the file appears complete or not at all), and returns
     * the SHA-256 of the bytes, computed on the way so the file need not be read again. A result of a server on this
     * machine ({@link #localResults}) is not downloaded: {@code target} becomes a second name of the stored file.
     */
    public String download(String href, Path target) throws WpsException, InterruptedException {
        Path stored = local == null ? null : local.find(href);
        if (stored != null) {
            try {
                AtomicFiles.linkOrCopy(stored, target);
                return sha256(target);
            } catch (IOException e) { // dismissed or expired meanwhile: ask the server
                // fall through to the download
            }
        }
        HttpRequest get = HttpRequest.newBuilder(URI.create(href)).timeout(Duration.ofMinutes(10)).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                byte[] body;
                try (InputStream in = r.body()) {
                    body = in.readAllBytes();
                }
                throw failure(r.statusCode(), body, "download of " + href);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (InputStream in = r.body()) {
                AtomicFiles.write(target, temp -> {
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                        in.transferTo(out);
                    }
                });
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new WpsException.Transient("download of " + href + " failed: " + e, "Io", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private byte[] send(HttpRequest request, String process) throws WpsException, InterruptedException {
        HttpResponse<byte[]> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new WpsException.Transient(process + ": " + request.uri().getHost() + " unreachable: " + e, "Io", e);
        }
        if (r.statusCode() != 200) throw failure(r.statusCode(), r.body(), process);
        return r.body();
    }

    /** An HTTP error: 5xx, 429 and ServerBusy are transient, the rest permanent. */
    private static WpsException failure(int status, byte[] body, String what) {
        String code = null, locator = null, text = "HTTP " + status;
        try {
            Element root = xml(body).getDocumentElement();
            Element ex = first(root, OWS, "Exception");
            if (ex != null) {
                code = ex.getAttribute("exceptionCode");
                locator = ex.getAttribute("locator").isEmpty() ? null : ex.getAttribute("locator");
                Element t = first(ex, OWS, "ExceptionText");
                if (t != null) text = t.getTextContent().trim();
            }
        } catch (IOException e) {
            text = "HTTP " + status + " (not an OWS exception report)";
        }
        String message = what + ": " + (code == null ? "" : code + ": ") + text;
        if (status >= 500 || status == 429 || "ServerBusy".equals(code)) return new WpsException.Transient(message, code, null);
        return new WpsException.Permanent(message, code, locator);
    }

    /** Reads an ExecuteResponse (or an ExceptionReport answered with HTTP 200). */
    static ExecuteStatus parse(byte[] body, String process) throws WpsException {
        Element root;
        try {
            root = xml(body).getDocumentElement();
        } catch (IOException e) {
            throw new WpsException.Transient(process + ": unreadable response: " + e.getMessage(), "NoApplicableCode", e);
        }
        if ("ExceptionReport".equals(root.getLocalName())) throw exceptionReport(root, process);
        if (!"ExecuteResponse".equals(root.getLocalName())) {
            throw new WpsException.Permanent(process + ": expected an ExecuteResponse, got " + root.getLocalName(), "NoApplicableCode", null);
        }
        String statusLocation = root.getAttribute("statusLocation").isEmpty() ? null : root.getAttribute("statusLocation");
        Element status = first(root, WPS, "Status");
        if (status == null) throw new WpsException.Permanent(process + ": ExecuteResponse without Status", "NoApplicableCode", null);
        Element state = firstChildElement(status);
        String message = state == null ? "" : state.getTextContent().trim();
        ExecuteStatus.State s;
        int percent = 0;
        switch (state == null ? "" : state.getLocalName()) {
            case "ProcessAccepted" -> s = ExecuteStatus.State.ACCEPTED;
            case "ProcessStarted" -> {
                s = ExecuteStatus.State.STARTED;
                percent = percent(state);
            }
            case "ProcessPaused" -> {
                s = ExecuteStatus.State.PAUSED;
                percent = percent(state);
            }
            case "ProcessSucceeded" -> {
                s = ExecuteStatus.State.SUCCEEDED;
                percent = 100;
            }
            case "ProcessFailed" -> {
                Element report = first(state, OWS, "ExceptionReport");
                throw report != null ? exceptionReport(report, process)
                        : new WpsException.Permanent(process + ": process failed", "NoApplicableCode", null);
            }
            default -> throw new WpsException.Permanent(process + ": unknown status " + (state == null ? "(none)" : state.getLocalName()),
                    "NoApplicableCode", null);
        }
        Map<String, WpsOutput> outputs = new LinkedHashMap<>();
        Element processOutputs = first(root, WPS, "ProcessOutputs");
        if (processOutputs != null) {
            for (Node n = processOutputs.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element o && "Output".equals(o.getLocalName())) {
                    WpsOutput out = output(o);
                    outputs.put(out.name(), out);
                }
            }
        }
        return new ExecuteStatus(s, percent, message, statusLocation, outputs);
    }

    private static WpsOutput output(Element o) {
        Element id = first(o, OWS, "Identifier");
        String name = id == null ? "" : id.getTextContent().trim();
        Element ref = first(o, WPS, "Reference");
        if (ref != null) {
            String href = ref.getAttribute("href");
            if (href.isEmpty()) href = ref.getAttributeNS(XLINK, "href");
            return new WpsOutput(name, href, ref.getAttribute("mimeType").isEmpty() ? null : ref.getAttribute("mimeType"), null);
        }
        Element data = first(o, WPS, "Data");
        Element value = data == null ? null : firstChildElement(data);
        String mime = value == null || value.getAttribute("mimeType").isEmpty() ? null : value.getAttribute("mimeType");
        return new WpsOutput(name, null, mime, value == null ? null : value.getTextContent().trim());
    }

    private static int percent(Element state) {
        try {
            return Integer.parseInt(state.getAttribute("percentCompleted").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static WpsException exceptionReport(Element report, String process) {
        Element ex = first(report, OWS, "Exception");
        if (ex == null) return new WpsException.Permanent(process + ": empty exception report", "NoApplicableCode", null);
        String code = ex.getAttribute("exceptionCode");
        String locator = ex.getAttribute("locator").isEmpty() ? null : ex.getAttribute("locator");
        Element t = first(ex, OWS, "ExceptionText");
        String message = process + ": " + code + (locator == null ? "" : " (" + locator + ")") + ": "
                + (t == null ? "" : t.getTextContent().trim());
        return "ServerBusy".equals(code) ? new WpsException.Transient(message, code, null)
                : new WpsException.Permanent(message, code, locator);
    }

    /** The Execute document; exposed for tests and for the dead-letter record. */
    public static String executeXml(String process, List<WpsInput> inputs, List<OutputRequest> outputs) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"").append(WPS)
                .append("\" xmlns:ows=\"").append(OWS).append("\" xmlns:xlink=\"").append(XLINK).append("\">\n")
                .append("  <ows:Identifier>").append(escape(process)).append("</ows:Identifier>\n")
                .append("  <wps:DataInputs>\n");
        for (WpsInput in : inputs) {
            x.append("    <wps:Input><ows:Identifier>").append(escape(in.name())).append("</ows:Identifier>");
            if (in.isReference()) {
                x.append("<wps:Reference xlink:href=\"").append(escape(in.href())).append('"');
                if (in.mimeType() != null) x.append(" mimeType=\"").append(escape(in.mimeType())).append('"');
                x.append("/>");
            } else {
                x.append("<wps:Data><wps:LiteralData>").append(escape(in.literal())).append("</wps:LiteralData></wps:Data>");
            }
            x.append("</wps:Input>\n");
        }
        x.append("  </wps:DataInputs>\n  <wps:ResponseForm>\n")
                .append("    <wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\">\n");
        for (OutputRequest o : outputs) {
            x.append("      <wps:Output asReference=\"true\"");
            if (o.mimeType() != null) x.append(" mimeType=\"").append(escape(o.mimeType())).append('"');
            x.append("><ows:Identifier>").append(escape(o.name())).append("</ows:Identifier></wps:Output>\n");
        }
        x.append("    </wps:ResponseDocument>\n  </wps:ResponseForm>\n</wps:Execute>\n");
        return x.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static Document xml(byte[] body) throws IOException {
        try {
            DocumentBuilder b = HardenedXml.builder(HardenedXml.factory()); // a server's answers are input from outside
            try (InputStream in = new ByteArrayInputStream(body)) {
                return b.parse(in);
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not XML: " + e.getMessage(), e);
        }
    }

    private static Element first(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) return e;
        }
        return null;
    }

    private static Element firstChildElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) return e;
        }
        return null;
    }
}
