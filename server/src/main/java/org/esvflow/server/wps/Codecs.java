package org.esvflow.server.wps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;

/**
 * Encoding is not computing: these codecs turn request bytes into the Java objects processes take (GeoTIFF →
 * {@link GridCoverage2D}, CSV/JSON → {@link Table}, GeoJSON → {@link SimpleFeatureCollection}, literals) and
 * process results back into bytes. Like GeoServer's PPIOs, one place knows every format.
 */
public final class Codecs {
    public static final String GEOTIFF = "image/tiff";
    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";
    public static final String GEOJSON = "application/geo+json";
    public static final String TEXT = "text/plain";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Codecs() {}

    /** Complex (non-literal) types and the MIME types they speak; the first is the default. */
    public static List<String> mimeTypes(Class<?> type) {
        if (GridCoverage2D.class.isAssignableFrom(type)) return List.of(GEOTIFF, "image/geotiff", "application/geotiff");
        if (Table.class.isAssignableFrom(type)) return List.of(CSV, JSON);
        if (SimpleFeatureCollection.class.isAssignableFrom(type)) return List.of(JSON, GEOJSON);
        if (isLiteral(type)) return List.of();
        return List.of(JSON);
    }

    public static boolean isLiteral(Class<?> type) {
        return type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class
                || type.isPrimitive() || type.isEnum();
    }

    /** The XML Schema data type of a literal, as WPS DescribeProcess reports it. */
    public static String xsdType(Class<?> type) {
        if (type == Integer.class || type == int.class) return "xs:int";
        if (type == Long.class || type == long.class) return "xs:long";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "xs:double";
        if (type == Boolean.class || type == boolean.class) return "xs:boolean";
        return "xs:string";
    }

    /** Parses a literal input; a bad value is the user's mistake, reported against {@code input}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object literal(Class<?> type, String value, String input) {
        String v = value.trim();
        try {
            if (type == String.class) return value;
            if (type == Integer.class || type == int.class) return Integer.valueOf(v);
            if (type == Long.class || type == long.class) return Long.valueOf(v);
            if (type == Double.class || type == double.class) return Double.valueOf(v);
            if (type == Float.class || type == float.class) return Float.valueOf(v);
            if (type == Boolean.class || type == boolean.class) {
                if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return Boolean.valueOf(v);
                throw new IllegalArgumentException();
            }
            if (type.isEnum()) {
                for (Object c : type.getEnumConstants()) {
                    if (((Enum) c).name().equalsIgnoreCase(v)) return c;
                }
                throw new InvalidInputException(input, "'" + v + "' is not one of " + List.of(type.getEnumConstants()));
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(input, "'" + value + "' is not a valid " + xsdType(type).substring(3));
        }
        throw new InvalidInputException(input, "literal values of type " + type.getSimpleName() + " are not supported");
    }

    /** Decodes a complex input held in {@code file}. */
    public static Object decode(Class<?> type, String mime, Path file, String input) throws IOException {
        String m = mime == null ? null : mime.toLowerCase(Locale.ROOT).split(";")[0].trim();
        if (GridCoverage2D.class.isAssignableFrom(type)) {
            return GeoTiffs.read(file.toFile(), input);
        }
        if (Table.class.isAssignableFrom(type)) {
            if (JSON.equals(m)) return tableFromJson(MAPPER.readTree(file.toFile()), input);
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return Csv.read(r);
            } catch (IOException | RuntimeException e) {
                throw new InvalidInputException(input, "not a readable CSV table: " + e.getMessage(), e);
            }
        }
        if (SimpleFeatureCollection.class.isAssignableFrom(type)) {
            JsonNode root;
            try {
                root = MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new InvalidInputException(input, "not valid GeoJSON: " + e.getMessage());
            }
            return GeoJson.read(root, input);
        }
        if (isLiteral(type)) return literal(type, Files.readString(file, StandardCharsets.UTF_8), input);
        throw new InvalidInputException(input, "inputs of type " + type.getSimpleName() + " cannot be decoded");
    }

    /** A JSON array of objects (one per row), or {"columns": [...], "rows": [[...]]}. */
    static Table tableFromJson(JsonNode root, String input) {
        try {
            if (root.isObject() && root.has("columns")) {
                List<String> cols = MAPPER.convertValue(root.get("columns"), MAPPER.getTypeFactory()
                        .constructCollectionType(List.class, String.class));
                Table.Builder b = Table.builder(cols.toArray(new String[0]));
                for (JsonNode row : root.get("rows")) {
                    Object[] values = new Object[cols.size()];
                    for (int i = 0; i < values.length; i++) values[i] = scalar(row.get(i));
                    b.row(values);
                }
                return b.build();
            }
            if (root.isArray() && root.size() > 0) {
                List<String> cols = new java.util.ArrayList<>();
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

    /** File-name extension for an output in {@code mime}. */
    public static String extension(String mime) {
        return switch (mime) {
            case GEOTIFF, "image/geotiff", "application/geotiff" -> "tif";
            case CSV -> "csv";
            case TEXT -> "txt";
            default -> "json";
        };
    }

    /** Writes {@code value} to {@code file} in {@code mime}. GeoTIFFs are written atomically by {@link GeoTiffs}. */
    public static void encode(Object value, String mime, Path file) throws IOException {
        if (value instanceof GridCoverage2D coverage) {
            GeoTiffs.write(coverage, file.toFile());
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            encode(value, mime, out);
        }
    }

    public static void encode(Object value, String mime, OutputStream out) throws IOException {
        if (value instanceof Table table) {
            if (JSON.equals(mime)) {
                MAPPER.writeValue(out, tableAsJson(table));
            } else {
                out.write(Csv.toString(table).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        if (value instanceof GridCoverage2D) throw new IllegalArgumentException("coverages are encoded to files");
        if (value instanceof SimpleFeatureCollection features) {
            GeoJsonWriter.write(features, out);
            return;
        }
        if (value instanceof String s && !JSON.equals(mime)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        MAPPER.writeValue(out, value);
    }

    static List<Map<String, Object>> tableAsJson(Table table) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Object[] row : table.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) m.put(table.columns().get(i), row[i]);
            rows.add(m);
        }
        return rows;
    }

    /** Text form of a literal output. */
    public static String literalText(Object value) {
        if (value instanceof Double d) return Csv.format(d);
        return String.valueOf(value);
    }

}
