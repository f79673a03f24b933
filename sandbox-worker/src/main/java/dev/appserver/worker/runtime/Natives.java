package dev.appserver.worker.runtime;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The Java primitives behind the runtime library's {@code crypto} and {@code zlib} modules, and
 * the only host access an app context gets: a read-only {@link ProxyObject} whose members are
 * {@link ProxyExecutable}s. It is part of the security boundary, so it is an allowlist: hashing,
 * HMAC, secure random bytes and UUIDs, and (de)compression, nothing else.
 *
 * <p>Bytes cross as latin1 "binary strings" (each char 0-255 is one byte); the JavaScript side
 * converts them to and from Uint8Arrays. A failure throws {@link IllegalArgumentException} with
 * Node's message; the JavaScript wrappers rethrow it as a JS {@code Error}.
 *
 * <p>Stateless and thread-safe: one instance serves every context.
 */
final class Natives implements ProxyObject {
    /** Largest {@code randomBytes} request; Node allows more, but no app needs megabytes of it. */
    static final int MAX_RANDOM_BYTES = 1 << 20;

    private record Algorithm(String digest, String mac) {}

    private static final Map<String, Algorithm> ALGORITHMS = Map.ofEntries(
            entry("md5", new Algorithm("MD5", "HmacMD5")),
            entry("sha1", new Algorithm("SHA-1", "HmacSHA1")),
            entry("sha224", new Algorithm("SHA-224", "HmacSHA224")),
            entry("sha256", new Algorithm("SHA-256", "HmacSHA256")),
            entry("sha384", new Algorithm("SHA-384", "HmacSHA384")),
            entry("sha512", new Algorithm("SHA-512", "HmacSHA512")),
            entry("sha512-224", new Algorithm("SHA-512/224", "HmacSHA512/224")),
            entry("sha512-256", new Algorithm("SHA-512/256", "HmacSHA512/256")),
            entry("sha3-224", new Algorithm("SHA3-224", "HmacSHA3-224")),
            entry("sha3-256", new Algorithm("SHA3-256", "HmacSHA3-256")),
            entry("sha3-384", new Algorithm("SHA3-384", "HmacSHA3-384")),
            entry("sha3-512", new Algorithm("SHA3-512", "HmacSHA3-512")));

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, ProxyExecutable> members = Map.ofEntries(
            entry("digest", arguments -> binary(digest(string(arguments, 0), bytes(arguments, 1)))),
            entry("hmac", arguments ->
                    binary(hmac(string(arguments, 0), bytes(arguments, 1), bytes(arguments, 2)))),
            entry("randomBytes", arguments -> binary(randomBytes(integer(arguments, 0)))),
            entry("randomUUID", arguments -> UUID.randomUUID().toString()),
            entry("deflate", compressor(ZlibCodec.Format.ZLIB)),
            entry("deflateRaw", compressor(ZlibCodec.Format.RAW)),
            entry("gzip", compressor(ZlibCodec.Format.GZIP)),
            entry("inflate", decompressor(ZlibCodec.Format.ZLIB)),
            entry("inflateRaw", decompressor(ZlibCodec.Format.RAW)),
            entry("gunzip", decompressor(ZlibCodec.Format.GZIP)));

    /** The hash names {@code digest} and {@code hmac} accept, as Node spells them. */
    static Set<String> algorithms() {
        return ALGORITHMS.keySet();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithmOf(algorithm, "Digest method not supported").digest())
                    .digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Digest method not supported", e);
        }
    }

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        String name = algorithmOf(algorithm, "Invalid digest: " + algorithm).mac();
        try {
            Mac mac = Mac.getInstance(name);
            // SecretKeySpec rejects an empty key; HMAC zero-pads keys to its block size, so a single
            // zero byte is the same key and gives Node's result for an empty one.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, name));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Invalid digest: " + algorithm, e);
        }
    }

    static byte[] randomBytes(int count) {
        if (count < 0 || count > MAX_RANDOM_BYTES) {
            throw new IllegalArgumentException(
                    "The value of \"size\" is out of range. It must be >= 0 && <= " + MAX_RANDOM_BYTES
                            + ". Received " + count);
        }
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Algorithm algorithmOf(String name, String errorMessage) {
        Algorithm algorithm = ALGORITHMS.get(name);
        if (algorithm == null) {
            throw new IllegalArgumentException(errorMessage);
        }
        return algorithm;
    }

    private static ProxyExecutable compressor(ZlibCodec.Format format) {
        return arguments -> binary(ZlibCodec.compress(bytes(arguments, 0),
                arguments.length > 1 && !arguments[1].isNull() ? integer(arguments, 1) : -1, format));
    }

    private static ProxyExecutable decompressor(ZlibCodec.Format format) {
        return arguments -> binary(ZlibCodec.decompress(bytes(arguments, 0), format));
    }

    private static String string(Value[] arguments, int index) {
        if (index >= arguments.length || !arguments[index].isString()) {
            throw new IllegalArgumentException("argument " + index + " must be a string");
        }
        return arguments[index].asString();
    }

    private static int integer(Value[] arguments, int index) {
        if (index >= arguments.length || !arguments[index].fitsInInt()) {
            throw new IllegalArgumentException("argument " + index + " must be an integer");
        }
        return arguments[index].asInt();
    }

    /** Reads a binary string; a char above 0xFF means the JavaScript side has a bug. */
    private static byte[] bytes(Value[] arguments, int index) {
        String string = string(arguments, index);
        byte[] bytes = new byte[string.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = string.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("argument " + index + " must be a binary string");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    private static String binary(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public Object getMember(String key) {
        return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
        return ProxyArray.fromArray(members.keySet().toArray());
    }

    @Override
    public boolean hasMember(String key) {
        return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
        throw new UnsupportedOperationException("natives are read-only");
    }

    @Override
    public boolean removeMember(String key) {
        throw new UnsupportedOperationException("natives are read-only");
    }
}
