package org.esvflow.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.server.codec.CodecRegistry;
import org.esvflow.server.codec.ComplexCodec;
import org.geotools.api.data.Parameter;

/**
 * Turns {@code name=value} arguments into process inputs through the codec registry the WPS server uses: files for
 * rasters (GeoTIFF), features (GeoJSON) and tables (CSV, or JSON by extension); literals parsed as WPS parses them. Repeating a name, or separating values with commas, gives a
 * multi-valued input.
 */
final class InputDecoder {
    private static final CodecRegistry CODECS = CodecRegistry.standard();
    private final Map<String, Parameter<?>> declared;

    InputDecoder(Map<String, Parameter<?>> declared) {
        this.declared = declared;
    }

    Map<String, Object> decode(List<String> arguments) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) throw new InvalidInputException(argument, "expected name=value");
            String name = argument.substring(0, eq);
            if (!declared.containsKey(name)) {
                throw new InvalidInputException(name, "not an input of this process; inputs are " + declared.keySet());
            }
            raw.computeIfAbsent(name, k -> new ArrayList<>()).add(argument.substring(eq + 1));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Parameter<?> p : declared.values()) {
            List<String> values = raw.get(p.getName());
            if (values == null) {
                if (p.getMinOccurs() > 0 && p.getDefaultValue() == null) {
                    throw new InvalidInputException(p.getName(), "is required (" + TypeNames.of(p.getType()) + ")");
                }
                continue;
            }
            boolean multi = p.getMaxOccurs() > 1 || p.getMaxOccurs() < 0;
            List<String> split = new ArrayList<>();
            for (String v : values) {
                if (multi) for (String part : v.split(",")) split.add(part.trim());
                else split.add(v);
            }
            if (!multi && split.size() > 1) throw new InvalidInputException(p.getName(), "takes one value, got " + split.size());
            if (multi && p.getMaxOccurs() > 0 && split.size() > p.getMaxOccurs()) {
                throw new InvalidInputException(p.getName(), "takes at most " + p.getMaxOccurs() + " values, got " + split.size());
            }
            List<Object> decoded = new ArrayList<>();
            for (String v : split) decoded.add(decodeOne(p, v));
            inputs.put(p.getName(), multi ? decoded : decoded.get(0));
        }
        return inputs;
    }

    /** One value: a file path decoded by the registry's default codec of the type, or a literal's text. */
    static Object decodeOne(Parameter<?> p, String value) {
        Class<?> type = p.getType();
        String name = p.getName();
        if (type == File.class) return existing(name, value).toFile();
        if (CODECS.isLiteral(type)) {
            Object literal = CODECS.literal(type, name).decode(value, name);
            if (literal instanceof Number n && p.metadata != null) checkRange(p, n);
            return literal;
        }
        Path file = existing(name, value);
        ComplexCodec<?> codec = CODECS.decoderForFile(type, file.getFileName().toString(), name);
        try {
            return codec.decode(file, name);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read " + value + ": " + e.getMessage(), e);
        }
    }

    private static void checkRange(Parameter<?> p, Number n) {
        Object min = p.metadata.get(Parameter.MIN), max = p.metadata.get(Parameter.MAX);
        if (min instanceof Number lo && n.doubleValue() < lo.doubleValue()
                || max instanceof Number hi && n.doubleValue() > hi.doubleValue()) {
            throw new InvalidInputException(p.getName(), n + " is outside [" + min + ", " + max + "]");
        }
    }

    private static Path existing(String name, String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) throw new InvalidInputException(name, "file not found: " + value);
        return path;
    }
}
