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
    /** The annotated bean class behind a process: esv:Value → org.esvflow.esv.ValueProcess. */
    static Class<?> processClass(ProcessFactory factory, Name name) throws ClassNotFoundException {
        String pkg = name.getNamespaceURI().equals("lu") ? "org.esvflow.lu." : "org.esvflow.esv.";
        return Class.forName(pkg + name.getLocalPart() + "Process");
    }

    @Test
    void processesAreListedAndDescribed() throws Exception {
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
            // the result record's components are exactly the described results
            java.util.Optional<Class<?>> record = java.util.Optional.empty();
            for (Class<?> inner : processClass(factory, name).getDeclaredClasses()) if (inner.isRecord()) record = java.util.Optional.of(inner);
            if (record.isPresent()) {
                Set<String> components = java.util.Arrays.stream(record.get().getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());
                assertTrue(components.equals(factory.getResultInfo(name, null).keySet()), p + ": " + components + " vs "
                        + factory.getResultInfo(name, null).keySet());
            }
        }
        String valueDescription = Processors.createProcessFactory(new NameImpl("esv", "Value"))
                .getDescription(new NameImpl("esv", "Value")).toString();
        assertTrue(valueDescription.contains("coniferous, steppe, meadow, glacier_snow"), valueDescription);
    }
}
