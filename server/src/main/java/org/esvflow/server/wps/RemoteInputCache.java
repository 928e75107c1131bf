package org.esvflow.server.wps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.esvflow.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote inputs fetched once and reused while their content is the same: a file is kept per URL together with the
 * entity tag the remote server sent ({@code ETag}, the study file server's is the content's SHA-256), and the next
 * execution reading that URL asks with {@code If-None-Match}; a {@code 304 Not Modified} reuses the kept file. Kept
 * files live in {@code <output store>/inputs}, are handed to executions as hard links (so an execution keeps its
 * input even when the cache drops it). A kept input is deleted once no execution links it any more (its study's
 * executions were dismissed), or unused after the result expiry. A fresh server starts empty.
 */
final class RemoteInputCache {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteInputCache.class);

    /** A kept input: the validator it was fetched with and its file. */
    record Entry(String etag, Path file) {}

    private record Kept(Entry entry, Instant lastUsed) {}

    private final Path dir;
    private final Map<String, Kept> byUrl = new ConcurrentHashMap<>();

    RemoteInputCache(Path dir) {
        this.dir = dir;
        OutputStore.deleteTree(dir); // files of an earlier run: their validators are not known any more
    }

    /** The kept input of {@code url}, or null. */
    Entry lookup(String url) {
        Kept k = byUrl.get(url);
        if (k == null || !Files.isRegularFile(k.entry.file())) return null;
        byUrl.put(url, new Kept(k.entry, Instant.now()));
        return k.entry;
    }

    /** Keeps {@code fetched} (a file of an execution) as the content of {@code url} at {@code etag}. */
    void keep(String url, String etag, Path fetched) {
        Path file = dir.resolve(sha256(url + "\n" + etag) + ".in");
        try {
            AtomicFiles.linkOrCopy(fetched, file);
            Kept old = byUrl.put(url, new Kept(new Entry(etag, file), Instant.now()));
            if (old != null && !old.entry().file().equals(file)) Files.deleteIfExists(old.entry().file());
        } catch (IOException e) {
            LOG.debug("input {} not cached: {}", url, e.getMessage());
        }
    }

    /** Forgets a kept input that could not be used. */
    void drop(String url) {
        byUrl.remove(url);
    }

    /**
     * Deletes the kept inputs no execution holds any more (no other name links their file): once a study's
     * executions are dismissed, its inputs go with them, unless a published layer still shares the file.
     */
    void dropUnreferenced() {
        for (Map.Entry<String, Kept> e : byUrl.entrySet()) {
            Path file = e.getValue().entry().file();
            try {
                if (((Number) Files.getAttribute(file, "unix:nlink")).intValue() <= 1 && byUrl.remove(e.getKey(), e.getValue())) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException x) {
                LOG.debug("links of {} unknown; kept until it expires", file);
            }
        }
    }

    /** Deletes the inputs not used since {@code limit}. */
    void expire(Instant limit) {
        for (Map.Entry<String, Kept> e : byUrl.entrySet()) {
            if (e.getValue().lastUsed().isBefore(limit) && byUrl.remove(e.getKey(), e.getValue())) {
                try {
                    Files.deleteIfExists(e.getValue().entry().file());
                } catch (IOException x) {
                    LOG.debug("cached input {} not deleted", e.getValue().entry().file());
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
