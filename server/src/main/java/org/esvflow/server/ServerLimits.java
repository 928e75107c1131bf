package org.esvflow.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * The server's limits by name, so that {@code esvflow serve --limit name=value} and the system properties
 * {@code esvflow.server.<name>} set the same {@link ServerConfig.Builder} fields. One entry per limit: a new limit is
 * one line in {@link #KEYS}. Sizes take {@code k}, {@code M}, {@code G} suffixes (powers of 1024, a trailing
 * {@code B} or {@code iB} ignored); durations {@code ms}, {@code s}, {@code m}, {@code h}, or ISO 8601 ({@code PT2H}).
 */
public final class ServerLimits {
    /** System property prefix. */
    public static final String PREFIX = "esvflow.server.";

    /** Name → setter from text. */
    public static final Map<String, BiConsumer<ServerConfig.Builder, String>> KEYS;

    static {
        Map<String, BiConsumer<ServerConfig.Builder, String>> k = new LinkedHashMap<>();
        k.put("maxRequestBytes", (b, v) -> b.maxRequestBytes(size(v)));
        k.put("maxInputBytes", (b, v) -> b.maxInputBytes(size(v)));
        k.put("maxInputPixels", (b, v) -> b.maxInputPixels(size(v)));
        k.put("maxMapPixels", (b, v) -> b.maxMapPixels(toInt(size(v))));
        k.put("maxMapWidth", (b, v) -> b.maxMapWidth(toInt(size(v))));
        k.put("maxMapHeight", (b, v) -> b.maxMapHeight(toInt(size(v))));
        k.put("maxLayersPerMap", (b, v) -> b.maxLayersPerMap(toInt(size(v))));
        k.put("maxRenderTime", (b, v) -> b.maxRenderTime(duration(v)));
        k.put("maxSyncExecutions", (b, v) -> b.maxSyncExecutions(toInt(size(v))));
        k.put("maxAsyncExecutions", (b, v) -> b.maxAsyncExecutions(toInt(size(v))));
        k.put("maxQueuedExecutions", (b, v) -> b.maxQueuedExecutions(toInt(size(v))));
        k.put("maxExecutionTime", (b, v) -> b.maxExecutionTime(duration(v)));
        k.put("resultExpiry", (b, v) -> b.resultExpiry(duration(v)));
        k.put("maxChainDepth", (b, v) -> b.maxChainDepth(toInt(size(v))));
        k.put("adminPassword", ServerConfig.Builder::adminPassword);
        // what one request may make the server read (InputLimits)
        k.put("maxBlockBytes", (b, v) -> b.inputLimits(b.inputLimitsSoFar().withMaxBlockBytes(size(v))));
        k.put("maxXmlElements", (b, v) -> { InputLimits l = b.inputLimitsSoFar(); b.inputLimits(l.withXml(toInt(size(v)), l.maxXmlDepth(), l.maxXmlTextBytes())); });
        k.put("maxXmlDepth", (b, v) -> { InputLimits l = b.inputLimitsSoFar(); b.inputLimits(l.withXml(l.maxXmlElements(), toInt(size(v)), l.maxXmlTextBytes())); });
        k.put("maxXmlTextBytes", (b, v) -> { InputLimits l = b.inputLimitsSoFar(); b.inputLimits(l.withXml(l.maxXmlElements(), l.maxXmlDepth(), size(v))); });
        k.put("referenceIdle", (b, v) -> { InputLimits l = b.inputLimitsSoFar(); b.inputLimits(l.withReferenceTimeouts(duration(v), l.referenceTotal())); });
        k.put("referenceTotal", (b, v) -> { InputLimits l = b.inputLimitsSoFar(); b.inputLimits(l.withReferenceTimeouts(l.referenceIdle(), duration(v))); });
        KEYS = Collections.unmodifiableMap(k);
    }

    private ServerLimits() {}

    static void apply(ServerConfig.Builder b, String name, String value) {
        BiConsumer<ServerConfig.Builder, String> setter = KEYS.get(name);
        if (setter == null) throw new IllegalArgumentException("unknown limit '" + name + "'; known: " + KEYS.keySet());
        try {
            setter.accept(b, value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": invalid value '" + value + "' (" + e.getMessage() + ")");
        }
    }

    static void applyAll(ServerConfig.Builder b, Properties props) {
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) apply(b, key.substring(PREFIX.length()), props.getProperty(key));
        }
    }

    /** A non-negative count or size: {@code 64M} = 64 × 2²⁰, {@code 2G}, {@code 1500}. */
    static long size(String v) {
        String s = v.trim().replaceAll("(?i)i?b$", "");
        long unit = 1;
        char last = s.isEmpty() ? ' ' : Character.toLowerCase(s.charAt(s.length() - 1));
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> unit = 1;
        }
        if (unit > 1) s = s.substring(0, s.length() - 1).trim();
        long n = Long.parseLong(s.replace("_", ""));
        if (n < 0) throw new IllegalArgumentException("must not be negative");
        return Math.multiplyExact(n, unit);
    }

    /** {@code 30s}, {@code 10m}, {@code 2h}, {@code 500ms} or ISO 8601 {@code PT2H}. */
    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) return positive(Duration.parse(v.trim()));
        if (s.endsWith("ms")) return positive(Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim())));
        long n = Long.parseLong(s.replaceAll("[smh]$", "").trim());
        return positive(switch (s.charAt(s.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        });
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("must be positive");
        return d;
    }

    private static int toInt(long n) {
        return Math.toIntExact(n);
    }
}
