package org.esvflow.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.raster.GeoTiffs;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;
import org.esvflow.vector.GeoJson;
import org.geotools.api.coverage.grid.GridCoverage;
import org.geotools.api.data.Parameter;
import org.geotools.feature.FeatureCollection;
import org.geotools.util.Converters;

/**
 * Turns {@code name=value} arguments into process inputs: files for rasters (GeoTIFF), features (GeoJSON) and tables
 * (CSV); literals converted to the declared type. Repeating a name, or separating values with commas, gives a
 * multi-valued input.
 */
final class InputDecoder {
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

    static Object decodeOne(Parameter<?> p, String value) {
        Class<?> type = p.getType();
        String name = p.getName();
        if (GridCoverage.class.isAssignableFrom(type)) return GeoTiffs.read(existing(name, value).toFile(), name);
        if (FeatureCollection.class.isAssignableFrom(type)) return GeoJson.read(existing(name, value), name);
        if (Table.class.isAssignableFrom(type)) {
            try {
                return Csv.read(existing(name, value));
            } catch (IOException e) {
                throw new InvalidInputException(name, "cannot read CSV " + value + ": " + e.getMessage(), e);
            }
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(value.replace('-', '_'))) return constant;
            }
            throw new InvalidInputException(name, "'" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        if (type == File.class) return existing(name, value).toFile();
        Object converted = Converters.convert(value, type);
        if (converted == null) {
            throw new InvalidInputException(name, "'" + value + "' is not a valid " + type.getSimpleName().toLowerCase(Locale.ROOT));
        }
        if (converted instanceof Number n && p.metadata != null) checkRange(p, n);
        return converted;
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
