package org.esvflow.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.esvflow.server.testing.Fixture;
import org.esvflow.server.testing.Schemas;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Assertions shared by the WMS/WPS hardening tests: exception reports with code, locator, status and no internals. */
final class HardeningSupport {
    private HardeningSupport() {}

    static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        return dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static Element firstElement(Document d, String local) {
        var n = d.getElementsByTagNameNS("*", local);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** No stack trace, Java exception class, or file path of the server in an answer. */
    static void assertNoInternals(HttpResponse<byte[]> r) {
        String body = Fixture.text(r);
        assertFalse(body.contains("\tat ") || body.contains("at org.") || body.contains("at java."), body);
        var m = java.util.regex.Pattern.compile("\\b[A-Za-z]*(Exception|Error)\\b").matcher(body);
        while (m.find()) {
            assertTrue(java.util.Set.of("Exception", "ServiceException").contains(m.group()), "Java class in: " + body);
        }
        assertFalse(body.contains("/tmp/") || body.contains(System.getProperty("java.io.tmpdir")) || body.contains(".in\""),
                body);
    }

    /** A WMS 1.3.0 ServiceExceptionReport, valid against its schema, with this status, code and locator. */
    static Element assertWms(HttpResponse<byte[]> r, int status, String code, String locator) throws Exception {
        assertEquals(status, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wms(), r.body());
        Element e = firstElement(dom(r.body()), "ServiceException");
        assertNotNull(e, Fixture.text(r));
        assertEquals(code, e.getAttribute("code"), Fixture.text(r));
        if (locator != null) assertEquals(locator, e.getAttribute("locator"), Fixture.text(r));
        assertNoInternals(r);
        return e;
    }

    /** An OWS 1.1 ExceptionReport (WPS), valid against the WPS schemas, with this status, code and locator. */
    static Element assertOws(HttpResponse<byte[]> r, int status, String code, String locator) throws Exception {
        assertEquals(status, r.statusCode(), Fixture.text(r));
        Schemas.validate(Schemas.wps(), r.body());
        Element e = firstElement(dom(r.body()), "Exception");
        assertNotNull(e, Fixture.text(r));
        assertEquals(code, e.getAttribute("exceptionCode"), Fixture.text(r));
        if (locator != null) assertEquals(locator, e.getAttribute("locator"), Fixture.text(r));
        assertNoInternals(r);
        return e;
    }

    static String executionId(String statusLocation) {
        return statusLocation.substring(statusLocation.indexOf("executionId=") + "executionId=".length());
    }
}
