package org.esvflow.server.wps;

import org.esvflow.server.ows.Kvp;

/**
 * Requests to this very server that an input reference may name (WCS GetCoverage, WPS Execute or
 * GetExecutionResult): answered in-process with the Java object, as GeoServer chains its own services, never by an
 * HTTP call to itself.
 */
public interface InProcess {
    /** The coverage a WCS GetCoverage request selects. */
    Object coverage(Kvp kvp);
}
