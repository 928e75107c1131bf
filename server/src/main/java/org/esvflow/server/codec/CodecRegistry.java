package org.esvflow.server.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.process.Document;
import org.esvflow.process.InvalidInputException;

/**
 * The one place that knows every format: the server's WPS, the CLI and the study pipeline decode inputs, encode outputs
 * and name files through it. Complex types have one {@link ComplexCodec} per MIME type, the first registered being the
 * type's default (as GeoServer's {@code ProcessParameterIO.findAll} lists PPIOs); literals have a {@link LiteralCodec}.
 */
public final class CodecRegistry {
    public static final String GEOTIFF = "image/tiff";
    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";
    public static final String GEOJSON = "application/geo+json";
    public static final String TEXT = "text/plain";
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final CodecRegistry STANDARD = new CodecRegistry(List.of(
            new StandardCodecs.GeoTiff(GEOTIFF),
            new StandardCodecs.GeoTiff("image/geotiff"),
            new StandardCodecs.GeoTiff("application/geotiff"),
            new StandardCodecs.CsvTable(),
            new StandardCodecs.JsonTable(),
            new StandardCodecs.Features(GEOJSON),
            new StandardCodecs.Features(JSON),
            new StandardCodecs.Documents(Document.XLSX, "xlsx"),
            new StandardCodecs.Workbook(),
            new StandardCodecs.Documents(Document.PNG, "png"),
            new StandardCodecs.Documents(Document.PDF, "pdf"),
            new StandardCodecs.SldColorMap(),
            new StandardCodecs.JsonValue()));

    private final List<ComplexCodec<?>> complex;
    private final Map<Class<?>, LiteralCodec<?>> literals = new LinkedHashMap<>();

    CodecRegistry(List<ComplexCodec<?>> complex) {
        this.complex = List.copyOf(complex);
        literal(LiteralCodec.of(String.class, "xs:string", v -> v));
        literal(LiteralCodec.of(Integer.class, "xs:int", Integer::valueOf));
        literal(LiteralCodec.of(Long.class, "xs:long", Long::valueOf));
        literal(LiteralCodec.of(Double.class, "xs:double", Double::valueOf));
        literal(LiteralCodec.of(Float.class, "xs:double", Float::valueOf));
        literal(LiteralCodec.of(Boolean.class, "xs:boolean", v -> v.equalsIgnoreCase("true") ? Boolean.TRUE
                : v.equalsIgnoreCase("false") ? Boolean.FALSE : null));
    }

    private void literal(LiteralCodec<?> codec) {
        literals.put(codec.type(), codec);
    }

    /** The codecs esvflow ships. */
    public static CodecRegistry standard() {
        return STANDARD;
    }

    public boolean isLiteral(Class<?> type) {
        return literals.containsKey(box(type)) || type.isEnum();
    }

    /** The literal codec of {@code type}; an unsupported type is reported against {@code input}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> LiteralCodec<T> literal(Class<T> type, String input) {
        Class<?> boxed = box(type);
        LiteralCodec<?> codec = literals.get(boxed);
        if (codec != null) return (LiteralCodec<T>) codec;
        if (type.isEnum()) return (LiteralCodec<T>) LiteralCodec.ofEnum((Class) type);
        throw new InvalidInputException(input, "literal values of type " + type.getSimpleName() + " are not supported");
    }

    /** Codecs able to decode or encode {@code type}, its default first; empty for literals. */
    public List<ComplexCodec<?>> complex(Class<?> type) {
        if (isLiteral(type)) return List.of();
        List<ComplexCodec<?>> out = new ArrayList<>();
        for (ComplexCodec<?> c : complex) {
            if (c.type() == Object.class ? out.isEmpty() : c.type().isAssignableFrom(type)) out.add(c);
        }
        return out;
    }

    /** MIME types {@code type} travels as, its default first. */
    public List<String> mimeTypes(Class<?> type) {
        return complex(type).stream().map(ComplexCodec::mimeType).distinct().toList();
    }

    /** The codec of {@code type} for {@code mime} (parameters such as {@code ; charset} ignored), or the default when null. */
    public ComplexCodec<?> decoder(Class<?> type, String mime, String input) {
        List<ComplexCodec<?>> codecs = complex(type);
        if (codecs.isEmpty()) throw new InvalidInputException(input, "inputs of type " + type.getSimpleName() + " cannot be decoded");
        if (mime == null || mime.isBlank()) return codecs.get(0);
        String m = normalize(mime);
        for (ComplexCodec<?> c : codecs) if (c.mimeType().equals(m)) return c;
        throw new InvalidInputException(input, type.getSimpleName() + " cannot be read as " + m + "; use one of "
                + mimeTypes(type));
    }

    /** The codec of {@code type} whose extension {@code fileName} has, or the type's default (a CSV named .txt). */
    public ComplexCodec<?> decoderForFile(Class<?> type, String fileName, String input) {
        String mime = mimeType(fileName);
        for (ComplexCodec<?> c : complex(type)) if (c.mimeType().equals(mime)) return c;
        return decoder(type, null, input);
    }

    /**
     * The codec that writes {@code value} as {@code mime}; with a null MIME type the value's default (a document's own
     * type). Null when the value cannot be written in that MIME type.
     */
    public ComplexCodec<?> encoder(Object value, String mime) {
        String m = mime == null ? null : normalize(mime);
        for (ComplexCodec<?> c : complex) {
            if (c.type() != Object.class && c.accepts(value) && (m == null || c.mimeType().equals(m))) return c;
        }
        ComplexCodec<?> json = complex.get(complex.size() - 1);
        boolean known = complex.stream().anyMatch(c -> c.type() != Object.class && c.type().isInstance(value));
        return !known && (m == null || m.equals(JSON)) ? json : null;
    }

    /** The file-name extension (no dot) of content in {@code mime}; {@code bin} when no codec speaks it. */
    public String extension(String mime) {
        if (mime == null) return "bin";
        String m = normalize(mime);
        for (ComplexCodec<?> c : complex) if (c.mimeType().equals(m)) return c.fileExtension();
        return m.equals(TEXT) ? "txt" : "bin";
    }

    /** The MIME type of a file by its extension ({@code .tiff}, {@code .geojson}, {@code .txt} included); octet-stream when unknown. */
    public String mimeType(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        String ext = f.substring(f.lastIndexOf('.') + 1);
        if (ext.equals("tiff")) return GEOTIFF;
        if (ext.equals("geojson")) return GEOJSON;
        if (ext.equals("txt")) return TEXT;
        if (ext.equals("xml") && f.endsWith(".sld.xml")) return org.esvflow.style.Sld.MIME_TYPE;
        for (ComplexCodec<?> c : complex) if (c.fileExtension().equals(ext)) return c.mimeType();
        return OCTET_STREAM;
    }

    /** Whether content in {@code mime} is binary (base64 inside XML). */
    public boolean binary(String mime) {
        String m = normalize(mime);
        for (ComplexCodec<?> c : complex) if (c.mimeType().equals(m)) return c.binary();
        return m.startsWith("image/") || m.equals(OCTET_STREAM);
    }

    private static String normalize(String mime) {
        return mime.toLowerCase(Locale.ROOT).split(";")[0].trim();
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == double.class) return Double.class;
        if (type == float.class) return Float.class;
        if (type == boolean.class) return Boolean.class;
        return type;
    }
}
