package org.esvflow.routes.wps;

import java.util.Map;

/**
 * What a WPS 1.0.0 ExecuteResponse says about an execution.
 *
 * @param percent 0–100, from ProcessStarted's percentCompleted (100 when succeeded)
 * @param statusLocation where to poll, or null for a synchronous answer
 * @param outputs by identifier, in document order; empty until succeeded
 */
public record ExecuteStatus(State state, int percent, String message, String statusLocation, Map<String, WpsOutput> outputs) {
    public enum State { ACCEPTED, STARTED, PAUSED, SUCCEEDED, FAILED }

    public boolean isFinished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }
}
