package org.esvflow.routes.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.esvflow.routes.wps.ExecuteStatus;
import org.esvflow.routes.wps.WpsClient;
import org.esvflow.routes.wps.WpsException;
import org.esvflow.routes.wps.WpsInput;
import org.esvflow.routes.wps.WpsOutput;

/**
 * Publishes a raster as a styled WMS layer through the WPS publish process ({@code gs:Import}, as on GeoServer):
 * the raster by reference, the layer named {@code <layer>_<time>} with {@code time} so that epochs become one
 * time-enabled layer.
 */
public final class Publisher {
    private final WpsClient wps;
    private final String process;

    public Publisher(WpsClient wps, String process) {
        this.wps = wps;
        this.process = process;
    }

    public String process() {
        return process;
    }

    /**
     * Returns the qualified layer name the server reports (or {@code workspace:name} when it reports none);
     * {@code executed} is told the publish execution's status location, if it has one.
     */
    public String publish(String href, String mime, String workspace, String layer, String style, String time,
            Consumer<String> executed) throws WpsException, InterruptedException {
        String name = time == null ? layer : layer + "_" + time;
        List<WpsInput> in = new ArrayList<>();
        in.add(WpsInput.reference("coverage", href, mime));
        in.add(WpsInput.literal("workspace", workspace));
        in.add(WpsInput.literal("name", name));
        if (style != null) in.add(WpsInput.literal("styleName", style));
        if (time != null) in.add(WpsInput.literal("time", time));
        ExecuteStatus s = wps.execute(process, in, List.of(), x -> {});
        if (s.statusLocation() != null) executed.accept(s.statusLocation());
        for (WpsOutput o : s.outputs().values()) {
            if (o.value() != null && !o.value().isBlank()) return o.value();
        }
        return workspace + ":" + name;
    }
}
