package org.esvflow.server.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.style.ColorMap;
import org.esvflow.style.Sld;
import org.esvflow.table.Csv;
import org.esvflow.table.Sheets;
import org.esvflow.table.Table;
import org.esvflow.table.Xlsx;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;

/**
 * The codecs esvflow ships: GeoTIFF, CSV and JSON tables, GeoJSON features, XLSX, PNG and PDF documents, named tables as
 * an XLSX workbook, SLD colour maps, JSON values.
 */
final class StandardCodecs {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StandardCodecs() {}

    /** Tiled, deflate-compressed GeoTIFF with explicit nodata, written atomically by {@link GeoTiffs}. */
    static final class GeoTiff extends ComplexCodec<GridCoverage2D> {
        GeoTiff(String mimeType) {
            super(GridCoverage2D.class, mimeType, "tif", true);
        }

        @Override
        public GridCoverage2D decode(Path file, String input) {
            return GeoTiffs.read(file.toFile(), input);
        }

        @Override
        public void encode(GridCoverage2D value, Path file) throws IOException {
            GeoTiffs.write(value, file.toFile());
        }

        /** Through a temporary file: the TIFF writer seeks. */
        @Override
        public void encode(GridCoverage2D value, OutputStream out) throws IOException {
            Path temp = Files.createTempFile("esvflow-codec", ".tif");
            try {
                GeoTiffs.write(value, temp.toFile());
                Files.copy(temp, out);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** RFC 4180 CSV, UTF-8, header row, '.' decimals. */
    static final class CsvTable extends ComplexCodec<Table> {
        CsvTable() {
            super(Table.class, CodecRegistry.CSV, "csv", false);
        }

        @Override
        public Table decode(Path file, String input) {
            try {
                return Csv.read(file);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(input, "not a readable CSV table: " + e.getMessage(), e);
            }
        }

        @Override
        public void encode(Table value, OutputStream out) throws IOException {
            out.write(Csv.toString(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A JSON array of row objects; reads that or {"columns": [...], "rows": [[...]]}. */
    static final class JsonTable extends ComplexCodec<Table> {
        JsonTable() {
            super(Table.class, CodecRegistry.JSON, "json", false);
        }

        @Override
        public Table decode(Path file, String input) {
            JsonNode root;
            try {
                root = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(input, "not valid JSON: " + e.getMessage(), e);
            }
            return tableFromJson(root, input);
        }

        @Override
        public void encode(Table value, OutputStream out) throws IOException {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object[] row : value.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < row.length; i++) m.put(value.columns().get(i), row[i]);
                rows.add(m);
            }
            MAPPER.writeValue(out, rows);
        }

        static Table tableFromJson(JsonNode root, String input) {
            try {
                if (root.isObject() && root.has("columns")) {
                    List<String> cols = new ArrayList<>();
                    root.get("columns").forEach(c -> cols.add(c.asText()));
                    Table.Builder b = Table.builder(cols.toArray(new String[0]));
                    for (JsonNode row : root.get("rows")) {
                        Object[] values = new Object[cols.size()];
                        for (int i = 0; i < values.length; i++) values[i] = scalar(row.get(i));
                        b.row(values);
                    }
                    return b.build();
                }
                if (root.isArray() && root.size() > 0) {
                    List<String> cols = new ArrayList<>();
                    root.get(0).fieldNames().forEachRemaining(cols::add);
                    Table.Builder b = Table.builder(cols.toArray(new String[0]));
                    for (JsonNode row : root) {
                        Object[] values = new Object[cols.size()];
                        for (int i = 0; i < values.length; i++) values[i] = scalar(row.get(cols.get(i)));
                        b.row(values);
                    }
                    return b.build();
                }
            } catch (RuntimeException e) {
                throw new InvalidInputException(input, "not a JSON table: " + e.getMessage(), e);
            }
            throw new InvalidInputException(input, "a JSON table is an array of row objects or {columns, rows}");
        }

        private static Object scalar(JsonNode n) {
            if (n == null || n.isNull()) return null;
            if (n.isIntegralNumber()) return n.longValue();
            if (n.isNumber()) return n.doubleValue();
            if (n.isBoolean()) return n.booleanValue();
            return n.asText();
        }
    }

    /** GeoJSON FeatureCollection of polygons; coordinates in the collection's CRS (named in {@code crs} unless WGS 84). */
    static final class Features extends ComplexCodec<SimpleFeatureCollection> {
        Features(String mimeType) {
            super(SimpleFeatureCollection.class, mimeType, "geojson", false);
        }

        @Override
        public SimpleFeatureCollection decode(Path file, String input) {
            JsonNode root;
            try {
                root = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(input, "not valid GeoJSON: " + e.getMessage(), e);
            }
            return GeoJson.read(root, input);
        }

        @Override
        public void encode(SimpleFeatureCollection value, OutputStream out) throws IOException {
            GeoJsonWriter.write(value, out);
        }
    }

    /**
     * A finished file a process made (XLSX workbook, PNG chart), passed through as its own bytes; one codec per MIME
     * type, accepting only documents of that type.
     */
    static final class Documents extends ComplexCodec<Document> {
        Documents(String mimeType, String extension) {
            super(Document.class, mimeType, extension, true);
        }

        @Override
        public boolean accepts(Object value) {
            return value instanceof Document d && d.mimeType().equals(mimeType());
        }

        @Override
        public Document decode(Path file, String input) throws IOException {
            if (Files.size(file) > Integer.MAX_VALUE - 8) throw new InvalidInputException(input, "document too large");
            return new Document(input + "." + fileExtension(), mimeType(), Files.readAllBytes(file));
        }

        @Override
        public void encode(Document value, OutputStream out) throws IOException {
            out.write(value.content());
        }
    }

    /** Named tables as an XLSX workbook, a sheet per table ({@link Xlsx}); write-only (a sheet is read as CSV). */
    static final class Workbook extends ComplexCodec<Sheets> {
        Workbook() {
            super(Sheets.class, Document.XLSX, "xlsx", true);
        }

        @Override
        public Sheets decode(Path file, String input) {
            throw new InvalidInputException(input, "an XLSX workbook cannot be read as an input; give its sheet as CSV");
        }

        @Override
        public void encode(Sheets value, OutputStream out) throws IOException {
            Xlsx.write(value.tables(), out);
        }
    }

    /** A raster style's colour map as an SLD document (the first RasterSymbolizer ColorMap; see {@link Sld}). */
    static final class SldColorMap extends ComplexCodec<ColorMap> {
        SldColorMap() {
            super(ColorMap.class, Sld.MIME_TYPE, "sld", false);
        }

        @Override
        public ColorMap decode(Path file, String input) throws IOException {
            try {
                return Sld.read(Files.readAllBytes(file), "the SLD document");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(input, e.getMessage(), e);
            }
        }

        @Override
        public void encode(ColorMap value, OutputStream out) throws IOException {
            out.write(Sld.write(value, "style"));
        }
    }

    /** Any other result (records, lists, maps) as a JSON value; it cannot be an input. */
    static final class JsonValue extends ComplexCodec<Object> {
        JsonValue() {
            super(Object.class, CodecRegistry.JSON, "json", false);
        }

        @Override
        public Object decode(Path file, String input) {
            throw new InvalidInputException(input, "JSON values cannot be decoded into a process input");
        }

        @Override
        public void encode(Object value, OutputStream out) throws IOException {
            MAPPER.writeValue(out, value);
        }
    }
}
