package org.esvflow.rsei;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Remote sensing ecological index processes, namespace {@code rsei}. */
public class RseiProcessFactory extends AnnotatedBeanProcessFactory {
    public RseiProcessFactory() {
        super(Text.text("esvflow remote sensing ecological index"), Namespaces.RSEI, RseiProcess.class,
                RseiChangeProcess.class);
    }
}
