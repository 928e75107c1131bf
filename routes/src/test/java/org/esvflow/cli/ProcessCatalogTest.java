package org.esvflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import java.util.TreeSet;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;
import org.junit.jupiter.api.Test;

/** The CLI's direct factories for esvflow's namespaces give what the GeoTools SPI lookup gives. */
class ProcessCatalogTest {
    @Test
    void directFactoriesListTheSameProcessesAsTheSpi() {
        Set<String> bySpi = new TreeSet<>(), direct = new TreeSet<>();
        for (ProcessFactory f : Processors.getProcessFactories()) {
            for (Name n : f.getNames()) {
                if (ProcessCatalog.OWN.contains(n.getNamespaceURI())) bySpi.add(ProcessCatalog.qualified(n) + " " + f.getClass().getName());
            }
        }
        ProcessCatalog.OWN_FACTORIES.values().forEach(s -> {
            ProcessFactory f = s.get();
            for (Name n : f.getNames()) direct.add(ProcessCatalog.qualified(n) + " " + f.getClass().getName());
        });
        assertEquals(bySpi, direct);
        assertEquals(ProcessCatalog.OWN, ProcessCatalog.OWN_FACTORIES.keySet());
    }

    @Test
    void lookupByNameFindsTheOwningFactoryOrNothing() {
        Name value = new NameImpl("esv", "Value");
        assertSame(Processors.createProcessFactory(value).getClass(), ProcessCatalog.factory(value).getClass());
        assertNull(ProcessCatalog.factory(new NameImpl("esv", "NoSuchProcess")));
    }
}
