package org.esvflow.server.wps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.esvflow.io.AtomicFiles;
import org.esvflow.server.ows.OwsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where executions keep their files, as GeoServer's WPS resource manager does: one directory per execution, named by
 * its id ({@code <root>/<uuid>/}), holding the status document ({@code status.xml}) and the encoded outputs
 * ({@code <output>.<ext>}). Ids and output names are checked against fixed patterns, so no request names a file
 * outside the store. Directories are deleted when their execution is dismissed or when they expire.
 */
public final class OutputStore {
    private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);
    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f\\-]{36}");
    private static final Pattern OUTPUT_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}\\.[a-z]{2,7}");
    static final String STATUS = "status.xml";

    private final Path root;

    public OutputStore(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    static boolean isExecutionId(String id) {
        return id != null && EXECUTION_ID.matcher(id).matches();
    }

    static boolean isOutputId(String id) {
        return id != null && OUTPUT_ID.matcher(id).matches();
    }

    /** A new, empty execution directory under a fresh id. */
    Path create() {
        Path dir = root.resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OwsException("NoApplicableCode", null, "the output store is not writable");
        }
        return dir;
    }

    /** Directory of an execution; the id is validated, so it never leaves the store. */
    Path dir(String executionId) {
        if (!isExecutionId(executionId)) throw OwsException.invalid("executionId", "unknown executionId " + executionId);
        return root.resolve(executionId);
    }

    /** The file an output of an execution is encoded to. */
    static Path outputFile(Path dir, String output, String extension) {
        return dir.resolve(output + "." + extension);
    }

    /** Writes an execution's status document atomically. */
    void writeStatus(Path dir, byte[] document) throws IOException {
        AtomicFiles.write(dir.resolve(STATUS), document);
    }

    /** The status document an execution last wrote, or null (unknown id, never stored, or expired). */
    byte[] storedStatus(String executionId) {
        if (!isExecutionId(executionId)) return null;
        Path stored = root.resolve(executionId).resolve(STATUS);
        try {
            return Files.isRegularFile(stored) ? Files.readAllBytes(stored) : null;
        } catch (IOException e) {
            LOG.debug("status of {} unreadable", executionId);
            return null;
        }
    }

    /** A stored output file of an execution from an earlier run of the server, or null. */
    Path storedOutput(String executionId, String outputId) {
        if (!isExecutionId(executionId) || !isOutputId(outputId)) return null;
        Path file = root.resolve(executionId).resolve(outputId);
        return Files.isRegularFile(file) ? file : null;
    }

    /** Execution directories holding a status document, oldest first. */
    List<Path> storedExecutions() {
        List<Path> out = new ArrayList<>();
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (isExecutionId(dir.getFileName().toString()) && Files.isRegularFile(dir.resolve(STATUS))) out.add(dir);
            }
        } catch (IOException e) {
            LOG.debug("output store not listed: {}", e.getMessage());
        }
        return out;
    }

    /** Deletes every file of an execution but its status document. */
    void sweepOutputs(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(STATUS)) deleteTree(f);
            }
        } catch (IOException e) {
            LOG.debug("could not sweep {}", dir);
        }
    }

    /** Deletes the decoded inputs ({@code *.in}) of an execution. */
    void sweepInputs(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".in")) deleteTree(f);
            }
        } catch (IOException e) {
            LOG.debug("could not sweep {}", dir);
        }
    }

    /** Deletes the execution directories last modified before {@code limit} that {@code inUse} does not claim. */
    void expire(Instant limit, Predicate<Path> inUse) {
        try (var dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (!isExecutionId(dir.getFileName().toString()) || inUse.test(dir)) continue;
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(limit)) deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.debug("output store not listed: {}", e.getMessage());
        }
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) { // a file removed while walking
            LOG.debug("could not delete {}", dir);
        }
    }
}
