package org.esvflow.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.util.List;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.ComputedImage;
import org.esvflow.raster.Rasters;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

class CalcProcessTest {
    interface Values {
        double at(int x, int y);
    }

    static GridCoverage2D raster(String name, int width, int height, double pixel, double nodata, Values v) throws Exception {
        return Rasters.coverage(name, new ComputedImage(width, height, 256, DataBuffer.TYPE_FLOAT, t -> {
            for (int y = t.getMinY(); y < t.getMinY() + t.getHeight(); y++)
                for (int x = t.getMinX(); x < t.getMinX() + t.getWidth(); x++) t.setSample(x, y, 0, v.at(x, y));
        }), Rasters.grid(width, height, 500_000, 4_400_000, pixel, CRS.decode("EPSG:32650", true)), nodata);
    }

    static GridCoverage2D twoByTwo(String name, double... v) throws Exception {
        return raster(name, 2, 2, 1000, -9999, (x, y) -> v[y * 2 + x]);
    }

    @Test
    void gdpPerCapitaWithNodataAndDivisionByZero() throws Exception {
        // gdp (CNY/km²) 100 50 / nodata 30, population (people/km²) 4 0 / 5 nodata:
        // 100/4 = 25; 50/0 → nodata (division by zero); nodata gdp → nodata; nodata population → nodata
        GridCoverage2D gdp = twoByTwo("gdp", 100, 50, -9999, 30), pop = twoByTwo("pop", 4, 0, 5, -9999);
        Raster r = new CalcProcess().execute(List.of(gdp, pop), "gdp, pop", "gdp / pop", null).getRenderedImage().getData();
        assertEquals(25, r.getSampleDouble(0, 0, 0), 0);
        assertEquals(-9999, r.getSampleDouble(1, 0, 0), 0);
        assertEquals(-9999, r.getSampleDouble(0, 1, 0), 0);
        assertEquals(-9999, r.getSampleDouble(1, 1, 0), 0);
    }

    @Test
    void onlyTheRastersTheExpressionUsesDecideNodata() throws Exception {
        GridCoverage2D gdp = twoByTwo("gdp", 100, 50, -9999, 30), pop = twoByTwo("pop", 4, 0, 5, -9999);
        // pop is not used: 2·gdp = 200 100 / nodata 60
        Raster r = new CalcProcess().execute(List.of(gdp, pop), "gdp,pop", "2 * gdp", null).getRenderedImage().getData();
        assertEquals(200, r.getSampleDouble(0, 0, 0), 0);
        assertEquals(100, r.getSampleDouble(1, 0, 0), 0);
        assertEquals(-9999, r.getSampleDouble(0, 1, 0), 0);
        assertEquals(60, r.getSampleDouble(1, 1, 0), 0);
        // undefined results are nodata. sqrt(4 − p) + log(p) over p = 4 0 / 5 nodata: sqrt(0) + ln 4 = ln 4;
        // 2 + ln 0 = −∞ → nodata; sqrt(−1) = NaN → nodata; nodata
        Raster s = new CalcProcess().execute(List.of(pop), "p", "sqrt(4 - p) + log(p)", null).getRenderedImage().getData();
        assertEquals((float) Math.log(4), s.getSampleDouble(0, 0, 0), 0);
        assertEquals(-9999, s.getSampleDouble(1, 0, 0), 0);
        assertEquals(-9999, s.getSampleDouble(0, 1, 0), 0);
        assertEquals(-9999, s.getSampleDouble(1, 1, 0), 0);
    }

    @Test
    void everyBlockOfALargerRasterEqualsTheFormula() throws Exception {
        // 600 × 520 px: 3 × 3 blocks of 256, the last ones partial; a = x + 1, b = y − 100 (0 on row 100)
        GridCoverage2D a = raster("a", 600, 520, 30, -1, (x, y) -> x + 1), b = raster("b", 600, 520, 30, -9999, (x, y) -> y - 100);
        Raster r = new CalcProcess().execute(List.of(a, b), "a,b", "(a ^ 2 - 3 * b) / b", null).getRenderedImage().getData();
        for (int y = 0; y < 520; y += 7) {
            for (int x = 0; x < 600; x += 11) {
                double av = x + 1, bv = y - 100;
                double expected = bv == 0 ? -9999 : (float) ((av * av - 3 * bv) / bv);
                assertEquals(expected, r.getSampleDouble(x, y, 0), 0, x + "," + y);
            }
        }
    }

    @Test
    void badInputsNameTheInput() throws Exception {
        GridCoverage2D gdp = twoByTwo("gdp", 1, 2, 3, 4), pop = twoByTwo("pop", 1, 2, 3, 4);
        GridCoverage2D other = raster("other", 2, 2, 500, -9999, (x, y) -> 1);
        CalcProcess calc = new CalcProcess();
        assertEquals("expression", assertThrows(InvalidInputException.class,
                () -> calc.execute(List.of(gdp, pop), "gdp,pop", "gdp / people", null)).getInput());
        assertEquals("expression", assertThrows(InvalidInputException.class,
                () -> calc.execute(List.of(gdp, pop), "gdp,pop", "gdp / ", null)).getInput());
        assertEquals("names", assertThrows(InvalidInputException.class,
                () -> calc.execute(List.of(gdp, pop), "gdp", "gdp", null)).getInput());
        assertEquals("names", assertThrows(InvalidInputException.class,
                () -> calc.execute(List.of(gdp, pop), "gdp,gdp", "gdp", null)).getInput());
        assertEquals("rasters", assertThrows(InvalidInputException.class,
                () -> calc.execute(List.of(gdp, other), "gdp,o", "gdp + o", null)).getInput());
    }
}
