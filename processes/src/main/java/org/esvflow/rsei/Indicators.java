package org.esvflow.rsei;

/**
 * The four RSEI indicators of Xu (2013) for one pixel, from surface reflectance and land-surface temperature.
 * Pure functions of plain doubles; a zero denominator gives NaN (the pixel is then left out).
 */
public final class Indicators {
    /** Index of each indicator in the arrays used throughout the RSEI code. */
    public static final int NDVI = 0, WET = 1, LST = 2, NDBSI = 3, COUNT = 4;
    /** Indicator names in index order, as used in tables and output names. */
    public static final String[] NAMES = {"ndvi", "wet", "lst", "ndbsi"};

    private Indicators() {}

    /** Greenness: NDVI = (NIR − Red) / (NIR + Red). */
    public static double ndvi(double red, double nir) {
        return ratio(nir - red, nir + red);
    }

    /** Wetness: the tasseled-cap wetness component, Σ c_i · band_i with the sensor's coefficients. */
    public static double wet(Sensor sensor, double blue, double green, double red, double nir, double swir1, double swir2) {
        return sensor.wetness(0) * blue + sensor.wetness(1) * green + sensor.wetness(2) * red
                + sensor.wetness(3) * nir + sensor.wetness(4) * swir1 + sensor.wetness(5) * swir2;
    }

    /** Soil index SI = [(SWIR1 + Red) − (NIR + Blue)] / [(SWIR1 + Red) + (NIR + Blue)]. */
    public static double si(double blue, double red, double nir, double swir1) {
        double a = swir1 + red, b = nir + blue;
        return ratio(a - b, a + b);
    }

    /**
     * Index-based built-up index IBI = [2·SWIR1/(SWIR1+NIR) − (NIR/(NIR+Red) + Green/(Green+SWIR1))]
     * / [2·SWIR1/(SWIR1+NIR) + (NIR/(NIR+Red) + Green/(Green+SWIR1))].
     */
    public static double ibi(double green, double red, double nir, double swir1) {
        double built = 2 * swir1 / (swir1 + nir);
        double vegetationAndWater = nir / (nir + red) + green / (green + swir1);
        return ratio(built - vegetationAndWater, built + vegetationAndWater);
    }

    /** Dryness: NDBSI = (SI + IBI) / 2. */
    public static double ndbsi(double blue, double green, double red, double nir, double swir1) {
        return (si(blue, red, nir, swir1) + ibi(green, red, nir, swir1)) / 2;
    }

    /** Modified normalised difference water index MNDWI = (Green − SWIR1) / (Green + SWIR1). */
    public static double mndwi(double green, double swir1) {
        return ratio(green - swir1, green + swir1);
    }

    /**
     * Fills {@code out[0..3]} with NDVI, WET, LST and NDBSI; returns false when one of them is not finite.
     * Reflectances are unitless (0–1); {@code lst} is passed through unchanged.
     */
    public static boolean compute(Sensor sensor, double blue, double green, double red, double nir, double swir1,
                                  double swir2, double lst, double[] out) {
        out[NDVI] = ndvi(red, nir);
        out[WET] = wet(sensor, blue, green, red, nir, swir1, swir2);
        out[LST] = lst;
        out[NDBSI] = ndbsi(blue, green, red, nir, swir1);
        return Double.isFinite(out[NDVI]) && Double.isFinite(out[WET]) && Double.isFinite(out[LST])
                && Double.isFinite(out[NDBSI]);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
