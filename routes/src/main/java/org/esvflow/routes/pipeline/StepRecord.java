package org.esvflow.routes.pipeline;

import java.util.List;
import java.util.Map;

/**
 * What a finished step leaves behind in {@code <out>/steps/<key>.json}: enough to skip it next time (same hash, same
 * files) and to pass its outputs on.
 *
 * @param hash SHA-256 of the process, its input fingerprints (literals, file checksums) and the outputs asked for
 * @param inputs input name → fingerprint ({@code literal:...} or {@code sha256:...}), for provenance
 * @param outputs kept outputs by WPS output name
 * @param layers qualified WMS layer names published by the step
 * @param seconds wall time of the execution
 */
public record StepRecord(String key, String process, String hash, Map<String, List<String>> inputs,
        Map<String, KeptOutput> outputs, List<String> layers, String finished, double seconds) {

    /**
     * An output downloaded into the study folder.
     *
     * @param href where the server keeps it (valid while the server keeps results)
     * @param file path relative to the study output folder
     */
    public record KeptOutput(String name, String mime, String href, String file, String sha256) {}
}
