package org.esvflow.server.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;

/**
 * OGC schemas from the org.jvnet.ogc jars, validated offline: every schemas.opengis.net (and w3.org xml.xsd) URL is
 * mapped to the jar resource of the same path; any other location fails.
 */
public final class Schemas {
    private static Schema wps;
    private static Schema wms;

    private Schemas() {}

    public static synchronized Schema wps() throws SAXException {
        if (wps == null) wps = load("wps/1.0.0/wpsAll.xsd");
        return wps;
    }

    public static synchronized Schema wms() throws SAXException {
        if (wms == null) wms = load("wms/1.3.0/capabilities_1_3_0.xsd", "wms/1.3.0/exceptions_1_3_0.xsd");
        return wms;
    }

    /** Throws with the validator's message when {@code xml} is not valid. */
    public static void validate(Schema schema, byte[] xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static Schema load(String... paths) throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setResourceResolver(new OfflineResolver());
        StreamSource[] sources = new StreamSource[paths.length];
        for (int i = 0; i < paths.length; i++) {
            URL url = resource(paths[i]);
            sources[i] = new StreamSource(url.toExternalForm());
        }
        return f.newSchema(sources);
    }

    static URL resource(String path) {
        URL url = Schemas.class.getClassLoader().getResource(path);
        if (url == null) throw new IllegalStateException("schema not on the classpath: " + path);
        return url;
    }

    static final class OfflineResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String ns, String publicId, String systemId, String baseUri) {
            if (systemId == null) return null;
            String path;
            if (systemId.startsWith("http://schemas.opengis.net/")) {
                path = systemId.substring("http://schemas.opengis.net/".length());
            } else if (systemId.equals("http://www.w3.org/2001/xml.xsd") || systemId.endsWith("/xml.xsd") && !systemId.startsWith("jar:")) {
                path = "xml/xml.xsd";
            } else if (systemId.startsWith("http") ) {
                throw new IllegalStateException("offline validation cannot fetch " + systemId);
            } else {
                return null;
            }
            URL url = resource(path);
            return new Input(url.toExternalForm(), publicId);
        }
    }

    record Input(String systemId, String publicId) implements LSInput {
        public Reader getCharacterStream() { return null; }
        public void setCharacterStream(Reader r) {}
        public InputStream getByteStream() {
            try {
                return new URL(systemId).openStream();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        public void setByteStream(InputStream s) {}
        public String getStringData() { return null; }
        public void setStringData(String s) {}
        public String getSystemId() { return systemId; }
        public void setSystemId(String s) {}
        public String getPublicId() { return publicId; }
        public void setPublicId(String s) {}
        public String getBaseURI() { return systemId; }
        public void setBaseURI(String s) {}
        public String getEncoding() { return null; }
        public void setEncoding(String s) {}
        public boolean getCertifiedText() { return false; }
        public void setCertifiedText(boolean b) {}
    }
}
