package org.esvflow.esv;

import static org.esvflow.esv.TestGrids.number;
import static org.esvflow.esv.TestGrids.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.grid.GridGeometry2D;
import org.junit.jupiter.api.Test;

class CorrectionReferenceProcessTest {
    static final GridGeometry2D GRID = TestGrids.utm(3, 2);
    // 5 valid land-use pixels of equal area (0.09 ha); (2, 1) is land-use nodata, its NPP 99 never counts
    static final GridCoverage2D LU = TestGrids.landUse(GRID, ValueProcessTest.LU);
    // area means: 2013 (2+4+6+8+10)/5 = 6; 2023 (1+2+3+4+5)/5 = 3 (a 50 % fall)
    static final GridCoverage2D NPP_2013 = TestGrids.values(GRID, new double[][] {{2, 4, 6}, {8, 10, 99}});
    static final GridCoverage2D NPP_2023 = TestGrids.values(GRID, new double[][] {{1, 2, 3}, {4, 5, 99}});

    static Table run(CorrectionReferenceProcess.Reference reference, Double fixed) {
        return new CorrectionReferenceProcess().execute(List.of(LU, LU), "2013,2023", List.of(NPP_2013, NPP_2023), null, null,
                reference, fixed, null, null, null);
    }

    static int row(Table t, int year) {
        return TestGrids.row(t, "year", year);
    }

    @Test
    void pooledReferenceKeepsTheFallOverTime() {
        Table t = run(null, null);
        assertEquals(List.of("year", "factor", "reference", "reference_mean", "area_mean", "area_factor"), t.columns());
        assertEquals(2, t.rowCount());
        // pooled reference = (6 + 3) / 2 = 4.5; area factors 6/4.5 = 4/3 and 3/4.5 = 2/3
        assertEquals("pooled", t.get(row(t, 2013), "reference"));
        assertEquals("npp", t.get(row(t, 2013), "factor"));
        assertEquals(4.5, number(t, row(t, 2013), "reference_mean"), 1e-12);
        assertEquals(4.5, number(t, row(t, 2023), "reference_mean"), 1e-12);
        assertEquals(6, number(t, row(t, 2013), "area_mean"), 1e-12);
        assertEquals(3, number(t, row(t, 2023), "area_mean"), 1e-12);
        assertEquals(4.0 / 3, number(t, row(t, 2013), "area_factor"), 1e-12);
        assertEquals(2.0 / 3, number(t, row(t, 2023), "area_factor"), 1e-12);
    }

    @Test
    void epochAndFixedReferences() {
        Table epoch = run(CorrectionReferenceProcess.Reference.EPOCH, null);
        assertEquals(6, number(epoch, row(epoch, 2013), "reference_mean"), 1e-12);
        assertEquals(3, number(epoch, row(epoch, 2023), "reference_mean"), 1e-12);
        assertEquals(1, number(epoch, row(epoch, 2023), "area_factor"), 1e-12);
        // fixed 5: 6/5 and 3/5
        Table fixed = run(CorrectionReferenceProcess.Reference.FIXED, 5.0);
        assertEquals("fixed", fixed.get(0, "reference"));
        assertEquals(1.2, number(fixed, row(fixed, 2013), "area_factor"), 1e-12);
        assertEquals(0.6, number(fixed, row(fixed, 2023), "area_factor"), 1e-12);
    }

    @Test
    void pooledMeanFedToValueDividesByIt() {
        // esv:Value with nppReferenceMean = 4.5: dry-land pixel (0, 0) of 2013 = 0.09 ha × 1000 × (1.32 + 2.69 × 2 / 4.5)
        // (R and S services 1.32 uncorrected, P services 2.69 × npp / reference; see ValueProcessTest.pixelCorrectionByNpp)
        Table t = run(null, null);
        double reference = number(t, row(t, 2013), "reference_mean");
        Map<String, Object> esv = ValueProcessTest.run(LU, NPP_2013, null, null, reference, null, false);
        assertEquals(90 * (1.32 + 2.69 * 2 / 4.5), sample((GridCoverage2D) esv.get("esv"), 0, 0), 1e-3);
        Table factors = (Table) esv.get("factors");
        // esv:Value's own area mean agrees with this process's
        assertEquals(number(t, row(t, 2013), "area_mean"), number(factors, "factor", "npp", "area_mean"), 1e-12);
        assertEquals(4.0 / 3, number(factors, "factor", "npp", "area_factor"), 1e-12);
    }

    @Test
    void badInputsNameTheInput() {
        InvalidInputException count = assertThrows(InvalidInputException.class, () -> new CorrectionReferenceProcess().execute(
                List.of(LU, LU), "2013,2023", List.of(NPP_2013), null, null, null, null, null, null, null));
        assertEquals("npp", count.getInput());
        InvalidInputException fixed = assertThrows(InvalidInputException.class,
                () -> run(CorrectionReferenceProcess.Reference.FIXED, null));
        assertEquals("nppReferenceMean", fixed.getInput());
        InvalidInputException years = assertThrows(InvalidInputException.class, () -> new CorrectionReferenceProcess().execute(
                List.of(LU, LU), "2023,2013", List.of(NPP_2013, NPP_2023), null, null, null, null, null, null, null));
        assertTrue(years.getMessage().contains("increase"), years.getMessage());
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> new CorrectionReferenceProcess().execute(
                List.of(LU), "2013", null, null, null, null, null, null, null, null));
        assertEquals("npp", none.getInput());
    }
}
