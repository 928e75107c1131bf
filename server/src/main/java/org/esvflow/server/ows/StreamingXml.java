package org.esvflow.server.ows;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.esvflow.server.InputLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Parses an XML request body from a file with a streaming (StAX) parser into a small DOM, bounded while it reads:
 * at most {@link InputLimits#maxXmlElements()} elements, {@link InputLimits#maxXmlDepth()} levels and
 * {@link InputLimits#maxXmlTextBytes()} characters of text held in memory. The content of every
 * {@code ComplexData} element is not kept in the DOM but written to a file in {@code spoolDir} as it streams by
 * (base64 decoded when {@code encoding="base64"}, otherwise its text trimmed, as UTF-8), at most
 * {@code maxComplexBytes} bytes each; the element carries that file as user data under {@link #SPOOLED}.
 *
 * <p>As {@link SafeXml}: any DOCTYPE is refused (no entities, no billion laughs, no external DTD), nothing external is
 * resolved, XInclude is not processed. A 60 MB body of 15 million empty elements is refused after the first
 * {@code maxXmlElements} instead of becoming gigabytes of DOM.
 */
public final class StreamingXml {
    /** User-data key of a {@code ComplexData} element: the {@link Path} of its spooled content. */
    public static final String SPOOLED = "esvflow.spooled";
    private static final XMLInputFactory FACTORY = factory();

    private StreamingXml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        return f;
    }

    /** Parses {@code body}; every refusal is a 400 or 413 OWS exception with locator {@code request} or the input. */
    public static Document parse(Path body, InputLimits limits, long maxComplexBytes, Path spoolDir) {
        Document doc;
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            doc = dbf.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        XMLStreamReader r = null;
        Spool spool = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(body), 65536)) {
            r = FACTORY.createXMLStreamReader(in);
            Node current = doc;
            long elements = 0;
            long text = 0;
            int depth = 0;
            int spoolDepth = 0;
            String input = "request";
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                            throw doctype();
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > limits.maxXmlElements()) {
                            throw refused("the request has more than " + limits.maxXmlElements() + " XML elements");
                        }
                        if (++depth > limits.maxXmlDepth()) {
                            throw refused("the request nests XML elements deeper than " + limits.maxXmlDepth() + " levels");
                        }
                        if (spool != null) { // markup inside ComplexData: only its text is the content, as DOM's text content
                            spoolDepth++;
                            continue;
                        }
                        Element e = element(doc, r);
                        current.appendChild(e);
                        current = e;
                        if ("ComplexData".equals(r.getLocalName())) {
                            Path file = Files.createTempFile(spoolDir, "complex", ".in");
                            spool = new Spool(file, "base64".equalsIgnoreCase(e.getAttribute("encoding")), maxComplexBytes, input);
                            e.setUserData(SPOOLED, file, null);
                            spoolDepth = 0;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        if (spool != null) {
                            if (spoolDepth > 0) {
                                spoolDepth--;
                                continue;
                            }
                            spool.close();
                            spool = null;
                        }
                        if (current instanceof Element e && "Identifier".equals(e.getLocalName())
                                && e.getParentNode() instanceof Element p && "Input".equals(p.getLocalName())) {
                            input = e.getTextContent().trim();
                        }
                        current = current.getParentNode();
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (spool != null) {
                            spool.write(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        } else if (current instanceof Element) {
                            text += r.getTextLength();
                            if (text > limits.maxXmlTextBytes()) {
                                throw refused("the request holds more than " + limits.maxXmlTextBytes()
                                        + " characters of text outside ComplexData");
                            }
                            current.appendChild(doc.createTextNode(r.getText()));
                        }
                    }
                    default -> { } // comments, processing instructions, document start and end
                }
            }
            if (doc.getDocumentElement() == null) throw refused("the request body is empty");
            return doc;
        } catch (XMLStreamException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.contains("DOCTYPE") || msg.contains("DTD") || msg.contains("entit")) throw doctype();
            throw refused("the request body is not well-formed XML");
        } catch (IOException e) {
            throw refused("the request body cannot be read");
        } finally {
            if (spool != null) spool.abandon();
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
    }

    private static Element element(Document doc, XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        String prefix = r.getPrefix();
        Element e = doc.createElementNS(ns == null || ns.isEmpty() ? null : ns,
                prefix == null || prefix.isEmpty() ? r.getLocalName() : prefix + ":" + r.getLocalName());
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ans = r.getAttributeNamespace(i);
            String ap = r.getAttributePrefix(i);
            String local = r.getAttributeLocalName(i);
            e.setAttributeNS(ans == null || ans.isEmpty() ? null : ans,
                    ap == null || ap.isEmpty() ? local : ap + ":" + local, r.getAttributeValue(i));
        }
        return e;
    }

    private static OwsException doctype() {
        return new OwsException("NoApplicableCode", "request", "DOCTYPE declarations are not allowed in requests", 400);
    }

    private static OwsException refused(String message) {
        return new OwsException("NoApplicableCode", "request", message, 400);
    }

    /**
     * The content of one ComplexData element going to its file: base64 decoded in groups of four characters
     * (characters outside the alphabet skipped, as the MIME decoder does), or text with leading and trailing white
     * space left out.
     */
    private static final class Spool implements Closeable {
        private final Path file;
        private final boolean base64;
        private final String input;
        private final OutputStream bytes;
        private final Writer chars;
        private final StringBuilder pending = new StringBuilder();
        private boolean started;

        Spool(Path file, boolean base64, long max, String input) throws IOException {
            this.file = file;
            this.base64 = base64;
            this.input = input;
            this.bytes = new Limited(new BufferedOutputStream(Files.newOutputStream(file), 65536), max, input);
            this.chars = base64 ? null : new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        }

        void write(char[] ch, int start, int length) throws IOException {
            for (int i = start; i < start + length; i++) {
                char c = ch[i];
                if (base64) {
                    if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
                        pending.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    if (started) pending.append(c); // held back: written only when more text follows
                } else {
                    if (pending.length() > 0) {
                        chars.append(pending);
                        pending.setLength(0);
                    }
                    started = true;
                    chars.write(c);
                }
            }
            if (base64 && pending.length() >= 65536) decode(pending.length() / 4 * 4);
        }

        private void decode(int n) throws IOException {
            try {
                bytes.write(Base64.getMimeDecoder().decode(pending.substring(0, n)));
            } catch (IllegalArgumentException e) {
                throw OwsException.invalid(input, input + ": invalid base64 data");
            }
            pending.delete(0, n);
        }

        @Override
        public void close() throws IOException {
            try {
                if (base64) {
                    decode(pending.length());
                    bytes.close();
                } else {
                    chars.close();
                }
            } catch (IOException | RuntimeException e) {
                abandon();
                throw e;
            }
        }

        void abandon() {
            try {
                bytes.close();
            } catch (IOException | RuntimeException e) {
                // deleting it anyway
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Counts the bytes written; past {@code max} a 413 FileSizeExceeded naming the input. */
    private static final class Limited extends FilterOutputStream {
        private final long max;
        private final String input;
        private long written;

        Limited(OutputStream out, long max, String input) {
            super(out);
            this.max = max;
            this.input = input;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(long n) {
            written += n;
            if (written > max) throw new OwsException("FileSizeExceeded", input, input + ": the input exceeds the size limit", 413);
        }
    }
}
