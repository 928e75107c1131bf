package org.esvflow.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file completely or not at all: the content goes to a temporary file in the same folder, which is then
 * moved over the target in one step. Readers never see a half-written file, and a failure leaves nothing behind.
 */
public final class AtomicFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicFiles() {}

    /** Fills a temporary path; the path exists and is empty when called. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = newTemporary(absolute);
        try {
            writer.write(temp);
            // temporary files are created owner-only; published results are readable like any other file
            if (POSIX) Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temporary names: a counter from the start time, so that names differ within and, mostly, across processes. */
    private static final AtomicLong NAMES = new AtomicLong(System.nanoTime());

    /**
     * A new empty file {@code .<name>.<hex>.part} beside {@code target}, owner-only where POSIX, created exclusively (a
     * name another process took is skipped). What Files.createTempFile does, without its random names: their
     * SecureRandom costs ~10 ms of start-up in a short-lived process that writes a few files.
     */
    private static Path newTemporary(Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(NAMES.incrementAndGet())
                    + ".part");
            try {
                return POSIX ? Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                        : Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 1000) throw e;
            }
        }
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    public static void write(Path target, byte[] content) throws IOException {
        write(target, temp -> Files.write(temp, content));
    }

    /**
     * Gives {@code target} the content of {@code source}, atomically: a hard link (one file under two names, no byte
     * written) when both lie on one file system that supports links, else a copy. Only for files that are never
     * rewritten in place: every writer here replaces a file by moving a new one over it, which leaves the other
     * names of the old file untouched.
     *
     * @return true when linked, false when copied
     */
    public static boolean linkOrCopy(Path source, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + System.nanoTime() + ".link");
        try {
            Files.createLink(temp, source);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (UnsupportedOperationException | IOException e) { // another file system, or links not permitted
            Files.deleteIfExists(temp);
            if (!Files.isRegularFile(source)) throw e instanceof IOException io ? io : new IOException(e);
            write(target, t -> Files.copy(source, t, StandardCopyOption.REPLACE_EXISTING));
            return false;
        } finally {
            // rename(2) of a link onto another name of the same file does nothing and leaves the link
            Files.deleteIfExists(temp);
        }
    }
}
