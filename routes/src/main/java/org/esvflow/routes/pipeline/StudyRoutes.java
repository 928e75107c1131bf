package org.esvflow.routes.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.esvflow.routes.manifest.ManifestException;
import org.esvflow.routes.manifest.ManifestReader;
import org.esvflow.routes.wps.WpsException;

/**
 * The study pipeline as Camel routes; read top to bottom, this is the pipeline.
 *
 * <pre>
 * direct:study   manifest → validate → plan
 *                → the setup steps (the correction's reference means, which every epoch's ESV divides by)
 *                → every epoch in parallel (bounded): its steps in table order   (direct:steps → direct:step)
 *                → every period (consecutive epochs) in parallel: its steps
 *                → the study-level steps (GeoDetector)
 *                → collect tables, provenance and report
 * direct:step    one WPS execution; transient failures retried with exponential back-off, the rest (and retries
 *                exhausted) written to failed/&lt;step&gt;.json by direct:dead-letter; the viewer's study.json is
 *                refreshed after each step that published a layer
 * triggers       the CLI (direct:study), a watched inbox folder and POST /api/studies (both via seda:studies)
 * </pre>
 */
public final class StudyRoutes extends RouteBuilder {
    private final PipelineConfig config;
    private final Studies studies;
    private final StepRunner runner;

    public StudyRoutes(PipelineConfig config, Studies studies, StepRunner runner) {
        this.config = config;
        this.studies = studies;
        this.runner = runner;
    }

    @Override
    public void configure() {
        ExecutorService groups = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "study-groups", Math.max(1, config.parallelEpochs));

        from("direct:study").routeId("study")
                .errorHandler(noErrorHandler())
                .process(studies::open)
                .log("study ${exchangeProperty.esvflowStudy.manifest.id}: ${exchangeProperty.esvflowStudy.plan.size} steps")
                .split(method(studies, "setupSteps"))
                    .to("direct:step")
                .end()
                .split(method(studies, "epochs")).parallelProcessing().executorService(groups)
                    .to("direct:steps")
                .end()
                .split(method(studies, "periods")).parallelProcessing().executorService(groups)
                    .to("direct:steps")
                .end()
                .split(method(studies, "studySteps"))
                    .to("direct:step")
                .end()
                .process(studies::finish);

        from("direct:steps").routeId("steps")
                .process(studies::enterGroup)
                .doTry()
                    .split(body())
                        .to("direct:step")
                    .endDoTry()
                .doFinally()
                    .process(studies::leaveGroup)
                .end();

        from("direct:step").routeId("step")
                .onException(WpsException.Transient.class)
                    .maximumRedeliveries(config.retries)
                    .redeliveryDelay(config.retryDelay.toMillis())
                    .useExponentialBackOff().backOffMultiplier(2)
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .handled(true)
                    .to("direct:dead-letter")
                .end()
                .onException(Exception.class)
                    .maximumRedeliveries(0)
                    .handled(true)
                    .to("direct:dead-letter")
                .end()
                .process(e -> runner.run(e.getMessage().getBody(StepInstance.class), e.getProperty(StudyRun.PROPERTY, StudyRun.class)))
                .process(studies::stepDone);

        from("direct:dead-letter").routeId("dead-letter")
                .process(new DeadLetters());

        from("seda:studies?concurrentConsumers=1").routeId("study-queue")
                .to("direct:study");

        if (config.inbox != null) {
            fromF("file:%s?noop=true&idempotentKey=${file:name}-${file:modified}&include=.*\\.ya?ml&readLock=changed",
                    config.inbox.toAbsolutePath()).routeId("inbox")
                    .setBody(simple("${header.CamelFileAbsolutePath}"))
                    .to(ExchangePattern.InOnly, "seda:studies");
        }

        if (config.httpPort > 0) {
            from("platform-http:/api/studies?httpMethodRestrict=POST").routeId("http-trigger")
                    .onException(ManifestException.class)
                        .handled(true)
                        .setHeader("CamelHttpResponseCode", constant(400))
                        .setHeader("Content-Type", constant("text/plain; charset=UTF-8"))
                        .setBody(simple("${exception.message}\n"))
                    .end()
                    .convertBodyTo(String.class)
                    .process(e -> {
                        Path manifest = Path.of(e.getMessage().getBody(String.class).trim());
                        ManifestReader.read(manifest);
                        e.getMessage().setBody(manifest.toString());
                    })
                    .to(ExchangePattern.InOnly, "seda:studies")
                    .setHeader("CamelHttpResponseCode", constant(202))
                    .setHeader("Content-Type", constant("text/plain; charset=UTF-8"))
                    .setBody(simple("accepted ${body}\n"));
        }
    }

    /** Groups of steps for the splitters. */
    static List<List<StepInstance>> groups(List<List<StepInstance>> g) {
        return g.stream().filter(l -> !l.isEmpty()).toList();
    }
}
