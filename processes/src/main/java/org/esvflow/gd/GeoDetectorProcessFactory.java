package org.esvflow.gd;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Geographical detector processes, namespace {@code gd}. */
public class GeoDetectorProcessFactory extends AnnotatedBeanProcessFactory {
    public GeoDetectorProcessFactory() {
        super(Text.text("esvflow geographical detector"), Namespaces.GEODETECTOR, SampleProcess.class,
                DiscretizeProcess.class, OptimizeProcess.class, DetectProcess.class, DetectRasterProcess.class);
    }
}
