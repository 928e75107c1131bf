package org.esvflow.rsei;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * One vegetated pixel worked by hand: blue 0.05, green 0.08, red 0.06, NIR 0.30, SWIR1 0.20, SWIR2 0.12, LST 300.
 */
class IndicatorsTest {
    static final double BLUE = 0.05, GREEN = 0.08, RED = 0.06, NIR = 0.30, SWIR1 = 0.20, SWIR2 = 0.12, LST = 300;
    static final double EPS = 1e-12;

    @Test
    void ndviOfTheHandPixel() {
        // (0.30 − 0.06) / (0.30 + 0.06) = 0.24 / 0.36 = 2/3
        assertEquals(2.0 / 3, Indicators.ndvi(RED, NIR), EPS);
    }

    @Test
    void wetnessForEachSensor() {
        // OLI: 0.1511·0.05 + 0.1973·0.08 + 0.3283·0.06 + 0.3407·0.30 − 0.7117·0.20 − 0.4559·0.12
        //    = 0.007555 + 0.015784 + 0.019698 + 0.10221 − 0.14234 − 0.054708 = −0.051801
        assertEquals(-0.051801, Indicators.wet(Sensor.OLI, BLUE, GREEN, RED, NIR, SWIR1, SWIR2), EPS);
        // TM: 0.001575 + 0.016168 + 0.018612 + 0.04782 − 0.13612 − 0.073308 = −0.125253
        assertEquals(-0.125253, Indicators.wet(Sensor.TM, BLUE, GREEN, RED, NIR, SWIR1, SWIR2), EPS);
        // ETM+: 0.01313 + 0.017128 + 0.005556 + 0.01968 − 0.15258 − 0.064656 = −0.161742
        assertEquals(-0.161742, Indicators.wet(Sensor.ETM_PLUS, BLUE, GREEN, RED, NIR, SWIR1, SWIR2), EPS);
    }

    @Test
    void drynessFromSoilAndBuiltUpIndices() {
        // SI = [(0.20 + 0.06) − (0.30 + 0.05)] / [0.26 + 0.35] = −0.09 / 0.61 = −9/61
        assertEquals(-9.0 / 61, Indicators.si(BLUE, RED, NIR, SWIR1), EPS);
        // IBI: 2·0.2/0.5 = 0.8 = 4/5; 0.30/0.36 + 0.08/0.28 = 5/6 + 2/7 = 47/42;
        // (4/5 − 47/42) / (4/5 + 47/42) = (168 − 235) / (168 + 235) = −67/403
        assertEquals(-67.0 / 403, Indicators.ibi(GREEN, RED, NIR, SWIR1), EPS);
        assertEquals((-9.0 / 61 - 67.0 / 403) / 2, Indicators.ndbsi(BLUE, GREEN, RED, NIR, SWIR1), EPS);
    }

    @Test
    void mndwiSeparatesWater() {
        // (0.08 − 0.20) / 0.28 = −3/7: land
        assertEquals(-3.0 / 7, Indicators.mndwi(GREEN, SWIR1), EPS);
        // water: green 0.06, SWIR1 0.02 → 0.04 / 0.08 = 0.5
        assertEquals(0.5, Indicators.mndwi(0.06, 0.02), EPS);
    }

    @Test
    void computeFillsAllFourAndRejectsUndefinedPixels() {
        double[] out = new double[4];
        assertTrue(Indicators.compute(Sensor.OLI, BLUE, GREEN, RED, NIR, SWIR1, SWIR2, LST, out));
        assertEquals(2.0 / 3, out[Indicators.NDVI], EPS);
        assertEquals(-0.051801, out[Indicators.WET], EPS);
        assertEquals(300, out[Indicators.LST]);
        assertEquals((-9.0 / 61 - 67.0 / 403) / 2, out[Indicators.NDBSI], EPS);
        // all reflectances 0: NDVI 0/0 undefined
        assertFalse(Indicators.compute(Sensor.OLI, 0, 0, 0, 0, 0, 0, LST, out));
    }

    @Test
    void collection2ScalingOfReflectanceAndTemperature() {
        // 10000 · 0.0000275 − 0.2 = 0.075; 20000 · 0.0000275 − 0.2 = 0.35
        assertEquals(0.075, Scaling.LANDSAT_C2_L2.reflectance(10000), EPS);
        assertEquals(0.35, Scaling.LANDSAT_C2_L2.reflectance(20000), EPS);
        // 44000 · 0.00341802 + 149 = 150.39288 + 149 = 299.39288 K
        assertEquals(299.39288, Scaling.LANDSAT_C2_L2.temperature(44000), 1e-9);
        assertEquals(0.3, Scaling.NONE.reflectance(0.3));
        assertEquals(25.5, Scaling.NONE.temperature(25.5));
    }
}
