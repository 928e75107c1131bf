package org.esvflow.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named tables in order: what an XLSX workbook holds, a sheet per table (written by {@link Xlsx}). */
public record Sheets(Map<String, Table> tables) {
    public Sheets {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }
}
