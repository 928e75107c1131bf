package org.esvflow.server.wps;

import java.nio.file.Path;
import org.esvflow.server.ows.Kvp;

/**
 * Requests to this very server that an input reference may name (WCS GetCoverage, WMS GetStyles, WPS Execute or
 * GetExecutionResult): answered in-process with the Java object, as GeoServer chains its own services, never by an
 * HTTP call to itself.
 */
public interface InProcess {
    /** The coverage a WCS GetCoverage request selects. */
    Object coverage(Kvp kvp);

    /** The SLD file of the style a WMS GetStyles request names (the layer's default style); an OWS exception if none. */
    default Path style(Kvp kvp) {
        throw new org.esvflow.server.ows.OwsException("OperationNotSupported", "request", "GetStyles is not served here");
    }
}
