package org.esvflow.hai;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Human activity intensity processes, namespace {@code hai}. */
public class HaiProcessFactory extends AnnotatedBeanProcessFactory {
    public HaiProcessFactory() {
        super(Text.text("esvflow human activity intensity"), Namespaces.HAI, HailsProcess.class,
                CompositeHaiProcess.class, HaiPanelProcess.class, LandUseIntensityProcess.class);
    }
}
