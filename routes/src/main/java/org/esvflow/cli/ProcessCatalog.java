package org.esvflow.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.esvflow.process.InvalidInputException;
import org.esvflow.process.Namespaces;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;

/** The processes visible through the GeoTools {@code ProcessFactory} SPI, as the WPS sees them. */
final class ProcessCatalog {
    static final Set<String> OWN = Set.of(Namespaces.LAND_USE, Namespaces.ESV, Namespaces.RSEI, Namespaces.HAI, Namespaces.GEODETECTOR,
            Namespaces.FIGURE);

    private ProcessCatalog() {}

    static List<Name> names(boolean includeGeoTools) {
        List<Name> names = new ArrayList<>();
        for (ProcessFactory factory : Processors.getProcessFactories()) {
            for (Name name : factory.getNames()) {
                if (includeGeoTools || OWN.contains(name.getNamespaceURI())) names.add(name);
            }
        }
        names.sort(Comparator.comparing(ProcessCatalog::qualified));
        return names;
    }

    static String qualified(Name name) {
        return name.getNamespaceURI() + ":" + name.getLocalPart();
    }

    /** Looks a process up by {@code prefix:Name}. */
    static Name parse(String qualified) {
        int colon = qualified.indexOf(':');
        if (colon <= 0) throw new InvalidInputException("process", "expected prefix:Name, e.g. lu:ClassArea, got '" + qualified + "'");
        Name name = new NameImpl(qualified.substring(0, colon), qualified.substring(colon + 1));
        if (Processors.createProcessFactory(name) == null) {
            throw new InvalidInputException("process", "no process named '" + qualified + "' (see esvflow list)");
        }
        return name;
    }

    static ProcessFactory factory(Name name) {
        return Processors.createProcessFactory(name);
    }
}
