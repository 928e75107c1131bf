package org.esvflow.routes.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.impl.DefaultCamelContext;
import org.esvflow.routes.manifest.ManifestException;
import org.esvflow.routes.wps.LocalResults;
import org.esvflow.routes.wps.WpsClient;

/**
 * The pipeline, ready to run studies: a Camel context with {@link StudyRoutes}, a WPS client and the file server
 * that offers study files to the WPS server. {@link #run} runs one study and waits; the inbox and HTTP triggers
 * (when configured) run studies in the background until {@link #close}.
 */
public final class StudyPipeline implements AutoCloseable {
    private final PipelineConfig config;
    private final StudyFileServer files;
    private final CamelContext camel;

    private StudyPipeline(PipelineConfig config, StudyFileServer files, CamelContext camel) {
        this.config = config;
        this.files = files;
        this.camel = camel;
    }

    public static StudyPipeline start(PipelineConfig config, PipelineListener listener) throws Exception {
        return start(config, listener, new StudyFileServer(config.filesHost, config.filesPort, config.filesPublicUrl));
    }

    /**
     * Starts with a file server already running (its prefix must be on the WPS server's allow-list before the
     * server starts, in the embedded case). The pipeline closes it.
     */
    public static StudyPipeline start(PipelineConfig config, PipelineListener listener, StudyFileServer files) throws Exception {
        StepTable table = config.stepTable == null ? StepTable.standard() : StepTable.read(config.stepTable);
        try {
            WpsClient wps = new WpsClient(URI.create(config.wpsUrl), config.minPollInterval, config.maxPollInterval, config.stepTimeout)
                    .localResults(config.wpsOutputDir == null ? null : new LocalResults(config.wpsOutputDir));
            Checksums checksums = new Checksums();
            files.checksums(checksums);
            Publisher publisher = config.publishProcess == null || config.publishProcess.isBlank() ? null
                    : new Publisher(wps, config.publishProcess);
            StepRunner runner = new StepRunner(wps, files, checksums, publisher);
            MeterRegistry metrics = new SimpleMeterRegistry();
            Studies studies = new Studies(table, files, listener, config.wpsUrl, checksums, metrics,
                    config.dismissExecutions ? wps : null, Math.max(1, config.parallelEpochs), config.serverSharesHeap);
            CamelContext camel = new DefaultCamelContext();
            camel.getCamelContextExtension().setName("esvflow");
            camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, metrics);
            camel.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
            if (config.httpPort > 0) {
                org.apache.camel.component.platform.http.main.MainHttpServer http =
                        new org.apache.camel.component.platform.http.main.MainHttpServer();
                http.setCamelContext(camel);
                http.setPort(config.httpPort);
                http.setPath("/");
                camel.addService(http);
            }
            camel.addRoutes(new StudyRoutes(config, studies, runner));
            camel.start();
            return new StudyPipeline(config, files, camel);
        } catch (Exception e) {
            files.close();
            throw e;
        }
    }

    /**
     * Runs a study and returns how it ended; steps that failed are in the summary (and {@code failed/}).
     *
     * @param output study output folder, or null for {@code output/} beside the manifest
     * @throws ManifestException when the manifest cannot be run (nothing was started)
     */
    public StudySummary run(Path manifest, Path output) throws ManifestException, IOException {
        try {
            return camel.createProducerTemplate().requestBody("direct:study", new Studies.Request(manifest, output),
                    StudySummary.class);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ManifestException m) throw m;
            if (cause instanceof IOException io) throw io;
            throw e;
        }
    }

    /** The URL prefix the WPS server must be allowed to fetch inputs from. */
    public String filesPrefix() {
        return files.prefix();
    }

    public StudyFileServer files() {
        return files;
    }

    public CamelContext camel() {
        return camel;
    }

    public PipelineConfig config() {
        return config;
    }

    @Override
    public void close() {
        try {
            camel.close();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        } finally {
            files.close();
        }
    }
}
