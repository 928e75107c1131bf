package org.esvflow.routes.pipeline;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;
import java.util.List;

/**
 * How a study run ended.
 *
 * @param executed steps run on the WPS server in this run
 * @param skipped steps whose outputs were kept from an earlier run
 * @param failed keys of the steps that failed or were blocked (each has a record in {@code failed/})
 * @param layers qualified WMS layer names published (one entry per granule)
 */
public record StudySummary(String study, @JsonSerialize(using = ToStringSerializer.class) Path output, int executed, int skipped, List<String> failed, List<String> layers,
        double seconds) {
    public boolean succeeded() {
        return failed.isEmpty();
    }
}
