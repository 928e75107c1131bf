package org.esvflow.routes.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.esvflow.routes.pipeline.PipelineConfig;
import org.esvflow.routes.pipeline.PipelineListener;
import org.esvflow.routes.pipeline.StudyPipeline;

/** {@code RunStudy WPS_URL MANIFEST OUT}: runs a study in its own JVM, so a test can kill it mid-run. */
public final class RunStudy {
    private RunStudy() {}

    public static void main(String[] args) throws Exception {
        PipelineConfig c = PipelineConfig.load();
        c.wpsUrl = args[0];
        c.minPollInterval = Duration.ofMillis(5);
        c.maxPollInterval = Duration.ofMillis(50);
        try (StudyPipeline p = StudyPipeline.start(c, PipelineListener.NONE)) {
            p.run(Path.of(args[1]), Path.of(args[2]));
        }
    }
}
