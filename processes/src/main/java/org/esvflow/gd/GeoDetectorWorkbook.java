package org.esvflow.gd;

import org.esvflow.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.esvflow.table.Table;
import org.esvflow.table.Xlsx;

/**
 * The GeoDetector's XLSX workbook: one sheet per table, as the original Excel GeoDetector lays out its detectors
 * (written by {@link Xlsx}).
 */
public final class GeoDetectorWorkbook {
    private GeoDetectorWorkbook() {}

    /** Writes the sheets, in map order, to {@code out} (by {@link Xlsx}, the project's one XLSX writer). */
    public static void write(Map<String, Table> sheets, OutputStream out) throws IOException {
        Xlsx.write(sheets, out);
    }

    /** Writes atomically to {@code file}. */
    public static void write(Map<String, Table> sheets, Path file) throws IOException {
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(sheets, out);
            }
        });
    }
}
