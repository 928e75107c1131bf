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
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import org.esvflow.table.Table;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.feature.FeatureCollection;

/**
 * Writes process outputs into a folder through the codec registry the WPS server uses, each in its type's default
 * format: rasters as GeoTIFF, tables as CSV, features as GeoJSON, documents (XLSX, PNG) under their own names, other
 * results as JSON; literals go into {@code result.json}, which lists everything.
 */
final class OutputWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final CodecRegistry CODECS = CodecRegistry.standard();

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
        ObjectNode entry = list.addObject();
        entry.put("name", name);
        if (CODECS.isLiteral(value.getClass())) {
            entry.put("format", CodecRegistry.JSON).set("value", JSON.valueToTree(value));
        } else if (value instanceof byte[] bytes) {
            AtomicFiles.write(dir.resolve(name), bytes);
            entry.put("format", CodecRegistry.OCTET_STREAM).put("file", name);
        } else if (value instanceof Collection<?> items && codec(name, value).type() == Object.class && !items.isEmpty()
                && !CODECS.isLiteral(items.iterator().next().getClass())) { // e.g. a list of rasters (a feature collection is one value)
            ArrayNode files = entry.putArray("files");
            int i = 0;
            for (Object item : items) {
                ComplexCodec<?> codec = codec(name, item);
                String file = name + "_" + (++i) + "." + codec.fileExtension();
                codec.encodeObject(item, dir.resolve(file));
                files.add(file);
                entry.put("format", codec.mimeType());
            }
        } else {
            ComplexCodec<?> codec = codec(name, value);
            String file = value instanceof Document d ? d.fileName() : name + "." + codec.fileExtension();
            codec.encodeObject(value, dir.resolve(file));
            entry.put("format", codec.mimeType()).put("file", file);
            if (value instanceof Table table) entry.put("rows", table.rowCount());
        }
    }

    private static ComplexCodec<?> codec(String name, Object value) {
        ComplexCodec<?> codec = CODECS.encoder(value, null);
        if (codec == null) throw new IllegalStateException("no codec writes output " + name + " (" + value.getClass().getName() + ")");
        return codec;
    }

    private static String describe(Object value) {
        if (value instanceof GridCoverage2D c) return "raster " + c.getName();
        if (value instanceof Table t) return t.toString();
        if (value instanceof FeatureCollection<?, ?> f) return f.size() + " features";
        return String.valueOf(value);
    }
}
