package org.esvflow.server.wps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geotools.api.data.Parameter;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;

/**
 * The processes this server offers: every process the GeoTools {@code ProcessFactory} SPI lists
 * ({@link Processors#getProcessFactories()}), as GeoServer's WPS serves them, plus the server's own catalog
 * processes ({@code gs:Import}). The server knows nothing of what a process computes.
 */
public final class ProcessRegistry {
    /** A named process and the factory that creates it. */
    public record Entry(Name name, ProcessFactory factory) {
        public String id() {
            return name.getNamespaceURI() + ":" + name.getLocalPart();
        }

        public Map<String, Parameter<?>> inputs() {
            return factory.getParameterInfo(name);
        }

        public Map<String, Parameter<?>> outputs() {
            return factory.getResultInfo(name, null);
        }

        public String title() {
            return String.valueOf(factory.getTitle(name));
        }

        public String description() {
            Object d = factory.getDescription(name);
            return d == null ? title() : String.valueOf(d);
        }

        public String version() {
            String v = factory.getVersion(name);
            return v == null ? "1.0.0" : v;
        }
    }

    private final List<ProcessFactory> internal;

    public ProcessRegistry(List<ProcessFactory> internal) {
        this.internal = List.copyOf(internal);
    }

    /** All processes, sorted by identifier. */
    public List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        List<ProcessFactory> factories = new ArrayList<>(internal);
        Set<ProcessFactory> spi = Processors.getProcessFactories();
        factories.addAll(spi);
        for (ProcessFactory f : factories) {
            if (!f.isAvailable()) continue;
            for (Name n : f.getNames()) out.add(new Entry(n, f));
        }
        out.sort(Comparator.comparing(Entry::id));
        return out;
    }

    /** The process called {@code prefix:Name}, or null. */
    public Entry find(String identifier) {
        if (identifier == null) return null;
        int colon = identifier.indexOf(':');
        if (colon <= 0) return null;
        Name name = new NameImpl(identifier.substring(0, colon), identifier.substring(colon + 1));
        for (ProcessFactory f : internal) {
            if (f.getNames().contains(name)) return new Entry(name, f);
        }
        for (ProcessFactory f : Processors.getProcessFactories()) {
            if (f.isAvailable() && f.getNames().contains(name)) return new Entry(name, f);
        }
        return null;
    }
}
