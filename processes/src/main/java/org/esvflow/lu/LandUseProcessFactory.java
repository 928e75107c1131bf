package org.esvflow.lu;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Land-use processes, namespace {@code lu}. */
public class LandUseProcessFactory extends AnnotatedBeanProcessFactory {
    public LandUseProcessFactory() {
        super(Text.text("esvflow land use"), Namespaces.LAND_USE, ClassAreaProcess.class, AlignGridProcess.class, CalcProcess.class,
                TransferMatrixProcess.class);
    }
}
