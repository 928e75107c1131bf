package org.esvflow.routes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadableTablesTest {
    @Test
    void headersCarryTheirUnits() {
        assertEquals("CNY/yr", ReadableTables.unit("esv_by_class", "esv_food_production"));
        assertEquals("CNY/ha/yr", ReadableTables.unit("esv_by_class", "vc_per_ha"));
        assertEquals("CNY/ha/yr", ReadableTables.unit("esv_regions", "esv_per_ha"));
        assertEquals("CNY/ha/yr", ReadableTables.unit("esv_gain_loss", "vc_from"));
        assertEquals("ha", ReadableTables.unit("lu_transitions", "area_ha"));
        assertEquals("%", ReadableTables.unit("esv_by_service", "share_pct"));
        assertEquals("%/yr", ReadableTables.unit("lu_dynamic_degree", "k_pct_per_year"));
        assertEquals("CNY/yr", ReadableTables.unit("esv_change_decomposition", "land_use_effect"));
        assertEquals("CNY/yr", ReadableTables.unit("esv_change_summary", "gain"));
        assertNull(ReadableTables.unit("esv_change_summary", "change_index"));
        assertEquals("ha", ReadableTables.unit("transfer_matrix", "to_5"));
        assertNull(ReadableTables.unit("gd_factor", "q"));
        assertNull(ReadableTables.unit("esv_change_decomposition", "region_id"));
    }

    @Test
    void identifiersStayAsWrittenAndNumbersAreRounded() {
        List<List<String>> rows = List.of(
                List.of("epoch", "code", "label", "area_ha", "esv_total", "share_pct"),
                List.of("2013", "1", "cropland", "8859950", "2.8444980355337093E10", "3.9323634003808916"));
        assertEquals(List.of(
                List.of("epoch", "code", "label", "area_ha (ha)", "esv_total (CNY/yr)", "share_pct (%)"),
                // 8 859 950 grouped; 28 444 980 355.337… → 28,444,980,355; 3.932|36… → 3.932
                List.of("2013", "1", "cropland", "8,859,950", "28,444,980,355", "3.932")),
                ReadableTables.display("esv_by_class", rows));
    }
}
