package org.esvflow.server.testing;

import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Test-only processes, namespace {@code test}, listed through the SPI from src/test/resources. */
public class TestProcessFactory extends AnnotatedBeanProcessFactory {
    public TestProcessFactory() {
        super(Text.text("esvflow test processes"), "test", SlowProcess.class);
    }
}
