package org.esvflow.rsei;

/**
 * Landsat sensors with their tasseled-cap wetness coefficients for surface reflectance, in band order blue, green,
 * red, NIR, SWIR1, SWIR2 (coefficients as listed for RSEI in the methods notes: TM after Crist 1985, ETM+ after
 * Huang et al. 2002, OLI after Baig et al. 2014). The ETM+ and OLI sets were derived for at-satellite
 * reflectance; RSEI practice applies them to surface reflectance, as this class does.
 */
public enum Sensor {
    /** Landsat 4–5 Thematic Mapper. */
    TM(0.0315, 0.2021, 0.3102, 0.1594, -0.6806, -0.6109),
    /** Landsat 7 Enhanced Thematic Mapper Plus. */
    ETM_PLUS(0.2626, 0.2141, 0.0926, 0.0656, -0.7629, -0.5388),
    /** Landsat 8–9 Operational Land Imager. */
    OLI(0.1511, 0.1973, 0.3283, 0.3407, -0.7117, -0.4559);

    private final double[] wetness;

    Sensor(double blue, double green, double red, double nir, double swir1, double swir2) {
        this.wetness = new double[] {blue, green, red, nir, swir1, swir2};
    }

    /** Wetness coefficient of band {@code i} (0 blue, 1 green, 2 red, 3 NIR, 4 SWIR1, 5 SWIR2). */
    public double wetness(int band) {
        return wetness[band];
    }
}
