package org.esvflow.routes.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A WPS 1.0.0 server small enough to read, for tests: XML Execute by POST answered with ProcessAccepted and a
 * statusLocation, a status document that goes ProcessStarted (50 %) then ProcessSucceeded with output references,
 * and ExceptionReports in the standard's form. Processes are Java functions from inputs to outputs; referenced
 * inputs are fetched over HTTP, as a real server would. Failures can be injected per process.
 */
public final class FakeWps implements AutoCloseable {
    /** A fake process: gets literal values and the bytes of referenced inputs (several for repeated inputs). */
    @FunctionalInterface
    public interface Process {
        Map<String, byte[]> run(Map<String, List<byte[]>> inputs) throws InvalidInput;
    }

    /** Thrown by a fake process to answer ProcessFailed with InvalidParameterValue. */
    public static final class InvalidInput extends Exception {
        final String locator;

        public InvalidInput(String locator, String message) {
            super(message);
            this.locator = locator;
        }
    }

    private final HttpServer server;
    private final ExecutorService jobs = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final java.util.Set<String> literalProcesses = ConcurrentHashMap.newKeySet();
    private final Map<String, Job> jobsById = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> busyAnswers = new ConcurrentHashMap<>();
    private final List<String> executeBodies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    private static final class Job {
        final String process;
        volatile int polls;
        volatile Map<String, byte[]> outputs;
        volatile String failureLocator, failureText;

        Job(String process) {
            this.process = process;
        }
    }

    public FakeWps() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ows", this::ows);
        server.createContext("/status/", this::status);
        server.createContext("/result/", this::result);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ows";
    }

    public FakeWps process(String id, Process p) {
        processes.put(id, p);
        return this;
    }

    /** A process whose outputs are answered inline as LiteralData (like gs:Import's layerName). */
    public FakeWps literalProcess(String id, Process p) {
        literalProcesses.add(id);
        return process(id, p);
    }

    /** The next {@code n} Execute requests for {@code process} are answered HTTP 503 ServerBusy. */
    public void busy(String process, int n) {
        busyAnswers.put(process, new AtomicInteger(n));
    }

    /** Executions accepted (not counting ServerBusy answers) for a process. */
    public int executions(String process) {
        AtomicInteger n = executions.get(process);
        return n == null ? 0 : n.get();
    }

    public int totalExecutions() {
        return executions.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every Execute document received, in order. */
    public List<String> executeBodies() {
        return List.copyOf(executeBodies);
    }

    /** WMS requests received (their query strings), for viewer tests. */
    public List<String> wmsRequests() {
        return List.copyOf(wmsRequests);
    }

    private final List<String> wmsRequests = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A stand-in WMS: GetMap and GetLegendGraphic answer a PNG, GetFeatureInfo one line of text. */
    private void wms(HttpExchange x) throws IOException {
        String q = x.getRequestURI().getQuery();
        wmsRequests.add(q);
        String lower = q.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("request=getfeatureinfo")) {
            send(x, 200, "text/plain", "value = 42.0\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        int w = 256, h = 256;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(lower.contains("getlegendgraphic") ? 20 : w,
                lower.contains("getlegendgraphic") ? 60 : h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(q.hashCode() | 0xff000000, true));
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        send(x, 200, "image/png", png.toByteArray());
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        send(x, status, body);
    }

    private void ows(HttpExchange x) throws IOException {
        try (x) {
            if ("GET".equals(x.getRequestMethod()) && x.getRequestURI().getQuery() != null
                    && x.getRequestURI().getQuery().toLowerCase(java.util.Locale.ROOT).contains("service=wms")) {
                wms(x);
                return;
            }
            if (!"POST".equals(x.getRequestMethod())) {
                send(x, 400, exception("OperationNotSupported", "request", "only XML Execute by POST"));
                return;
            }
            byte[] body = x.getRequestBody().readAllBytes();
            executeBodies.add(new String(body, StandardCharsets.UTF_8));
            Element root;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                root = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(body)).getDocumentElement();
            } catch (Exception e) {
                send(x, 400, exception("MissingParameterValue", "request", "not XML"));
                return;
            }
            String id = text(child(root, "Identifier"));
            Process p = processes.get(id);
            if (p == null) {
                send(x, 400, exception("InvalidParameterValue", "Identifier", "No such process: " + id));
                return;
            }
            AtomicInteger busy = busyAnswers.get(id);
            if (busy != null && busy.getAndDecrement() > 0) {
                send(x, 503, exception("ServerBusy", null, "The server is busy"));
                return;
            }
            executions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Map<String, List<String[]>> inputs = new LinkedHashMap<>();
            Element dataInputs = child(root, "DataInputs");
            for (Element in : children(dataInputs, "Input")) {
                String name = text(child(in, "Identifier"));
                Element ref = child(in, "Reference");
                String[] value = ref != null
                        ? new String[] {"ref", ref.getAttributeNS("http://www.w3.org/1999/xlink", "href")}
                        : new String[] {"literal", text(child(child(in, "Data"), "LiteralData"))};
                inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            String jobId = "job" + ids.incrementAndGet();
            Job job = new Job(id);
            jobsById.put(jobId, job);
            jobs.submit(() -> run(job, p, inputs));
            send(x, 200, response(jobId, "<wps:ProcessAccepted>queued</wps:ProcessAccepted>", ""));
        }
    }

    private void run(Job job, Process p, Map<String, List<String[]>> inputs) {
        try {
            Map<String, List<byte[]>> values = new LinkedHashMap<>();
            for (var e : inputs.entrySet()) {
                List<byte[]> list = new ArrayList<>();
                for (String[] v : e.getValue()) list.add(v[0].equals("ref") ? fetch(e.getKey(), v[1]) : v[1].getBytes(StandardCharsets.UTF_8));
                values.put(e.getKey(), list);
            }
            job.outputs = p.run(values);
        } catch (InvalidInput e) {
            job.failureLocator = e.locator;
            job.failureText = e.getMessage();
        } catch (Exception e) {
            job.failureLocator = null;
            job.failureText = e.toString();
        }
    }

    private byte[] fetch(String input, String href) throws InvalidInput {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(href)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new InvalidInput(input, "the reference answered HTTP " + r.statusCode());
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new InvalidInput(input, "the reference cannot be fetched");
        }
    }

    private void status(HttpExchange x) throws IOException {
        try (x) {
            String jobId = x.getRequestURI().getPath().substring("/status/".length());
            Job job = jobsById.get(jobId);
            if (job == null) {
                send(x, 404, exception("NoSuchExecution", "executionId", "unknown execution"));
                return;
            }
            int poll = job.polls++;
            if (job.failureText != null) {
                String report = "<wps:ProcessFailed>" + exceptionReport(job.failureLocator == null ? "NoApplicableCode"
                        : "InvalidParameterValue", job.failureLocator, job.failureText) + "</wps:ProcessFailed>";
                send(x, 200, response(jobId, report, ""));
            } else if (job.outputs == null || poll == 0) {
                send(x, 200, response(jobId, "<wps:ProcessStarted percentCompleted=\"50\">running</wps:ProcessStarted>", ""));
            } else {
                StringBuilder outs = new StringBuilder("<wps:ProcessOutputs>");
                for (String name : job.outputs.keySet()) {
                    if (literalProcesses.contains(job.process)) {
                        outs.append("<wps:Output><ows:Identifier>").append(name).append("</ows:Identifier><ows:Title>")
                                .append(name).append("</ows:Title><wps:Data><wps:LiteralData>")
                                .append(new String(job.outputs.get(name), StandardCharsets.UTF_8))
                                .append("</wps:LiteralData></wps:Data></wps:Output>");
                        continue;
                    }
                    outs.append("<wps:Output><ows:Identifier>").append(name).append("</ows:Identifier><ows:Title>")
                            .append(name).append("</ows:Title><wps:Reference href=\"").append(base()).append("/result/")
                            .append(jobId).append('/').append(name).append("\" mimeType=\"application/octet-stream\"/></wps:Output>");
                }
                outs.append("</wps:ProcessOutputs>");
                send(x, 200, response(jobId, "<wps:ProcessSucceeded>done</wps:ProcessSucceeded>", outs.toString()));
            }
        }
    }

    private void result(HttpExchange x) throws IOException {
        try (x) {
            String[] parts = x.getRequestURI().getPath().substring("/result/".length()).split("/");
            Job job = jobsById.get(parts[0]);
            byte[] data = job == null || job.outputs == null ? null : job.outputs.get(parts[1]);
            if (data == null) send(x, 404, exception("NoSuchExecution", "outputId", "no such result"));
            else send(x, 200, data);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String response(String jobId, String status, String outputs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><wps:ExecuteResponse xmlns:wps=\"http://www.opengis.net/wps/1.0.0\""
                + " xmlns:ows=\"http://www.opengis.net/ows/1.1\" service=\"WPS\" version=\"1.0.0\" xml:lang=\"en\""
                + " serviceInstance=\"" + base() + "/ows?service=WPS&amp;request=GetCapabilities\" statusLocation=\""
                + base() + "/status/" + jobId + "\"><wps:Process wps:processVersion=\"1.0.0\"><ows:Identifier>"
                + jobsById.get(jobId).process + "</ows:Identifier><ows:Title>fake</ows:Title></wps:Process>"
                + "<wps:Status creationTime=\"2026-01-01T00:00:00Z\">" + status + "</wps:Status>" + outputs + "</wps:ExecuteResponse>";
    }

    private static String exception(String code, String locator, String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + exceptionReport(code, locator, text);
    }

    private static String exceptionReport(String code, String locator, String text) {
        return "<ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows/1.1\" version=\"1.0.0\"><ows:Exception exceptionCode=\""
                + code + "\"" + (locator == null ? "" : " locator=\"" + locator + "\"") + "><ows:ExceptionText>" + text
                + "</ows:ExceptionText></ows:Exception></ows:ExceptionReport>";
    }

    private static void send(HttpExchange x, int status, String xml) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        send(x, status, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static Element child(Element parent, String local) {
        if (parent == null) return null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) return e;
        }
        return null;
    }

    private static List<Element> children(Element parent, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }

    @Override
    public void close() {
        server.stop(0);
        jobs.shutdownNow();
    }

}
