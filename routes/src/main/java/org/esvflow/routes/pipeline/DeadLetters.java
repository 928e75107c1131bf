package org.esvflow.routes.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.esvflow.routes.wps.WpsException;

/**
 * The dead-letter end of the step route: writes {@code failed/<step>.json} (what failed, why, after how many
 * attempts, whether it was transient) and tells the listener. The study goes on with the steps that do not need it.
 */
final class DeadLetters implements Processor {
    @Override
    public void process(Exchange exchange) throws Exception {
        StudyRun run = exchange.getProperty(StudyRun.PROPERTY, StudyRun.class);
        StepInstance step = exchange.getMessage().getBody(StepInstance.class);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Integer attempts = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("step", step.key());
        failure.put("process", step.step().process());
        failure.put("blocked", e instanceof StepBlockedException);
        failure.put("transient", e instanceof WpsException w && w.isTransient());
        if (e instanceof WpsException w) {
            failure.put("exceptionCode", w.code());
            failure.put("locator", w.locator());
        }
        failure.put("error", e == null ? "unknown" : e.getClass().getSimpleName());
        failure.put("message", e == null ? "" : String.valueOf(e.getMessage()));
        failure.put("attempts", 1 + (attempts == null ? 0 : attempts));
        failure.put("time", Instant.now().toString());
        run.records.writeFailure(step.key(), failure);
        run.failed.add(step.key());
        run.listener.failed(step, String.valueOf(failure.get("message")));
    }
}
