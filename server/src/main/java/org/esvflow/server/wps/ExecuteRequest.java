package org.esvflow.server.wps;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.server.ows.Kvp;
import org.esvflow.server.ows.OwsException;
import org.esvflow.server.ows.SafeXml;
import org.esvflow.server.ows.StreamingXml;
import org.w3c.dom.Element;

/** A WPS 1.0.0 Execute request, from KVP or from an XML POST body. */
public final class ExecuteRequest {

    /** One input value: a literal, inline complex data, or a reference. */
    public record Input(String name, String literal, Payload complex, String mimeType, String href, String method,
                        byte[] body) {
        public boolean isReference() {
            return href != null;
        }

        public boolean isComplex() {
            return complex != null;
        }
    }

    /** Moves the spooled ComplexData files of this request into {@code dir}, its execution's directory. */
    void adoptPayloads(java.nio.file.Path dir) throws java.io.IOException {
        for (List<Input> values : inputs.values()) {
            for (Input in : values) if (in.complex() != null) in.complex().adopt(dir, in.name());
        }
    }

    /** One requested output: as a reference or inline, in a MIME type (null for the default). */
    public record Output(String name, boolean asReference, String mimeType) {}

    public final String identifier;
    public final Map<String, List<Input>> inputs;
    public final List<Output> outputs;
    /** Raw data output: the single output returned as the whole response body. */
    public final Output raw;
    public final boolean storeExecuteResponse;
    public final boolean status;
    public final boolean lineage;

    ExecuteRequest(String identifier, Map<String, List<Input>> inputs, List<Output> outputs, Output raw,
                   boolean storeExecuteResponse, boolean status, boolean lineage) {
        this.identifier = identifier;
        this.inputs = inputs;
        this.outputs = outputs;
        this.raw = raw;
        this.storeExecuteResponse = storeExecuteResponse;
        this.status = status;
        this.lineage = lineage;
    }

    /**
     * KVP form: {@code DataInputs=a=1;b=@xlink:href=http...@mimeType=image/tiff},
     * {@code ResponseDocument=out@asReference=true} or {@code RawDataOutput=out@mimeType=text/csv}.
     */
    public static ExecuteRequest fromKvp(Kvp kvp) {
        String id = kvp.require("identifier");
        Map<String, List<Input>> inputs = new LinkedHashMap<>();
        String dataInputs = kvp.get("DataInputs");
        if (dataInputs != null) {
            for (String item : split(dataInputs, ';')) {
                if (item.isBlank()) continue;
                int eq = item.indexOf('=');
                if (eq <= 0) throw OwsException.invalid("DataInputs", "malformed input '" + item + "'");
                String name = item.substring(0, eq).trim();
                List<String> parts = split(item.substring(eq + 1), '@');
                String value = parts.isEmpty() ? "" : decode(parts.get(0));
                Map<String, String> attrs = attributes(parts.subList(Math.min(1, parts.size()), parts.size()));
                String href = attrs.get("xlink:href") != null ? attrs.get("xlink:href") : attrs.get("href");
                String mime = attrs.getOrDefault("mimetype", null);
                Input in;
                if (href != null) {
                    in = new Input(name, null, null, mime, href, attrs.getOrDefault("method", "GET"), null);
                } else if (mime != null || "base64".equalsIgnoreCase(attrs.get("encoding"))) {
                    byte[] data = "base64".equalsIgnoreCase(attrs.get("encoding"))
                            ? base64(value, name) : value.getBytes(StandardCharsets.UTF_8);
                    in = new Input(name, null, Payload.of(data), mime, null, null, null);
                } else {
                    in = new Input(name, value, null, null, null, null, null);
                }
                inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(in);
            }
        }
        List<Output> outputs = new ArrayList<>();
        Output raw = null;
        String rawSpec = kvp.get("RawDataOutput");
        String docSpec = kvp.get("ResponseDocument");
        if (rawSpec != null && docSpec != null) {
            throw OwsException.invalid("RawDataOutput", "RawDataOutput and ResponseDocument are exclusive");
        }
        if (rawSpec != null) {
            List<String> parts = split(rawSpec, '@');
            Map<String, String> attrs = attributes(parts.subList(1, parts.size()));
            raw = new Output(parts.get(0).trim(), false, attrs.get("mimetype"));
        } else if (docSpec != null) {
            for (String item : split(docSpec, ';')) {
                List<String> parts = split(item, '@');
                Map<String, String> attrs = attributes(parts.subList(1, parts.size()));
                outputs.add(new Output(parts.get(0).trim(), "true".equalsIgnoreCase(attrs.get("asreference")),
                        attrs.get("mimetype")));
            }
        }
        return new ExecuteRequest(id, inputs, outputs, raw, kvp.flag("storeExecuteResponse"), kvp.flag("status"),
                kvp.flag("lineage"));
    }

    /** XML form: {@code wps:Execute} with {@code wps:DataInputs} and {@code wps:ResponseForm}. */
    public static ExecuteRequest fromXml(Element execute) {
        String id = SafeXml.childText(execute, "Identifier");
        if (id == null || id.isEmpty()) throw OwsException.missing("Identifier");
        Map<String, List<Input>> inputs = new LinkedHashMap<>();
        Element dataInputs = SafeXml.child(execute, "DataInputs");
        if (dataInputs != null) {
            for (Element input : SafeXml.children(dataInputs, "Input")) {
                String name = SafeXml.childText(input, "Identifier");
                if (name == null) throw OwsException.missing("Identifier");
                inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(xmlInput(name, input));
            }
        }
        List<Output> outputs = new ArrayList<>();
        Output raw = null;
        boolean store = false;
        boolean status = false;
        boolean lineage = false;
        Element form = SafeXml.child(execute, "ResponseForm");
        if (form != null) {
            Element doc = SafeXml.child(form, "ResponseDocument");
            Element rawOut = SafeXml.child(form, "RawDataOutput");
            if (doc != null) {
                store = Boolean.parseBoolean(doc.getAttribute("storeExecuteResponse"));
                status = Boolean.parseBoolean(doc.getAttribute("status"));
                lineage = Boolean.parseBoolean(doc.getAttribute("lineage"));
                for (Element o : SafeXml.children(doc, "Output")) {
                    outputs.add(new Output(SafeXml.childText(o, "Identifier"),
                            Boolean.parseBoolean(o.getAttribute("asReference")), emptyToNull(o.getAttribute("mimeType"))));
                }
            } else if (rawOut != null) {
                raw = new Output(SafeXml.childText(rawOut, "Identifier"), false, emptyToNull(rawOut.getAttribute("mimeType")));
            }
        }
        return new ExecuteRequest(id, inputs, outputs, raw, store, status, lineage);
    }

    private static Input xmlInput(String name, Element input) {
        Element ref = SafeXml.child(input, "Reference");
        if (ref != null) {
            String href = ref.getAttributeNS("http://www.w3.org/1999/xlink", "href");
            if (href.isEmpty()) href = ref.getAttribute("href");
            if (href.isEmpty()) throw new OwsException("MissingParameterValue", name, name + ": reference without xlink:href");
            Element body = SafeXml.child(ref, "Body");
            byte[] bodyBytes = body == null ? null : body.getTextContent().getBytes(StandardCharsets.UTF_8);
            String method = ref.getAttribute("method");
            return new Input(name, null, null, emptyToNull(ref.getAttribute("mimeType")), href,
                    method.isEmpty() ? "GET" : method, bodyBytes);
        }
        Element data = SafeXml.child(input, "Data");
        if (data == null) throw new OwsException("MissingParameterValue", name, name + ": neither Data nor Reference");
        Element literal = SafeXml.child(data, "LiteralData");
        if (literal != null) return new Input(name, literal.getTextContent(), null, null, null, null, null);
        Element complex = SafeXml.child(data, "ComplexData");
        if (complex != null) {
            if (complex.getUserData(StreamingXml.SPOOLED) instanceof java.nio.file.Path spooled) {
                return new Input(name, null, Payload.spooled(spooled), emptyToNull(complex.getAttribute("mimeType")), null, null, null);
            }
            String text = complex.getTextContent();
            byte[] bytes = "base64".equalsIgnoreCase(complex.getAttribute("encoding"))
                    ? base64(text, name) : text.trim().getBytes(StandardCharsets.UTF_8);
            return new Input(name, null, Payload.of(bytes), emptyToNull(complex.getAttribute("mimeType")), null, null, null);
        }
        Element bbox = SafeXml.child(data, "BoundingBoxData");
        if (bbox != null) {
            throw OwsException.invalid(name, name + ": bounding box inputs are not supported");
        }
        throw new OwsException("MissingParameterValue", name, name + ": empty Data element");
    }

    private static byte[] base64(String text, String input) {
        try {
            return Base64.getMimeDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw OwsException.invalid(input, input + ": invalid base64 data");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Map<String, String> attributes(List<String> parts) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq > 0) attrs.put(p.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT),
                    decode(p.substring(eq + 1)));
        }
        return attrs;
    }

    private static String decode(String s) {
        return s.indexOf('%') >= 0 ? URLDecoder.decode(s, StandardCharsets.UTF_8) : s;
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
