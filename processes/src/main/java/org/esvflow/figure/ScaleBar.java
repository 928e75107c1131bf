package org.esvflow.figure;

import javax.measure.Unit;
import javax.measure.quantity.Length;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.api.referencing.cs.CoordinateSystemAxis;
import org.geotools.referencing.CRS;
import org.geotools.referencing.GeodeticCalculator;
import si.uom.SI;

/**
 * A scale bar: how many metres one horizontal unit of the map's CRS spans, and a round length that fits a width.
 * Projected CRSs: the axis unit in metres (the nominal scale of the projection, as GIS layouts draw it). Geographic
 * CRSs (longitude first, plate carrée display): the geodesic length of a short east–west step on the ellipsoid at the
 * centre latitude, so the bar is right at the map centre and varies with cos(latitude) elsewhere.
 */
public final class ScaleBar {
    /** Half-width of the east–west step measured on the ellipsoid, degrees of longitude. */
    private static final double STEP_DEG = 0.005;

    /**
     * @param metres bar length in metres
     * @param pixels bar length in device pixels
     * @param segments alternating black and white segments
     * @param label e.g. {@code 50 km}
     */
    public record Bar(double metres, double pixels, int segments, String label) {}

    private ScaleBar() {}

    /** Metres per CRS unit along x at ({@code x}, {@code y}) (a longitude and latitude for geographic CRSs). */
    public static double metresPerUnit(CoordinateReferenceSystem crs, double x, double y) {
        CoordinateReferenceSystem horizontal = CRS.getHorizontalCRS(crs);
        if (horizontal instanceof GeographicCRS geo) {
            GeodeticCalculator calc = new GeodeticCalculator(geo);
            double lat = Math.max(-89.9, Math.min(89.9, y));
            calc.setStartingGeographicPoint(x - STEP_DEG, lat);
            calc.setDestinationGeographicPoint(x + STEP_DEG, lat);
            return calc.getOrthodromicDistance() / (2 * STEP_DEG);
        }
        CoordinateSystemAxis axis = horizontal.getCoordinateSystem().getAxis(0);
        @SuppressWarnings("unchecked")
        Unit<Length> unit = (Unit<Length>) axis.getUnit();
        if (unit == null || !unit.isCompatible(SI.METRE)) {
            throw new IllegalArgumentException("the CRS's x axis is not in a length unit: " + axis.getUnit());
        }
        return unit.getConverterTo(SI.METRE).convert(1.0);
    }

    /**
     * The longest round length (1, 2 or 5 × 10^k metres) not longer than {@code maxPixels} at {@code metresPerPixel}.
     */
    public static Bar fit(double metresPerPixel, double maxPixels) {
        double max = metresPerPixel * maxPixels;
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        double lead = max / p >= 5 ? 5 : max / p >= 2 ? 2 : 1;
        double metres = lead * p;
        int segments = lead == 5 ? 5 : 4;
        return new Bar(metres, metres / metresPerPixel, segments, label(metres));
    }

    static String label(double metres) {
        return metres >= 1000 ? Ticks.plain(metres / 1000) + " km" : Ticks.plain(metres) + " m";
    }
}
