package org.esvflow.routes.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SHA-256 of files, remembered per (path, size, modification time) so each input is read once per run. */
public final class Checksums {
    private record Key(Path path, long size, long modified) {}

    private final Map<Key, String> cache = new ConcurrentHashMap<>();

    public String sha256(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Key key = new Key(abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis());
        String known = cache.get(key);
        if (known != null) return known;
        String sum = compute(abs);
        cache.put(key, sum);
        return sum;
    }

    /** Records the SHA-256 of {@code file} computed elsewhere (while it was written), for its current size and time. */
    public void remember(Path file, String sha256) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        cache.put(new Key(abs, Files.size(abs), Files.getLastModifiedTime(abs).toMillis()), sha256);
    }

    static String compute(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String of(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
