package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transpiled code by cache key, in memory and in a directory ({@code <key>.js}), so later runs of
 * {@code run-app} and restarts of the server skip the compiler.
 *
 * <p>Each file starts with a comment line holding the SHA-256 of the code after it; a file that
 * does not match (truncated, edited, another format) or cannot be read is ignored, and rewritten
 * by the next {@link #put}. Files are written to a temporary name and moved into place, so readers
 * never see half a file. Failing to write only costs a later compile, so it is logged, not thrown.
 *
 * <p>Thread-safe. The in-memory map is unbounded: one entry per distinct main file, and a server
 * holds tens of apps, not thousands.
 */
final class TranspileCache {
    private static final Logger LOG = LoggerFactory.getLogger(TranspileCache.class);
    private static final String HEADER_PREFIX = "// appserver transpiled, sha256=";

    private final Path directory;
    private final Map<String, String> memory = new ConcurrentHashMap<>();

    TranspileCache(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    Optional<String> get(String key) {
        String code = memory.get(key);
        if (code == null) {
            code = readFile(key);
            if (code != null) {
                memory.put(key, code);
            }
        }
        return Optional.ofNullable(code);
    }

    void put(String key, String code) {
        memory.put(key, code);
        Path target = file(key);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, key, ".tmp");
            Files.writeString(temporary, HEADER_PREFIX + Sha256.hex(code) + "\n" + code, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Could not write transpile cache entry {}: {}", target, e.toString());
            deleteQuietly(temporary);
        }
    }

    Path file(String key) {
        return directory.resolve(key + ".js");
    }

    private String readFile(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String contents = Files.readString(file, StandardCharsets.UTF_8);
            int newline = contents.indexOf('\n');
            if (newline > 0 && contents.startsWith(HEADER_PREFIX)) {
                String code = contents.substring(newline + 1);
                if (contents.substring(HEADER_PREFIX.length(), newline).equals(Sha256.hex(code))) {
                    return code;
                }
            }
            LOG.warn("Ignoring corrupt transpile cache entry {}", file);
        } catch (CharacterCodingException e) {
            LOG.warn("Ignoring corrupt transpile cache entry {} (not UTF-8)", file);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable transpile cache entry {}: {}", file, e.toString());
        }
        return null;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}", file, e);
        }
    }
}
