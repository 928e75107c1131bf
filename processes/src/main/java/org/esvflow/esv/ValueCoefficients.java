package org.esvflow.esv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * A coefficient table: for each ecosystem type, one value per service per hectare per year, either in standard
 * equivalents (multiplied by the value D of one equivalent) or directly in currency (unit-value tables).
 * Rows may carry a verification flag; flags starting with {@code UNVERIFIED} are surfaced to users.
 */
public final class ValueCoefficients {
    /** Columns that are not services. */
    private static final Set<String> TEXT_COLUMNS =
            Set.of("type_code", "type_en", "type_zh", "type_name", "verification", "source", "xie2015_types");

    /** What one table value means. */
    public enum Unit {
        /** Standard equivalents per ha per year: value coefficient = value · D. */
        EQUIVALENT,
        /** Currency per ha per year (the table's own currency and year): value coefficient = value · scale. */
        CURRENCY
    }

    /** The tables shipped with esvflow (see README.md beside the CSV files for citations). */
    public enum Preset {
        XIE2015("xie2015.csv", Unit.EQUIVALENT, "Xie et al. 2015, 14 sub-types × 11 services, equivalents"),
        XIE2003("xie2003.csv", Unit.EQUIVALENT, "Xie et al. 2003, 6 types × 9 services, equivalents"),
        COSTANZA1997("costanza1997.csv", Unit.CURRENCY, "Costanza et al. 1997, USD(1994)/ha/yr totals per biome"),
        COSTANZA2014("costanza2014.csv", Unit.CURRENCY, "Costanza et al. 2014, USD(2007)/ha/yr totals per biome"),
        DEGROOT2012("degroot2012.csv", Unit.CURRENCY, "de Groot et al. 2012, USD(2007)/ha/yr totals per biome");

        final String resource;
        final Unit unit;
        final String citation;

        Preset(String resource, Unit unit, String citation) {
            this.resource = resource;
            this.unit = unit;
            this.citation = citation;
        }

        public Unit unit() {
            return unit;
        }

        public String citation() {
            return citation;
        }
    }

    private final String name;
    private final Unit unit;
    private final List<String> types;
    private final List<String> services;
    private final double[][] values; // [type][service]; NaN = not available
    private final List<String> verification;
    private final Map<String, Integer> crosswalk; // Xie 2015 sub-type -> row of this table

    private ValueCoefficients(String name, Unit unit, List<String> types, List<String> services, double[][] values,
                              List<String> verification, Map<String, Integer> crosswalk) {
        this.name = name;
        this.unit = unit;
        this.types = List.copyOf(types);
        this.services = List.copyOf(services);
        this.values = values;
        this.verification = List.copyOf(verification);
        this.crosswalk = crosswalk;
    }

    public static ValueCoefficients preset(Preset preset) {
        try (InputStream in = ValueCoefficients.class.getResourceAsStream(preset.resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + preset.resource);
            Table table = Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            return of(table, preset.name(), preset.unit, "coefficients");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + preset.resource, e);
        }
    }

    /**
     * A table with a {@code type_code} column and one numeric column per service; optional text columns
     * {@code verification}, {@code type_name}/{@code type_en}, {@code xie2015_types} (crosswalk, ';'-separated).
     */
    public static ValueCoefficients of(Table table, String name, Unit unit, String input) {
        if (table.indexOf("type_code") < 0) {
            throw new InvalidInputException(input, "a coefficient table needs a 'type_code' column, got " + table.columns());
        }
        List<String> services = new ArrayList<>();
        for (String c : table.columns()) if (!TEXT_COLUMNS.contains(c)) services.add(c);
        if (services.isEmpty()) throw new InvalidInputException(input, "no service columns in " + table.columns());
        String[] codes = table.strings("type_code");
        List<String> types = new ArrayList<>();
        for (int r = 0; r < codes.length; r++) {
            String code = codes[r] == null ? "" : codes[r].trim();
            if (code.isEmpty()) throw new InvalidInputException(input, "row " + (r + 1) + " has no type_code");
            if (types.contains(code)) throw new InvalidInputException(input, "type_code '" + code + "' appears twice");
            types.add(code);
        }
        double[][] values = new double[types.size()][services.size()];
        for (int s = 0; s < services.size(); s++) {
            int column = table.indexOf(services.get(s));
            for (int r = 0; r < types.size(); r++) {
                Object v = table.rows().get(r)[column];
                if (v == null) values[r][s] = Double.NaN;
                else if (v instanceof Number n) values[r][s] = n.doubleValue();
                else throw new InvalidInputException(input, "service '" + services.get(s) + "' of type '" + types.get(r)
                            + "' is not a number: '" + v + "'");
            }
        }
        List<String> verification = new ArrayList<>();
        String[] flags = table.indexOf("verification") >= 0 ? table.strings("verification") : new String[types.size()];
        for (String f : flags) verification.add(f == null ? "" : f.trim());
        Map<String, Integer> crosswalk = new LinkedHashMap<>();
        if (table.indexOf("xie2015_types") >= 0) {
            String[] cw = table.strings("xie2015_types");
            for (int r = 0; r < cw.length; r++) {
                if (cw[r] == null) continue;
                for (String t : cw[r].split(";")) if (!t.isBlank()) crosswalk.put(t.trim(), r);
            }
        }
        return new ValueCoefficients(name, unit, types, services, values, verification, crosswalk);
    }

    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    public List<String> types() {
        return types;
    }

    public List<String> services() {
        return services;
    }

    /** Table value of {@code type} for {@code service} (equivalents or currency per ha per year; NaN if missing). */
    public double value(int type, int service) {
        return values[type][service];
    }

    /** Row of a type named directly, or through the Xie 2015 crosswalk; -1 when neither exists. */
    public int typeIndex(String type) {
        int direct = types.indexOf(type);
        if (direct >= 0) return direct;
        Integer viaCrosswalk = crosswalk.get(type);
        return viaCrosswalk == null ? -1 : viaCrosswalk;
    }

    public String verification(int type) {
        return verification.get(type);
    }

    public boolean isUnverified(int type) {
        return verification.get(type).toUpperCase(java.util.Locale.ROOT).startsWith("UNVERIFIED");
    }

    /** Types whose verification flag starts with UNVERIFIED, with the flag, e.g. {@code coniferous (UNVERIFIED_MEMORY)}. */
    public List<String> unverifiedTypes() {
        List<String> list = new ArrayList<>();
        for (int t = 0; t < types.size(); t++) if (isUnverified(t)) list.add(types.get(t) + " (" + verification.get(t) + ")");
        return list;
    }
}
