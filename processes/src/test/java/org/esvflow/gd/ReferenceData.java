package org.esvflow.gd;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * The GeoDetector reference tables shipped with the tests under {@code src/test/resources/reference/geodetector}
 * (their sources: the README there), read from the classpath; {@code name.csv} may be stored as {@code name.csv.gz}.
 */
final class ReferenceData {
    private ReferenceData() {}

    static Table table(String file) throws IOException {
        String resource = "/reference/geodetector/" + file;
        InputStream in = ReferenceData.class.getResourceAsStream(resource);
        if (in == null) {
            InputStream gz = ReferenceData.class.getResourceAsStream(resource + ".gz");
            if (gz == null) throw new FileNotFoundException("test resource " + resource + " is missing");
            in = new GZIPInputStream(gz);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return Csv.read(reader);
        }
    }

    static Table tableOrFail(String file) {
        try {
            return table(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
