package org.esvflow.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/** HTTP Basic credentials of the one admin user ({@code admin}), compared in constant time. */
final class Credentials {
    static final String ADMIN = "admin";

    private Credentials() {}

    /** True when {@code authorization} is {@code Basic base64(admin:password)}. */
    static boolean isAdmin(String authorization, String password) {
        if (authorization == null || password == null) return false;
        String a = authorization.trim();
        if (!a.toLowerCase(Locale.ROOT).startsWith("basic ")) return false;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(a.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
