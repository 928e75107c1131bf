package org.esvflow.routes.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/** A CSV file as rows of cells, the header first, read by the project's one reader ({@link Csv}) for assertions. */
public final class CsvRows {
    private CsvRows() {}

    /** Cells as {@link Csv#format} writes them: numbers in full precision, blanks empty. */
    public static List<List<String>> read(Path file) throws IOException {
        Table t = Csv.read(file);
        List<List<String>> rows = new ArrayList<>();
        rows.add(t.columns());
        for (Object[] row : t.rows()) rows.add(Arrays.stream(row).map(Csv::format).toList());
        return rows;
    }
}
