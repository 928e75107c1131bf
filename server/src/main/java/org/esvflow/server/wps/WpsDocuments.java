package org.esvflow.server.wps;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.SafeXml;
import org.esvflow.server.ows.Xml;
import org.geotools.api.data.Parameter;
import org.w3c.dom.Element;

/** WPS 1.0.0 documents: capabilities, process descriptions and execute responses (valid against wpsAll.xsd). */
final class WpsDocuments {
    private static final CodecRegistry CODECS = CodecRegistry.standard();
    static final String SCHEMAS = "http://schemas.opengis.net/wps/1.0.0/";
    /** Inline complex outputs up to this size; larger ones are always references. */
    static final long INLINE_LIMIT = 16L << 20;

    private WpsDocuments() {}

    private static Xml root(String element, String schema) {
        Xml x = new Xml();
        x.start(Xml.WPS, element).ns(Xml.WPS).ns(Xml.OWS).ns(Xml.XLINK).ns(Xml.XSI)
                .attr("service", "WPS").attr("version", "1.0.0").attr("xml:lang", "en")
                .attr(Xml.XSI, "schemaLocation", Xml.WPS + " " + SCHEMAS + schema);
        return x;
    }

    static byte[] capabilities(List<ProcessRegistry.Entry> processes, String ows) {
        Xml x = root("Capabilities", "wpsGetCapabilities_response.xsd");
        x.start(Xml.OWS, "ServiceIdentification")
                .element(Xml.OWS, "Title", "esvflow Web Processing Service")
                .element(Xml.OWS, "Abstract", "Ecosystem-service value, RSEI, HAI and GeoDetector processes, "
                        + "served as GeoServer's WPS serves GeoTools processes.")
                .element(Xml.OWS, "ServiceType", "WPS").element(Xml.OWS, "ServiceTypeVersion", "1.0.0")
                .element(Xml.OWS, "Fees", "NONE").element(Xml.OWS, "AccessConstraints", "NONE").end();
        x.start(Xml.OWS, "ServiceProvider").element(Xml.OWS, "ProviderName", "esvflow")
                .start(Xml.OWS, "ServiceContact").end().end();
        x.start(Xml.OWS, "OperationsMetadata");
        for (String op : List.of("GetCapabilities", "DescribeProcess", "Execute")) {
            x.start(Xml.OWS, "Operation").attr("name", op).start(Xml.OWS, "DCP").start(Xml.OWS, "HTTP")
                    .start(Xml.OWS, "Get").attr(Xml.XLINK, "href", ows + "?").end()
                    .start(Xml.OWS, "Post").attr(Xml.XLINK, "href", ows).end()
                    .end().end().end();
        }
        x.end();
        x.start(Xml.WPS, "ProcessOfferings");
        for (ProcessRegistry.Entry p : processes) {
            x.start(Xml.WPS, "Process").attr(Xml.WPS, "processVersion", p.version())
                    .element(Xml.OWS, "Identifier", p.id()).element(Xml.OWS, "Title", p.title())
                    .element(Xml.OWS, "Abstract", p.description()).end();
        }
        x.end();
        x.start(Xml.WPS, "Languages").start(Xml.WPS, "Default").element(Xml.OWS, "Language", "en-US").end()
                .start(Xml.WPS, "Supported").element(Xml.OWS, "Language", "en-US").end().end();
        x.end();
        return x.bytes();
    }

    static byte[] describe(List<ProcessRegistry.Entry> processes, long maxInputMegabytes) {
        Xml x = root("ProcessDescriptions", "wpsDescribeProcess_response.xsd");
        for (ProcessRegistry.Entry p : processes) {
            x.start("ProcessDescription").attr(Xml.WPS, "processVersion", p.version())
                    .attr("storeSupported", "true").attr("statusSupported", "true");
            x.element(Xml.OWS, "Identifier", p.id()).element(Xml.OWS, "Title", p.title())
                    .element(Xml.OWS, "Abstract", p.description());
            Map<String, Parameter<?>> inputs = p.inputs();
            if (!inputs.isEmpty()) {
                x.start("DataInputs");
                for (Parameter<?> in : inputs.values()) describeInput(x, in, maxInputMegabytes);
                x.end();
            }
            x.start("ProcessOutputs");
            for (Parameter<?> out : p.outputs().values()) {
                x.start("Output").element(Xml.OWS, "Identifier", out.key).element(Xml.OWS, "Title", title(out));
                abstractOf(x, out);
                if (CODECS.isLiteral(out.type)) {
                    x.start("LiteralOutput").element(Xml.OWS, "DataType", CODECS.literal(out.type, out.key).xsdType()).end();
                } else {
                    x.start("ComplexOutput");
                    formats(x, CODECS.mimeTypes(out.type));
                    x.end();
                }
                x.end();
            }
            x.end();
            x.end();
        }
        x.end();
        return x.bytes();
    }

    private static void describeInput(Xml x, Parameter<?> in, long maxMegabytes) {
        Class<?> type = in.type;
        int max = in.maxOccurs < 0 || in.maxOccurs == Integer.MAX_VALUE ? Integer.MAX_VALUE : in.maxOccurs;
        x.start("Input").attr("minOccurs", in.minOccurs).attr("maxOccurs", max == Integer.MAX_VALUE ? 1024 : max);
        x.element(Xml.OWS, "Identifier", in.key).element(Xml.OWS, "Title", title(in));
        abstractOf(x, in);
        if (CODECS.isLiteral(type)) {
            x.start("LiteralData").element(Xml.OWS, "DataType", CODECS.literal(type, in.key).xsdType());
            Object min = in.metadata == null ? null : in.metadata.get(Parameter.MIN);
            Object maxValue = in.metadata == null ? null : in.metadata.get(Parameter.MAX);
            if (type.isEnum()) {
                x.start(Xml.OWS, "AllowedValues");
                for (Object c : type.getEnumConstants()) x.element(Xml.OWS, "Value", ((Enum<?>) c).name());
                x.end();
            } else if (type == Boolean.class || type == boolean.class) {
                x.start(Xml.OWS, "AllowedValues").element(Xml.OWS, "Value", "true").element(Xml.OWS, "Value", "false").end();
            } else if (min != null || maxValue != null) {
                x.start(Xml.OWS, "AllowedValues").start(Xml.OWS, "Range");
                if (min != null) x.element(Xml.OWS, "MinimumValue", min);
                if (maxValue != null) x.element(Xml.OWS, "MaximumValue", maxValue);
                x.end().end();
            } else {
                x.start(Xml.OWS, "AnyValue").end();
            }
            Object def = in.getDefaultValue();
            if (def != null) x.element("DefaultValue", def instanceof Enum<?> e ? e.name() : def);
            x.end();
        } else {
            x.start("ComplexData").attr("maximumMegabytes", maxMegabytes);
            formats(x, CODECS.mimeTypes(type));
            x.end();
        }
        x.end();
    }

    private static void formats(Xml x, List<String> mimes) {
        x.start("Default").start("Format").element("MimeType", mimes.get(0)).end().end();
        x.start("Supported");
        for (String m : mimes) x.start("Format").element("MimeType", m).end();
        x.end();
    }

    private static String title(Parameter<?> p) {
        return p.title == null ? p.key : p.title.toString();
    }

    private static void abstractOf(Xml x, Parameter<?> p) {
        if (p.description != null) x.element(Xml.OWS, "Abstract", p.description.toString());
    }

    /** The ExecuteResponse for a job in any state; outputs only when it succeeded. */
    static byte[] executeResponse(Job job, String statusLocation) {
        Xml x = root("ExecuteResponse", "wpsExecute_response.xsd");
        x.attr("serviceInstance", job.baseUrl + "/ows?service=WPS&request=GetCapabilities");
        if (statusLocation != null) x.attr("statusLocation", statusLocation);
        x.start(Xml.WPS, "Process").attr(Xml.WPS, "processVersion", job.process.version())
                .element(Xml.OWS, "Identifier", job.process.id()).element(Xml.OWS, "Title", job.process.title()).end();
        x.start(Xml.WPS, "Status").attr("creationTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        switch (job.state) {
            case ACCEPTED -> x.element(Xml.WPS, "ProcessAccepted", job.message);
            case STARTED -> x.start(Xml.WPS, "ProcessStarted").attr("percentCompleted", Math.min(99, Math.round(job.percent)))
                    .text(job.message).end();
            case SUCCEEDED -> x.element(Xml.WPS, "ProcessSucceeded", "Process succeeded");
            case FAILED -> {
                OwsException e = job.error;
                x.start(Xml.WPS, "ProcessFailed").start(Xml.OWS, "ExceptionReport").attr("version", "1.0.0")
                        .start(Xml.OWS, "Exception").attr("exceptionCode", e.code()).attr("locator", e.locator())
                        .element(Xml.OWS, "ExceptionText", e.getMessage()).end().end().end();
            }
            default -> throw new IllegalStateException();
        }
        x.end();
        if (job.request.lineage) lineage(x, job);
        if (job.state == Job.State.SUCCEEDED) {
            x.start(Xml.WPS, "ProcessOutputs");
            for (Job.Result r : job.results.values()) {
                Parameter<?> p = job.process.outputs().get(r.name());
                x.start(Xml.WPS, "Output").element(Xml.OWS, "Identifier", r.name())
                        .element(Xml.OWS, "Title", p == null ? r.name() : title(p));
                if (r.literal() != null) {
                    x.start(Xml.WPS, "Data").start(Xml.WPS, "LiteralData")
                            .attr("dataType", p == null || !CODECS.isLiteral(p.type) ? null : CODECS.literal(p.type, p.key).xsdType()).text(r.literal()).end().end();
                } else if (asReference(job.request, r)) {
                    x.start(Xml.WPS, "Reference").attr("href", resultUrl(job, r)).attr("mimeType", r.mimeType()).end();
                } else {
                    inlineComplex(x, r);
                }
                x.end();
            }
            x.end();
        }
        x.end();
        return x.bytes();
    }

    /**
     * The status document of an execution that a restart interrupted: what {@code stored} (its last status
     * document) says of the process and its locations, with ProcessFailed and {@code message} as status.
     */
    static byte[] failedAfterRestart(byte[] stored, String message) {
        Element old = SafeXml.parse(stored).getDocumentElement();
        Element process = SafeXml.child(old, "Process");
        Xml x = root("ExecuteResponse", "wpsExecute_response.xsd");
        x.attr("serviceInstance", old.getAttribute("serviceInstance"));
        if (!old.getAttribute("statusLocation").isEmpty()) x.attr("statusLocation", old.getAttribute("statusLocation"));
        x.start(Xml.WPS, "Process").attr(Xml.WPS, "processVersion", process == null ? "1.0.0"
                        : process.getAttributeNS(Xml.WPS, "processVersion"))
                .element(Xml.OWS, "Identifier", process == null ? "unknown"
                        : SafeXml.childText(process, "Identifier"))
                .element(Xml.OWS, "Title", process == null ? "unknown"
                        : SafeXml.childText(process, "Title")).end();
        x.start(Xml.WPS, "Status").attr("creationTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .start(Xml.WPS, "ProcessFailed").start(Xml.OWS, "ExceptionReport").attr("version", "1.0.0")
                .start(Xml.OWS, "Exception").attr("exceptionCode", "NoApplicableCode")
                .element(Xml.OWS, "ExceptionText", message).end().end().end().end();
        x.end();
        return x.bytes();
    }

    /** True when a stored status document references {@code outputId} as an output (GetExecutionResult URL). */
    static boolean referencesOutput(byte[] stored, String outputId) {
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("[?&]outputId=" + java.util.regex.Pattern.quote(outputId) + "(&|$)");
        org.w3c.dom.NodeList refs = SafeXml.parse(stored).getElementsByTagNameNS(Xml.WPS, "Reference");
        for (int i = 0; i < refs.getLength(); i++) {
            if (id.matcher(((Element) refs.item(i)).getAttribute("href")).find()) return true;
        }
        return false;
    }

    /** True when a stored status document is final (ProcessSucceeded or ProcessFailed). */
    static boolean isFinal(byte[] stored) {
        Element status = SafeXml.child(
                SafeXml.parse(stored).getDocumentElement(), "Status");
        Element state = status == null ? null : SafeXml.firstElement(status);
        return state != null && (state.getLocalName().equals("ProcessSucceeded") || state.getLocalName().equals("ProcessFailed"));
    }

    /** GeoServer's GetExecutions response: the executions the server knows, newest first. */
    static byte[] executions(Collection<Job> jobs) {
        Xml x = new Xml();
        x.start(Xml.WPS, "GetExecutionsResponse").ns(Xml.WPS).ns(Xml.OWS).attr("count", jobs.size());
        jobs.stream().sorted(Comparator.comparing((Job j) -> j.created).reversed()).forEach(j -> {
            x.start(Xml.WPS, "ExecuteResponse").attr("statusLocation", j.statusLocation());
            x.element(Xml.WPS, "JobID", j.id).element(Xml.OWS, "Identifier", j.process.id())
                    .element(Xml.WPS, "Status", j.state.name()).element(Xml.WPS, "PercentCompleted", Math.round(j.percent))
                    .element(Xml.WPS, "CreationTime", j.created.toString());
            if (j.finished != null) x.element(Xml.WPS, "CompletionTime", j.finished.toString());
            x.end();
        });
        x.end();
        return x.bytes();
    }

    static boolean asReference(ExecuteRequest request, Job.Result r) {
        for (ExecuteRequest.Output o : request.outputs) {
            if (o.name().equals(r.name())) return o.asReference();
        }
        try {
            return Files.size(r.file()) > INLINE_LIMIT;
        } catch (IOException e) {
            return true;
        }
    }

    static String resultUrl(Job job, Job.Result r) {
        return job.baseUrl + "/ows?service=WPS&version=1.0.0&request=GetExecutionResult&executionId=" + job.id
                + "&outputId=" + r.file().getFileName() + "&mimetype=" + r.mimeType().replace("+", "%2B");
    }

    private static void inlineComplex(Xml x, Job.Result r) {
        try {
            byte[] bytes = Files.readAllBytes(r.file());
            x.start(Xml.WPS, "Data").start(Xml.WPS, "ComplexData").attr("mimeType", r.mimeType());
            if (CODECS.binary(r.mimeType())) {
                x.attr("encoding", "base64").text(Base64.getEncoder().encodeToString(bytes));
            } else {
                x.cdata(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            }
            x.end().end();
        } catch (IOException e) {
            throw new OwsException("NoApplicableCode", r.name(), "the output " + r.name() + " cannot be read back");
        }
    }

    private static byte[] bytes(ExecuteRequest.Input in) {
        try {
            return in.complex().bytes();
        } catch (java.io.IOException e) {
            throw new OwsException("NoApplicableCode", in.name(), "the input " + in.name() + " cannot be read back");
        }
    }

    private static void lineage(Xml x, Job job) {
        ExecuteRequest request = job.request;
        x.start(Xml.WPS, "DataInputs");
        for (List<ExecuteRequest.Input> values : request.inputs.values()) {
            for (ExecuteRequest.Input in : values) {
                x.start(Xml.WPS, "Input").element(Xml.OWS, "Identifier", in.name()).element(Xml.OWS, "Title", in.name());
                if (in.isReference()) {
                    x.start(Xml.WPS, "Reference").attr(Xml.XLINK, "href", in.href()).attr("method", in.method())
                            .attr("mimeType", in.mimeType()).end();
                } else if (in.isComplex()) {
                    x.start(Xml.WPS, "Data").start(Xml.WPS, "ComplexData").attr("mimeType", in.mimeType())
                            .attr("encoding", "base64").text(Base64.getEncoder().encodeToString(bytes(in))).end().end();
                } else {
                    x.start(Xml.WPS, "Data").element(Xml.WPS, "LiteralData", in.literal()).end();
                }
                x.end();
            }
        }
        x.end();
        x.start(Xml.WPS, "OutputDefinitions");
        List<ExecuteRequest.Output> outputs = request.outputs;
        if (outputs.isEmpty()) {
            outputs = request.raw != null ? List.of(request.raw) : job.process.outputs().keySet().stream()
                    .map(n -> new ExecuteRequest.Output(n, false, null)).toList();
        }
        for (ExecuteRequest.Output o : outputs) {
            x.start(Xml.WPS, "Output").attr("mimeType", o.mimeType()).attr("asReference", o.asReference())
                    .element(Xml.OWS, "Identifier", o.name()).end();
        }
        x.end();
    }
}
