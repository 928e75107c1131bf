package org.esvflow.server;

import java.time.Duration;

/**
 * Limits on what one WPS request may make the server read, beyond the sizes in {@link ServerConfig} (body bytes,
 * input bytes, input pixels). Every field has a default in {@link #DEFAULT}; {@code serve} options may override them.
 *
 * @param maxBlockBytes   largest decoded tile or strip of a raster input, in bytes (default 256 MiB): a 400 KB
 *                        deflate strip that inflates to gigabytes is refused before it is decoded
 * @param maxXmlElements  elements in one XML request body, ComplexData content included (default 100 000)
 * @param maxXmlDepth     nesting depth of an XML request body (default 64)
 * @param maxXmlTextBytes characters of an XML request body held in memory, ComplexData (spooled to disk) excluded
 *                        (default 4 MiB)
 * @param referenceIdle   longest wait for the next byte of a remote reference (default 60 s)
 * @param referenceTotal  longest download of one remote reference, headers and body (default 30 min)
 */
public record InputLimits(long maxBlockBytes, int maxXmlElements, int maxXmlDepth, long maxXmlTextBytes,
                          Duration referenceIdle, Duration referenceTotal) {
    public static final InputLimits DEFAULT = new InputLimits(256L << 20, 100_000, 64, 4L << 20,
            Duration.ofSeconds(60), Duration.ofMinutes(30));

    public InputLimits {
        if (maxBlockBytes < 1 || maxXmlElements < 1 || maxXmlDepth < 1 || maxXmlTextBytes < 1) throw new IllegalArgumentException("limits must be positive");
        if (referenceIdle.isNegative() || referenceIdle.isZero() || referenceTotal.isNegative() || referenceTotal.isZero()) {
            throw new IllegalArgumentException("reference timeouts must be positive");
        }
    }

    public InputLimits withMaxBlockBytes(long n) {
        return new InputLimits(n, maxXmlElements, maxXmlDepth, maxXmlTextBytes, referenceIdle, referenceTotal);
    }

    public InputLimits withXml(int elements, int depth, long textBytes) {
        return new InputLimits(maxBlockBytes, elements, depth, textBytes, referenceIdle, referenceTotal);
    }

    public InputLimits withReferenceTimeouts(Duration idle, Duration total) {
        return new InputLimits(maxBlockBytes, maxXmlElements, maxXmlDepth, maxXmlTextBytes, idle, total);
    }
}
