package org.esvflow.server.ows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A thin fluent wrapper over a StAX writer: responses are streamed, never built as DOM trees. */
public final class Xml {
    public static final String OWS = "http://www.opengis.net/ows/1.1";
    public static final String WPS = "http://www.opengis.net/wps/1.0.0";
    public static final String XLINK = "http://www.w3.org/1999/xlink";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String WMS = "http://www.opengis.net/wms";
    public static final String OGC = "http://www.opengis.net/ogc";
    public static final String WCS = "http://www.opengis.net/wcs/2.0";
    public static final String OWS2 = "http://www.opengis.net/ows/2.0";
    public static final String GML = "http://www.opengis.net/gml/3.2";
    public static final String GMLCOV = "http://www.opengis.net/gmlcov/1.0";
    public static final String SWE = "http://www.opengis.net/swe/2.0";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newInstance();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final XMLStreamWriter w;

    public Xml() {
        try {
            w = FACTORY.createXMLStreamWriter(buffer, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    public Xml start(String ns, String name) {
        try {
            w.writeStartElement(prefixOf(ns), name, ns);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Starts an element without a namespace (WMS 1.1.1 and other DTD-based documents). */
    public Xml start(String name) {
        try {
            w.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml ns(String ns) {
        try {
            String p = prefixOf(ns);
            if (p.isEmpty()) w.writeDefaultNamespace(ns);
            else w.writeNamespace(p, ns);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml defaultNs(String ns) {
        try {
            w.setDefaultNamespace(ns);
            w.writeDefaultNamespace(ns);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml attr(String name, Object value) {
        if (value == null) return this;
        try {
            w.writeAttribute(name, String.valueOf(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml attr(String ns, String name, Object value) {
        if (value == null) return this;
        try {
            w.writeAttribute(prefixOf(ns), ns, name, String.valueOf(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml text(Object value) {
        if (value == null) return this;
        try {
            w.writeCharacters(String.valueOf(value));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml cdata(String value) {
        try {
            w.writeCData(value.replace("]]>", "]]]]><![CDATA[>"));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public Xml end() {
        try {
            w.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <ns:name>text</ns:name>}. */
    public Xml element(String ns, String name, Object text) {
        return start(ns, name).text(text).end();
    }

    public Xml element(String name, Object text) {
        return start(name).text(text).end();
    }

    public byte[] bytes() {
        try {
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    static String prefixOf(String ns) {
        return switch (ns) {
            case OWS -> "ows";
            case WPS -> "wps";
            case XLINK -> "xlink";
            case XSI -> "xsi";
            case OGC -> "ogc";
            case WCS -> "wcs";
            case OWS2 -> "ows";
            case GML -> "gml";
            case GMLCOV -> "gmlcov";
            case SWE -> "swe";
            case WMS -> "";
            default -> "";
        };
    }
}
