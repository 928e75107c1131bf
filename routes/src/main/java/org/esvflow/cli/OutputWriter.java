package org.esvflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.esvflow.io.AtomicFiles;
import org.esvflow.process.Document;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;

/**
 * Writes process outputs into a folder: rasters as GeoTIFF, tables as CSV, documents (XLSX, PNG) under their own
 * names, byte arrays as files, everything else as JSON values; {@code result.json} lists them all.
 */
final class OutputWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputWriter() {}

    static Path write(String process, Map<String, Object> inputs, Map<String, Object> outputs, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode result = JSON.createObjectNode();
        result.put("process", process);
        ObjectNode in = result.putObject("inputs");
        inputs.forEach((k, v) -> in.put(k, describe(v)));
        ArrayNode list = result.putArray("outputs");
        for (Map.Entry<String, Object> e : outputs.entrySet()) {
            writeOne(e.getKey(), e.getValue(), dir, list);
        }
        Path file = dir.resolve("result.json");
        AtomicFiles.write(file, JSON.writeValueAsBytes(result));
        return file;
    }

    private static void writeOne(String name, Object value, Path dir, ArrayNode list) throws IOException {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("name", name);
        if (value instanceof GridCoverage2D coverage) {
            GeoTiffs.write(coverage, dir.resolve(name + ".tif").toFile());
            entry.put("format", "image/tiff").put("file", name + ".tif");
        } else if (value instanceof Table table) {
            Csv.write(table, dir.resolve(name + ".csv"));
            entry.put("format", "text/csv").put("file", name + ".csv").put("rows", table.rowCount());
        } else if (value instanceof Document document) {
            AtomicFiles.write(dir.resolve(document.fileName()), document.content());
            entry.put("format", document.mimeType()).put("file", document.fileName());
        } else if (value instanceof byte[] bytes) {
            AtomicFiles.write(dir.resolve(name), bytes);
            entry.put("format", "application/octet-stream").put("file", name);
        } else if (value instanceof Collection<?> items && !items.isEmpty() && items.iterator().next() instanceof GridCoverage2D) {
            ArrayNode files = entry.put("format", "image/tiff").putArray("files");
            int i = 0;
            for (Object item : items) {
                String file = name + "_" + (++i) + ".tif";
                GeoTiffs.write((GridCoverage2D) item, dir.resolve(file).toFile());
                files.add(file);
            }
        } else {
            entry.put("format", "application/json").set("value", JSON.valueToTree(value));
        }
        list.add(entry);
    }

    private static String describe(Object value) {
        if (value instanceof GridCoverage2D c) return "raster " + c.getName();
        if (value instanceof Table t) return t.toString();
        if (value instanceof org.geotools.feature.FeatureCollection<?, ?> f) return f.size() + " features";
        return String.valueOf(value);
    }
}
