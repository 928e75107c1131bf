package org.esvflow.server.wps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The content of an inline ComplexData input: the bytes of a KVP value, or the file an XML body's ComplexData was
 * spooled to while it was parsed ({@link org.esvflow.server.ows.StreamingXml}), so a large input never sits in the
 * heap. A spooled file lives in the request's spool directory until its execution {@link #adopt adopts} it.
 */
public final class Payload {
    private final byte[] bytes;
    private volatile Path file;

    private Payload(byte[] bytes, Path file) {
        this.bytes = bytes;
        this.file = file;
    }

    public static Payload of(byte[] bytes) {
        return new Payload(bytes, null);
    }

    public static Payload spooled(Path file) {
        return new Payload(null, file);
    }

    public long size() throws IOException {
        return bytes != null ? bytes.length : Files.size(file);
    }

    /** The whole content in memory (the lineage echo of an input). */
    public byte[] bytes() throws IOException {
        return bytes != null ? bytes : Files.readAllBytes(file);
    }

    /** A file with the content: the spooled file itself, or the bytes written to a new file in {@code dir}. */
    Path file(Path dir, String prefix) throws IOException {
        if (file != null) return file;
        Path out = Files.createTempFile(dir, prefix, ".in");
        Files.write(out, bytes);
        return out;
    }

    /**
     * Moves a spooled file into {@code dir}, an execution's directory, so it lives as long as the execution, named
     * {@code <input><digits>.in} as the resolver names the inputs it writes (failures are traced to an input by it).
     */
    void adopt(Path dir, String input) throws IOException {
        Path f = file;
        if (f == null || f.getParent().equals(dir)) return;
        Path target = Files.createTempFile(dir, input, ".in");
        file = Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
