package org.esvflow.esv;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Ecosystem-service value processes, namespace {@code esv}. */
public class EsvProcessFactory extends AnnotatedBeanProcessFactory {
    public EsvProcessFactory() {
        super(Text.text("esvflow ecosystem-service value"), Namespaces.ESV, ValueProcess.class, ChangeProcess.class,
                SensitivityProcess.class, ZonalSummaryProcess.class, FishnetProcess.class, HotSpotsProcess.class,
                StandardEquivalentProcess.class, CorrectionReferenceProcess.class);
    }
}
