package org.esvflow.rsei;

/** How the stored pixel values of the input bands become physical values. */
public enum Scaling {
    /** Inputs are already surface reflectance (0–1) and land-surface temperature (any unit, e.g. K or °C). */
    NONE,
    /**
     * Landsat Collection-2 Level-2 digital numbers: reflectance = DN · 0.0000275 − 0.2, LST in kelvin =
     * DN · 0.00341802 + 149.0 (USGS scale factors for the SR_B* and ST_B* products).
     */
    LANDSAT_C2_L2;

    static final double SR_SCALE = 0.0000275, SR_OFFSET = -0.2;
    static final double ST_SCALE = 0.00341802, ST_OFFSET = 149.0;

    /** Reflectance from a stored value. */
    double reflectance(double stored) {
        return this == NONE ? stored : stored * SR_SCALE + SR_OFFSET;
    }

    /** Land-surface temperature from a stored value (kelvin for Collection-2, the input unit otherwise). */
    double temperature(double stored) {
        return this == NONE ? stored : stored * ST_SCALE + ST_OFFSET;
    }
}
