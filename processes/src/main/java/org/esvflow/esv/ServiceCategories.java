package org.esvflow.esv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.esvflow.table.Csv;
import org.esvflow.table.Table;

/**
 * The four service categories of the Millennium Ecosystem Assessment that Xie et al. (2015) group their services
 * under: provisioning, regulating, supporting and cultural ({@code service_categories.csv}; Xie 2003 services by
 * convention). Services not listed (e.g. the single total of the Costanza tables) belong to no category.
 */
final class ServiceCategories {
    static final List<String> NAMES = List.of("provisioning", "regulating", "supporting", "cultural");

    private final Map<String, Integer> categoryByService;

    private ServiceCategories(Map<String, Integer> categoryByService) {
        this.categoryByService = categoryByService;
    }

    static ServiceCategories defaults() {
        try (InputStream in = ServiceCategories.class.getResourceAsStream("service_categories.csv")) {
            Table t = Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] services = t.strings("service"), categories = t.strings("category");
            Map<String, Integer> map = new HashMap<>();
            for (int r = 0; r < services.length; r++) {
                int c = NAMES.indexOf(categories[r].trim().toLowerCase(Locale.ROOT));
                if (c < 0) throw new IllegalStateException("service_categories.csv: unknown category " + categories[r]);
                map.put(services[r].trim(), c);
            }
            return new ServiceCategories(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read service_categories.csv", e);
        }
    }

    /** Per service: index in {@link #NAMES}, or -1 when the service belongs to no category. */
    int[] of(List<String> services) {
        int[] c = new int[services.size()];
        for (int s = 0; s < c.length; s++) c[s] = categoryByService.getOrDefault(services.get(s), -1);
        return c;
    }
}
