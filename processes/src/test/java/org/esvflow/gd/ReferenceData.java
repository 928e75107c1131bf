package org.esvflow.gd;

import java.nio.file.Files;
import java.nio.file.Path;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.junit.jupiter.api.Assumptions;

/** The GeoDetector reference tables under {@code ../shared/reference/geodetector}, or a skipped test. */
final class ReferenceData {
    private ReferenceData() {}

    static Table table(String file) throws Exception {
        String shared = System.getProperty("esvflow.shared");
        Assumptions.assumeTrue(shared != null, "esvflow.shared not set");
        Path path = Path.of(shared, "reference", "geodetector", file);
        Assumptions.assumeTrue(Files.isRegularFile(path), "reference data absent: " + path);
        return Csv.read(path);
    }

    static Object[] column(Table table, String name) {
        int c = table.indexOf(name);
        Object[] values = new Object[table.rowCount()];
        for (int i = 0; i < values.length; i++) values[i] = table.rows().get(i)[c];
        return values;
    }

    static Strata strata(Table table, String name) {
        return Strata.of(name, column(table, name));
    }
}
