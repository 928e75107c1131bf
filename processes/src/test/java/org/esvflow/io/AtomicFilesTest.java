package org.esvflow.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void linkSharesTheFileAndReplacesTheTarget() throws IOException {
        Path a = Files.write(dir.resolve("a.tif"), new byte[] {1, 2, 3});
        Path b = Files.write(dir.resolve("b.tif"), new byte[] {9});
        assertTrue(AtomicFiles.linkOrCopy(a, b));
        assertTrue(Files.isSameFile(a, b));
        assertEquals(2, Files.getAttribute(a, "unix:nlink"));
        // a writer replacing one name leaves the other name's content as it was
        AtomicFiles.write(a, new byte[] {4});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(b));
        // linking a name onto another name of the same file: nothing changes, no temporary name is left
        assertTrue(AtomicFiles.linkOrCopy(b, b));
        assertEquals(List.of("a.tif", "b.tif"), names());
    }

    @Test
    void aMissingSourceFailsAndLeavesNothing() {
        assertThrows(IOException.class, () -> AtomicFiles.linkOrCopy(dir.resolve("none.tif"), dir.resolve("t.tif")));
        assertFalse(Files.exists(dir.resolve("t.tif")));
    }

    @Test
    void acrossFileSystemsTheContentIsCopied() throws IOException {
        Path shm = Path.of("/dev/shm");
        FileStore here = Files.getFileStore(dir);
        Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm) && !Files.getFileStore(shm).equals(here),
                "needs /dev/shm on another file system than the temporary folder");
        Path other = Files.createTempDirectory(shm, "atomic");
        try {
            Path a = Files.write(other.resolve("a.tif"), new byte[] {5, 6});
            Path b = dir.resolve("b.tif");
            assertFalse(AtomicFiles.linkOrCopy(a, b));
            assertArrayEquals(new byte[] {5, 6}, Files.readAllBytes(b));
            assertFalse(Files.isSameFile(a, b));
            assertEquals(List.of("b.tif"), names());
        } finally {
            Files.deleteIfExists(other.resolve("a.tif"));
            Files.deleteIfExists(other);
        }
    }
}
