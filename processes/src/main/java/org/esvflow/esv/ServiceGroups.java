package org.esvflow.esv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.process.InvalidInputException;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * Which correction factor multiplies each service in the dynamic correction: NPP (P), precipitation (R) or soil
 * conservation (S); services not listed are not corrected. The default table (UNVERIFIED grouping, METHODS.md §1)
 * covers the service names of Xie 2015 and Xie 2003.
 */
public final class ServiceGroups {
    /** A correction factor: the ratio of a raster's value to its mean. */
    public enum Factor {
        NPP("npp"), PRECIPITATION("precipitation"), SOIL_CONSERVATION("soilConservation");

        final String key;

        Factor(String key) {
            this.key = key;
        }

        /** The input name of the raster behind this factor. */
        public String key() {
            return key;
        }

        static Factor parse(String s) {
            String k = s.trim().toLowerCase(Locale.ROOT).replace("_", "");
            for (Factor f : values()) if (f.key.toLowerCase(Locale.ROOT).equals(k) || f.name().replace("_", "").equalsIgnoreCase(k)) return f;
            return null;
        }
    }

    private final Map<String, Factor> factorByService;

    private ServiceGroups(Map<String, Factor> factorByService) {
        this.factorByService = factorByService;
    }

    public static ServiceGroups defaults() {
        try (InputStream in = ServiceGroups.class.getResourceAsStream("service_groups.csv")) {
            return of(Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8)), "serviceGroups");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read service_groups.csv", e);
        }
    }

    /** Columns {@code service,factor}; factor is npp, precipitation, soilConservation or none. */
    public static ServiceGroups of(Table table, String input) {
        if (table.indexOf("service") < 0 || table.indexOf("factor") < 0) {
            throw new InvalidInputException(input, "needs columns 'service' and 'factor', got " + table.columns());
        }
        String[] services = table.strings("service"), factors = table.strings("factor");
        Map<String, Factor> map = new LinkedHashMap<>();
        for (int r = 0; r < services.length; r++) {
            if (services[r] == null) continue;
            String f = factors[r] == null ? "none" : factors[r].trim();
            if (f.equalsIgnoreCase("none") || f.isEmpty()) continue;
            Factor factor = Factor.parse(f);
            if (factor == null) {
                throw new InvalidInputException(input, "service '" + services[r] + "': factor must be npp, precipitation, "
                        + "soilConservation or none, got '" + f + "'");
            }
            map.put(services[r].trim(), factor);
        }
        return new ServiceGroups(map);
    }

    /** Factor of a service, or null when it is not corrected. */
    public Factor factor(String service) {
        return factorByService.get(service);
    }

    /** Per service: factor ordinal, or -1 when not corrected. */
    public int[] groups(List<String> services) {
        int[] g = new int[services.size()];
        for (int s = 0; s < g.length; s++) {
            Factor f = factorByService.get(services.get(s));
            g[s] = f == null ? -1 : f.ordinal();
        }
        return g;
    }
}
