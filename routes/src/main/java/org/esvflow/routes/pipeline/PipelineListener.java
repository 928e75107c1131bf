package org.esvflow.routes.pipeline;

/** Told what the pipeline does, step by step (the CLI prints it; tests count it). Called from several threads. */
public interface PipelineListener {
    default void planned(String study, int steps) {}

    default void started(StepInstance step) {}

    /** Percent of the step's WPS execution, as its status document says. */
    default void progress(StepInstance step, int percent) {}

    /** The step's record matched: its outputs were kept from an earlier run. */
    default void skipped(StepInstance step) {}

    default void done(StepInstance step, double seconds) {}

    /** Failed for good (after retries) or blocked by a failed step; recorded in {@code failed/}. */
    default void failed(StepInstance step, String reason) {}

    default void finished(StudySummary summary) {}

    PipelineListener NONE = new PipelineListener() {};
}
