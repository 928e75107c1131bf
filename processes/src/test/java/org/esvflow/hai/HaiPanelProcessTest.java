package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

/** A 2-region × 2-year panel (two indicators a, b), every expected number worked out by hand below. */
class HaiPanelProcessTest {
    static final String[] COLUMNS = {"region_set", "region_id", "region_name", "year", "a", "b"};
    // counties: R1 (1, 10) in 2010 and (3, 40) in 2020; R2 (2, 10) in both years
    static final Table Y2010 = Table.builder(COLUMNS).row("counties", "R1", "One", 2010L, 1.0, 10.0)
            .row("counties", "R2", "Two", 2010L, 2.0, 10.0).build();
    static final Table Y2020 = Table.builder(COLUMNS).row("counties", "R1", "One", 2020L, 3.0, 40.0)
            .row("counties", "R2", "Two", 2020L, 2.0, 10.0).build();

    private static Map<String, Object> run(List<Table> tables, Normalisation mode) {
        return new HaiPanelProcess().execute(tables, "a,b", null, null, "region_set", "region_name", mode, null, null);
    }

    private static double number(Table t, int row, String column) {
        return ((Number) t.get(row, column)).doubleValue();
    }

    @Test
    void pooledNormalisationAcrossYears() {
        Map<String, Object> out = run(List.of(Y2010, Y2020), null);
        // pooled over the four region-years: a = 1, 2, 3, 2 → (a − 1)/2 = 0, 0.5, 1, 0.5; b = 10, 10, 40, 10 → 0, 0, 1, 0
        // a: Σ = 2, p = 0, 1/4, 1/2, 1/4; −Σ p ln p = 2·(1/4) ln 4 + (1/2) ln 2 = 1.5 ln 2; e = 1.5 ln 2 / ln 4 = 0.75
        // b: p = 0, 0, 1, 0 → e = 0; weights (1 − e)/Σ(1 − e) = 0.25/1.25 = 0.2 and 1/1.25 = 0.8
        Table weights = (Table) out.get("weights");
        assertEquals(List.of("region_set", "indicator", "min", "max", "entropy", "weight", "method"), weights.columns());
        assertEquals(2, weights.rowCount()); // one weight per indicator for the whole panel
        assertEquals(0.75, number(weights, 0, "entropy"), 1e-15);
        assertEquals(0.2, number(weights, 0, "weight"), 1e-15);
        assertEquals(0.8, number(weights, 1, "weight"), 1e-15);
        assertEquals(1, number(weights, 0, "min"), 0);
        assertEquals(3, number(weights, 0, "max"), 0);
        // HAI = 0.2 a' + 0.8 b': R1 2010 = 0, R2 2010 = 0.1, R1 2020 = 0.2 + 0.8 = 1, R2 2020 = 0.1
        Table panel = (Table) out.get("panel");
        assertEquals(List.of("region_set", "region_id", "name", "year", "a", "b", "hai"), panel.columns());
        assertEquals(4, panel.rowCount());
        double[] expected = {0, 0.1, 1, 0.1};
        for (int r = 0; r < 4; r++) assertEquals(expected[r], number(panel, r, "hai"), 1e-15, "row " + r);
        assertEquals("Two", panel.get(1, "name"));
        assertEquals(3, number(panel, 2, "a"), 0);
        // the same raw values give the same HAI in both years: R2 is 0.1 in 2010 and in 2020
        Table matrix = (Table) out.get("matrix");
        assertEquals(List.of("region_set", "region_id", "hai_2010", "hai_2020"), matrix.columns());
        assertEquals("R2", matrix.get(1, "region_id"));
        assertEquals(0.1, number(matrix, 1, "hai_2010"), 1e-15);
        assertEquals(0.1, number(matrix, 1, "hai_2020"), 1e-15);
        assertEquals(1, number(matrix, 0, "hai_2020"), 1e-15);
    }

    @Test
    void epochNormalisationRanksWithinEachYearOnly() {
        Map<String, Object> out = run(List.of(Y2010, Y2020), Normalisation.EPOCH);
        // 2010: a = 1, 2 → 0, 1 (p = 0, 1 → e = 0); b = 10, 10 is constant → 0, e = 1: weights 1 and 0 → HAI 0, 1
        // 2020: a = 3, 2 → 1, 0; b = 40, 10 → 1, 0; both e = 0 → weights 0.5, 0.5 → HAI 1, 0
        Table weights = (Table) out.get("weights");
        assertEquals(List.of("region_set", "year", "indicator", "min", "max", "entropy", "weight", "method"), weights.columns());
        assertEquals(4, weights.rowCount());
        assertEquals(1, number(weights, 0, "weight"), 1e-15);
        assertEquals(0, number(weights, 1, "weight"), 1e-15);
        assertEquals(0.5, number(weights, 2, "weight"), 1e-15);
        assertEquals(2020, number(weights, 2, "year"), 0);
        Table panel = (Table) out.get("panel");
        double[] expected = {0, 1, 1, 0};
        for (int r = 0; r < 4; r++) assertEquals(expected[r], number(panel, r, "hai"), 1e-15, "row " + r);
        // R2's raw values are identical in both years, yet its per-epoch HAI falls from 1 to 0
    }

    @Test
    void eachRegionSetIsAPanelOfItsOwn() {
        // provinces: P1 (1, 10) in 2010, (5, 20) in 2020 → a' = 0, 1 and b' = 0, 1, both e = 0 → weights 0.5, 0.5;
        // HAI 0 and 1. The counties keep their weights 0.2 and 0.8 (see above).
        Table provinces = Table.builder(COLUMNS).row("provinces", "P1", "Prov", 2010L, 1.0, 10.0)
                .row("provinces", "P1", "Prov", 2020L, 5.0, 20.0).build();
        Map<String, Object> out = run(List.of(Y2010, provinces, Y2020), null);
        Table weights = (Table) out.get("weights");
        assertEquals(4, weights.rowCount());
        assertEquals("counties", weights.get(0, "region_set"));
        assertEquals(0.2, number(weights, 0, "weight"), 1e-15);
        assertEquals("provinces", weights.get(2, "region_set"));
        assertEquals(0.5, number(weights, 2, "weight"), 1e-15);
        Table panel = (Table) out.get("panel");
        // rows in input order: R1 2010, R2 2010, P1 2010, P1 2020, R1 2020, R2 2020
        assertEquals(0, number(panel, 2, "hai"), 1e-15);
        assertEquals(1, number(panel, 3, "hai"), 1e-15);
        assertEquals(1, number(panel, 4, "hai"), 1e-15);
        Table matrix = (Table) out.get("matrix");
        assertEquals(3, matrix.rowCount());
        assertEquals(1, number(matrix, 2, "hai_2020"), 1e-15);
    }

    @Test
    void rowsLackingAnIndicatorGetNoHai() {
        Table gap = Table.builder(COLUMNS).row("counties", "R3", "Three", 2020L, 7.0, null).build();
        Table panel = (Table) run(List.of(Y2010, Y2020, gap), null).get("panel");
        assertNull(panel.get(4, "hai"));
        assertEquals(0.1, number(panel, 1, "hai"), 1e-15); // the others unchanged
    }

    @Test
    void duplicateRegionYearIsRejected() {
        Table t = Table.builder("region_id", "year", "a", "b").row("R1", 2010L, 1.0, 10.0).row("R1", 2010L, 2.0, 10.0).build();
        assertEquals("tables", assertThrows(InvalidInputException.class,
                () -> new HaiPanelProcess().execute(List.of(t), "a,b", null, null, null, null, null, null, null)).getInput());
        assertEquals("tables", assertThrows(InvalidInputException.class,
                () -> new HaiPanelProcess().execute(List.of(t), "a,c", null, null, null, null, null, null, null)).getInput());
        assertEquals("tables", assertThrows(InvalidInputException.class,
                () -> new HaiPanelProcess().execute(List.of(Y2010), "a,b", null, null, "set", null, null, null, null)).getInput());
    }
}
