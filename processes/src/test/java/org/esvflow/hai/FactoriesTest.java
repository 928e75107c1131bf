package org.esvflow.hai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.geotools.api.feature.type.Name;
import org.geotools.feature.NameImpl;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;
import org.junit.jupiter.api.Test;

/** The rsei and hai processes are found through the SPI under their names, with their declared outputs. */
class FactoriesTest {

    @Test
    void processesAreRegisteredWithTheirOutputs() {
        Map<String, String[]> expected = Map.of(
                "rsei:Rsei", new String[] {"rsei", "grade", "ndvi", "wet", "lst", "ndbsi", "pca", "grades", "statistics", "regions"},
                "rsei:RseiChange", new String[] {"difference", "transitions", "change", "statistics"},
                "hai:Hails", new String[] {"hails", "hailsGrade", "cells", "cellTable", "regions", "total", "classes"},
                "hai:CompositeHai", new String[] {"regions", "regionWeights", "cells", "cellWeights", "cellHai"},
                "hai:HaiPanel", new String[] {"panel", "matrix", "weights"},
                "hai:LandUseIntensity", new String[] {"intensity", "regions", "total"});
        for (Map.Entry<String, String[]> e : expected.entrySet()) {
            String[] parts = e.getKey().split(":");
            Name name = new NameImpl(parts[0], parts[1]);
            ProcessFactory factory = Processors.createProcessFactory(name);
            assertNotNull(factory, e.getKey());
            Map<String, ?> results = factory.getResultInfo(name, null);
            assertEquals(e.getValue().length, results.size(), e.getKey() + " " + results.keySet());
            for (String output : e.getValue()) assertTrue(results.containsKey(output), e.getKey() + " lacks " + output);
        }
    }
}
