package org.esvflow.process;

import java.util.Set;
import org.geotools.api.util.ProgressListener;
import org.geotools.data.util.DelegateProgressListener;
import org.geotools.data.util.NullProgressListener;

/**
 * Which outputs of an execution its caller will use (a WPS ResponseDocument or RawDataOutput, the CLI's
 * {@code --outputs}), told to the process through its progress listener so process signatures stay GeoServer's. A
 * process may skip the work only unrequested outputs need; it returns them or not, as it likes. A listener that does
 * not implement this interface (GeoServer's, or none) asks for every output.
 */
public interface OutputSelection {
    /** True when the caller will use {@code output}. */
    boolean requested(String output);

    /** True unless {@code monitor} selects outputs and {@code output} is not among them. */
    static boolean requested(ProgressListener monitor, String output) {
        return !(monitor instanceof OutputSelection s) || s.requested(output);
    }

    /** {@code delegate} (or no listener when null), asking for {@code outputs} only; every output when null. */
    static ProgressListener only(Set<String> outputs, ProgressListener delegate) {
        ProgressListener d = delegate != null ? delegate : new NullProgressListener();
        if (outputs == null) return d;
        final class Selecting extends DelegateProgressListener implements OutputSelection {
            Selecting() {
                super(d);
            }

            @Override
            public boolean requested(String output) {
                return outputs.contains(output);
            }
        }
        return new Selecting();
    }
}
