package org.esvflow.server.ows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Key-value-pair request parameters; names are case-insensitive as OGC KVP encoding requires. Repeats are kept. */
public final class Kvp {
    private final Map<String, List<String>> values;

    private Kvp(Map<String, List<String>> values, boolean copy) {
        TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        values.forEach((k, v) -> map.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        this.values = Collections.unmodifiableMap(map);
    }

    /** Parameters with one value each. */
    public Kvp(Map<String, String> single) {
        this(toLists(single), true);
    }

    public static Kvp multi(Map<String, List<String>> values) {
        return new Kvp(values, true);
    }

    private static Map<String, List<String>> toLists(Map<String, String> single) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        single.forEach((k, v) -> m.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        return m;
    }

    public String get(String name) {
        List<String> v = values.get(name);
        if (v == null || v.isEmpty()) return null;
        String s = v.get(0);
        return s == null || s.isEmpty() ? null : s;
    }

    /** Every value of a repeated parameter (WCS {@code subset}). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public String get(String name, String fallback) {
        String v = get(name);
        return v == null ? fallback : v;
    }

    public String require(String name) {
        String v = get(name);
        if (v == null) throw OwsException.missing(name);
        return v;
    }

    public int requireInt(String name, int min, int max) {
        String v = require(name);
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) throw OwsException.invalid(name, name + " must be between " + min + " and " + max);
            return i;
        } catch (NumberFormatException e) {
            throw OwsException.invalid(name, name + " is not an integer: " + v);
        }
    }

    public boolean flag(String name) {
        String v = get(name);
        return v != null && v.trim().toLowerCase(Locale.ROOT).equals("true");
    }
}
