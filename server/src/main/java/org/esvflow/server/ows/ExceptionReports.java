package org.esvflow.server.ows;

/** OWS 1.1 ExceptionReport (WPS, WCS) and OGC ServiceExceptionReport (WMS 1.3.0 / 1.1.1). */
public final class ExceptionReports {
    private ExceptionReports() {}

    /** OWS 1.1.0 ExceptionReport, as WPS 1.0.0 and WCS 2.0 answer errors. */
    public static byte[] ows(OwsException e, String version) {
        Xml x = new Xml();
        x.start(Xml.OWS, "ExceptionReport").ns(Xml.OWS).ns(Xml.XSI)
                .attr("version", "1.0.0").attr("xml:lang", "en")
                .attr(Xml.XSI, "schemaLocation", Xml.OWS + " http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");
        x.start(Xml.OWS, "Exception").attr("exceptionCode", e.code()).attr("locator", e.locator());
        x.element(Xml.OWS, "ExceptionText", e.getMessage());
        x.end().end();
        return x.bytes();
    }

    /** OWS 2.0 ExceptionReport, as WCS 2.0 answers errors. */
    public static byte[] ows2(OwsException e) {
        Xml x = new Xml();
        x.start(Xml.OWS2, "ExceptionReport").ns(Xml.OWS2).attr("version", "2.0.0").attr("xml:lang", "en");
        x.start(Xml.OWS2, "Exception").attr("exceptionCode", e.code()).attr("locator", e.locator());
        x.element(Xml.OWS2, "ExceptionText", e.getMessage());
        x.end().end();
        return x.bytes();
    }

    /** WMS ServiceExceptionReport; 1.3.0 is namespaced, 1.1.1 is not. */
    public static byte[] wms(OwsException e, String version) {
        Xml x = new Xml();
        if ("1.1.1".equals(version)) {
            x.start("ServiceExceptionReport").attr("version", "1.1.1");
            x.start("ServiceException").attr("code", e.code()).attr("locator", e.locator()).text(e.getMessage()).end();
        } else {
            x.start(Xml.OGC, "ServiceExceptionReport").ns(Xml.OGC).ns(Xml.XSI).attr("version", "1.3.0")
                    .attr(Xml.XSI, "schemaLocation", Xml.OGC + " http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd");
            x.start(Xml.OGC, "ServiceException").attr("code", e.code()).attr("locator", e.locator())
                    .text(e.getMessage()).end();
        }
        x.end();
        return x.bytes();
    }
}
