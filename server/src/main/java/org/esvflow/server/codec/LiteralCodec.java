package org.esvflow.server.codec;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;

/**
 * Text form of a literal input or output (string, number, boolean, enumeration), like GeoServer's
 * {@code LiteralPPIO}: {@link #type()} ↔ {@code getType()}, {@link #decode(String, String)} ↔ {@code decode(String)},
 * {@link #encode(Object)} ↔ {@code encode(Object)}; {@link #xsdType()} is the data type DescribeProcess reports.
 */
public final class LiteralCodec<T> {
    private final Class<T> type;
    private final String xsdType;
    private final Function<String, T> parse;

    private LiteralCodec(Class<T> type, String xsdType, Function<String, T> parse) {
        this.type = type;
        this.xsdType = xsdType;
        this.parse = parse;
    }

    static <T> LiteralCodec<T> of(Class<T> type, String xsdType, Function<String, T> parse) {
        return new LiteralCodec<>(type, xsdType, parse);
    }

    /** Enumerations: a constant's name in any case, {@code -} standing for {@code _}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> LiteralCodec<T> ofEnum(Class<T> type) {
        return new LiteralCodec<>(type, "xs:string", v -> {
            for (T c : type.getEnumConstants()) {
                if (((Enum) c).name().equalsIgnoreCase(v.replace('-', '_'))) return c;
            }
            return null;
        });
    }

    public Class<T> type() {
        return type;
    }

    /** The XML Schema data type, as WPS DescribeProcess reports it ({@code xs:int}, {@code xs:double}, ...). */
    public String xsdType() {
        return xsdType;
    }

    /** Parses {@code text}; a bad value is the user's mistake, reported against {@code input}. */
    public T decode(String text, String input) {
        String v = type == String.class ? text : text.trim();
        T value;
        try {
            value = parse.apply(v);
        } catch (RuntimeException e) {
            value = null;
        }
        if (value != null) return value;
        if (type.isEnum()) {
            throw new InvalidInputException(input, "'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
        throw new InvalidInputException(input, "'" + text + "' is not a valid "
                + xsdType.substring(3).toLowerCase(Locale.ROOT).replace("int", "integer"));
    }

    /** Text of a value: doubles as the CSV tables write them (shortest round-trip form), enums by name. */
    public String encode(Object value) {
        if (value instanceof Double d) return Csv.format(d);
        if (value instanceof Enum<?> e) return e.name();
        return String.valueOf(value);
    }
}
