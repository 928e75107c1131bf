package org.esvflow.figure;

import org.esvflow.process.Namespaces;
import org.geotools.process.factory.AnnotatedBeanProcessFactory;
import org.geotools.text.Text;

/** Publication figures, namespace {@code fig}. */
public class FigureProcessFactory extends AnnotatedBeanProcessFactory {
    public FigureProcessFactory() {
        super(Text.text("esvflow figures"), Namespaces.FIGURE, MapPanelsProcess.class);
    }
}
