package org.esvflow.esv;

/**
 * Independent check of ellipsoidal pixel areas on WGS 84: numerical (composite Simpson) integration of the area
 * element M(φ) N(φ) cos φ dφ dλ, a different algorithm from the closed form used by {@code PixelArea}.
 */
final class EllipsoidArea {
    static final double A = 6378137.0, F = 1 / 298.257223563, E2 = F * (2 - F);

    private EllipsoidArea() {}

    /** Hectares between latitudes {@code lat1} and {@code lat2} (degrees) over {@code dLon} degrees of longitude. */
    static double hectares(double lat1, double lat2, double dLon) {
        int n = 2000;
        double a = Math.toRadians(lat1), b = Math.toRadians(lat2), h = (b - a) / n, sum = 0;
        for (int i = 0; i <= n; i++) {
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * element(a + i * h);
        }
        return sum * h / 3 * Math.toRadians(dLon) / 10_000;
    }

    private static double element(double phi) {
        double s2 = Math.sin(phi) * Math.sin(phi), w = 1 - E2 * s2;
        double m = A * (1 - E2) / Math.pow(w, 1.5), nn = A / Math.sqrt(w);
        return m * nn * Math.cos(phi);
    }
}
