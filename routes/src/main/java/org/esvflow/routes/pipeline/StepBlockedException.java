package org.esvflow.routes.pipeline;

/** A step that cannot run because a step it needs did not produce its output (it failed or was left out). */
public final class StepBlockedException extends Exception {
    public StepBlockedException(String message) {
        super(message);
    }
}
