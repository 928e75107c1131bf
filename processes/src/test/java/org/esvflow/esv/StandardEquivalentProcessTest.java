package org.esvflow.esv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Test;

class StandardEquivalentProcessTest {
    static final Table CROPS = Table.builder("crop", "sown_area_ha", "yield_kg_per_ha", "price_per_kg", "cost_per_ha")
            .row("wheat", 100.0, 5000.0, 2.4, 8000.0)   // p·q = 12 000 per ha, net 4 000
            .row("maize", 300.0, 7000.0, 2.0, 9000.0)   // p·q = 14 000 per ha, net 5 000
            .build();

    @Test
    void seventhOfAreaWeightedOutputValue() {
        // (1/7) · (100·12000 + 300·14000) / 400 = 13500 / 7
        Object d = new StandardEquivalentProcess().execute(CROPS, StandardEquivalentProcess.Method.SEVENTH, null, null)
                .get("standardEquivalent");
        assertEquals(13500.0 / 7, (Double) d, 1e-9);
    }

    @Test
    void netProfitFormWithDeflator() {
        // (100·4000 + 300·5000) / 400 = 4750; with prices and costs × 0.5: 2375
        assertEquals(4750, (Double) new StandardEquivalentProcess().execute(CROPS, StandardEquivalentProcess.Method.NET_PROFIT, 1.0, null)
                .get("standardEquivalent"), 1e-9);
        assertEquals(2375, (Double) new StandardEquivalentProcess().execute(CROPS, StandardEquivalentProcess.Method.NET_PROFIT, 0.5, null)
                .get("standardEquivalent"), 1e-9);
    }

    @Test
    void missingColumnsAreNamed() {
        Table bad = Table.builder("crop", "sown_area_ha").row("rice", 10.0).build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new StandardEquivalentProcess().execute(bad, null, null, null));
        assertEquals("crops", e.getInput());
    }
}
