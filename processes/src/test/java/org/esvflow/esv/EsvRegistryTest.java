package org.esvflow.esv;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;
import org.junit.jupiter.api.Test;

class EsvRegistryTest {
    @Test
    void processesAreListedAndDescribed() {
        Set<String> names = Processors.getProcessFactories().stream().flatMap(f -> f.getNames().stream())
                .map(n -> n.getNamespaceURI() + ":" + n.getLocalPart()).collect(Collectors.toSet());
        for (String p : new String[] {"esv:Value", "esv:Change", "esv:Sensitivity", "esv:ZonalSummary", "esv:Fishnet",
            "esv:HotSpots", "esv:StandardEquivalent", "lu:TransferMatrix"}) {
            assertTrue(names.contains(p), p + " in " + names);
            String[] parts = p.split(":");
            Name name = new NameImpl(parts[0], parts[1]);
            ProcessFactory factory = Processors.createProcessFactory(name);
            assertNotNull(factory, p);
            assertTrue(factory.getDescription(name).toString().length() > 50, p);
            assertTrue(!factory.getParameterInfo(name).isEmpty(), p);
            assertTrue(!factory.getResultInfo(name, null).isEmpty(), p);
            assertNotNull(factory.create(name), p);
        }
        String valueDescription = Processors.createProcessFactory(new NameImpl("esv", "Value"))
                .getDescription(new NameImpl("esv", "Value")).toString();
        assertTrue(valueDescription.contains("coniferous, steppe, meadow, glacier_snow"), valueDescription);
    }
}
