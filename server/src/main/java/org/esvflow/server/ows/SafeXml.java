package org.esvflow.server.ows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.esvflow.io.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The only way requests are parsed: a namespace-aware DOM parser that refuses any DOCTYPE (so no external entities,
 * no entity expansion, no billion laughs), never resolves external resources and never includes other documents.
 */
public final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private SafeXml() {}

    static DocumentBuilderFactory hardenedFactory() {
        return HardenedXml.factory();
    }

    /** Parses a request body; any DOCTYPE or malformed XML is an {@code InvalidParameterValue}-free OWS error. */
    public static Document parse(byte[] body) {
        try {
            return HardenedXml.builder(FACTORY).parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException e) {
            String msg = e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "DOCTYPE declarations are not allowed in requests"
                    : "the request body is not well-formed XML";
            throw new OwsException("NoApplicableCode", "request", msg, 400);
        } catch (IOException | ParserConfigurationException e) {
            throw new OwsException("NoApplicableCode", "request", "the request body cannot be read", 400);
        }
    }

    /** Element children of {@code parent} with the given local name (any namespace). */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) out.add(e);
        }
        return out;
    }

    public static Element child(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        return list.isEmpty() ? null : list.get(0);
    }

    public static String childText(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? null : e.getTextContent().trim();
    }

    /** First element child, or null. */
    public static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) return e;
        }
        return null;
    }
}
