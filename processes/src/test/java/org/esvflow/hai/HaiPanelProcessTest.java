package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

class HaiPanelProcessTest {

    @Test
    void pooledNormalisationAcrossYears() {
        Table y2010 = Table.builder("region_id", "year", "a", "b").row("R1", 2010L, 1.0, 10.0).row("R2", 2010L, 2.0, 10.0).build();
        Table y2020 = Table.builder("region_id", "year", "a", "b").row("R1", 2020L, 3.0, 40.0).row("R2", 2020L, 2.0, 10.0).build();
        Map<String, Object> out = new HaiPanelProcess().execute(List.of(y2010, y2020), "a,b", null, null, null, null);
        // pooled: a = 1, 2, 3, 2 → 0, 0.5, 1, 0.5; b = 10, 10, 40, 10 → 0, 0, 1, 0
        // a: p = 0, 1/4, 1/2, 1/4; −Σ p ln p = 2·(1/4) ln 4 + (1/2) ln 2 = 1.5 ln 2; e = 1.5 ln 2 / ln 4 = 0.75
        // b: p = 0, 0, 1, 0 → e = 0; weights (1 − e) / Σ = 0.25 / 1.25 = 0.2 and 0.8
        Table weights = (Table) out.get("weights");
        assertEquals(0.75, ((Number) weights.get(0, "entropy")).doubleValue(), 1e-15);
        assertEquals(0.2, ((Number) weights.get(0, "weight")).doubleValue(), 1e-15);
        assertEquals(0.8, ((Number) weights.get(1, "weight")).doubleValue(), 1e-15);
        Table matrix = (Table) out.get("matrix");
        assertEquals(List.of("region_id", "hai_2010", "hai_2020"), matrix.columns());
        assertEquals("R1", matrix.get(0, "region_id"));
        assertEquals(0, ((Number) matrix.get(0, "hai_2010")).doubleValue(), 1e-15);
        assertEquals(1, ((Number) matrix.get(0, "hai_2020")).doubleValue(), 1e-15);
        assertEquals(0.1, ((Number) matrix.get(1, "hai_2010")).doubleValue(), 1e-15);
        assertEquals(0.1, ((Number) matrix.get(1, "hai_2020")).doubleValue(), 1e-15);
        assertEquals(4, ((Table) out.get("panel")).rowCount());
    }

    @Test
    void duplicateRegionYearIsRejected() {
        Table t = Table.builder("region_id", "year", "a", "b").row("R1", 2010L, 1.0, 10.0).row("R1", 2010L, 2.0, 10.0).build();
        assertEquals("tables", assertThrows(InvalidInputException.class,
                () -> new HaiPanelProcess().execute(List.of(t), "a,b", null, null, null, null)).getInput());
        assertEquals("tables", assertThrows(InvalidInputException.class,
                () -> new HaiPanelProcess().execute(List.of(t), "a,c", null, null, null, null)).getInput());
    }
}
