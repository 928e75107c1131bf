package org.esvflow.process;

/**
 * Process namespaces. A process is called {@code <prefix>:<Name>}, for example {@code lu:ClassArea}.
 *
 * <ul>
 *   <li>{@code lu} land use: class areas, transfer matrices, dynamic degrees, alignment helpers
 *   <li>{@code esv} ecosystem-service value by the equivalent-factor method, change, gain/loss, pattern
 *   <li>{@code rsei} remote sensing ecological index
 *   <li>{@code hai} human activity intensity
 *   <li>{@code gd} geographical detector: sampling, discretization, detectors
 *   <li>{@code fig} publication figures: multi-panel maps
 * </ul>
 */
public final class Namespaces {
    public static final String LAND_USE = "lu";
    public static final String ESV = "esv";
    public static final String RSEI = "rsei";
    public static final String HAI = "hai";
    public static final String GEODETECTOR = "gd";
    public static final String FIGURE = "fig";

    /** Namespace URI stem; the prefix is appended, as GeoServer does for its own process namespaces. */
    public static final String URI_STEM = "http://esvflow.org/process/";

    private Namespaces() {}
}
