package org.esvflow.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.esvflow.process.InvalidInputException;
import org.esvflow.esv.EsvProcessFactory;
import org.esvflow.gd.GeoDetectorProcessFactory;
import org.esvflow.hai.HaiProcessFactory;
import org.esvflow.lu.LandUseProcessFactory;
import org.esvflow.process.Namespaces;
import org.esvflow.rsei.RseiProcessFactory;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;

/** The processes visible through the GeoTools {@code ProcessFactory} SPI, as the WPS sees them. */
final class ProcessCatalog {
    static final Set<String> OWN = Set.of(Namespaces.LAND_USE, Namespaces.ESV, Namespaces.RSEI, Namespaces.HAI, Namespaces.GEODETECTOR,
            Namespaces.FIGURE);

    /**
     * esvflow's own factories by namespace, created directly: looking a name up through {@link Processors} first
     * instantiates every factory on the class path (GeoTools' vector and raster processes, JAI operations), about
     * 0.5 s of a CLI run's start-up. Kept equal to the SPI file by ProcessCatalogTest.
     */
    static final Map<String, Supplier<ProcessFactory>> OWN_FACTORIES = Map.of(
            Namespaces.LAND_USE, LandUseProcessFactory::new,
            Namespaces.ESV, EsvProcessFactory::new,
            Namespaces.RSEI, RseiProcessFactory::new,
            Namespaces.HAI, HaiProcessFactory::new,
            Namespaces.GEODETECTOR, GeoDetectorProcessFactory::new,
            Namespaces.FIGURE, org.esvflow.figure.FigureProcessFactory::new);

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
        if (factory(name) == null) {
            throw new InvalidInputException("process", "no process named '" + qualified + "' (see esvflow list)");
        }
        return name;
    }

    static ProcessFactory factory(Name name) {
        Supplier<ProcessFactory> own = OWN_FACTORIES.get(name.getNamespaceURI());
        if (own == null) return Processors.createProcessFactory(name);
        ProcessFactory factory = own.get();
        return factory.getNames().contains(name) ? factory : null;
    }
}
