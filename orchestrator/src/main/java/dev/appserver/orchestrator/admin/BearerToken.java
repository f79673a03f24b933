package dev.appserver.orchestrator.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The admin API's shared secret. Checks an {@code Authorization} header in constant time: both
 * tokens are hashed first, so neither their contents nor their lengths show in the timing.
 * Immutable and thread-safe.
 */
final class BearerToken {
    /** Shorter tokens are refused: a bearer token is the only thing between the network and the API. */
    static final int MIN_LENGTH = 16;

    private final byte[] digest;

    BearerToken(String token) {
        if (token.length() < MIN_LENGTH || !token.strip().equals(token)) {
            throw new IllegalArgumentException("the admin API token must be at least " + MIN_LENGTH
                    + " characters without surrounding spaces");
        }
        this.digest = sha256(token);
    }

    /** Whether {@code authorization} is {@code Bearer <this token>} (the scheme in any case). */
    boolean matches(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
