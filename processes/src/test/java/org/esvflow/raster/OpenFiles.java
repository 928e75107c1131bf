package org.esvflow.raster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What this JVM has open, read from {@code /proc/self/fd} (Linux). */
public final class OpenFiles {
    private static final Path FDS = Path.of("/proc/self/fd");

    private OpenFiles() {}

    public static boolean supported() {
        return Files.isDirectory(FDS);
    }

    /** True while a descriptor of this JVM points at {@code file}, unlinked or not. */
    public static boolean isOpen(Path file) {
        String name = file.toAbsolutePath().toString();
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.map(OpenFiles::target).anyMatch(t -> t.equals(name) || t.equals(name + " (deleted)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The open files whose name starts with {@code prefix}. */
    public static long count(Path directory, String prefix) {
        String start = directory.toAbsolutePath().resolve(prefix).toString();
        try (Stream<Path> fds = Files.list(FDS)) {
            return fds.map(OpenFiles::target).filter(t -> t.startsWith(start)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (collecting garbage) until {@code done} holds, at most {@code seconds}; whether it holds at the end. For
     * resources released by a {@link java.lang.ref.Cleaner} once their owner is unreachable.
     */
    public static boolean awaitAfterGc(java.util.function.BooleanSupplier done, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) return false;
            System.gc();
            Thread.sleep(50);
        }
        return true;
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed between listing and reading (the listing's own descriptor, say)
        }
    }
}
