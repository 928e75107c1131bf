package org.esvflow.server.wps;

/**
 * What an input reference to this server's own WPS may name, answered in-process: a stored output of an earlier
 * execution ({@code GetExecutionResult}) or a nested {@code Execute}. The narrow view {@link InputResolver} has of
 * the execution manager.
 */
interface ChainedRequests {
    /** A stored output file of an execution, with its MIME type; an OWS exception when there is none. */
    Job.Result storedResult(String executionId, String outputId);

    /** Runs a request in the calling thread and returns its (first or raw) output object. */
    Object executeInline(ExecuteRequest request, String baseUrl);
}
