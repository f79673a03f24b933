package dev.appserver.orchestrator.hostservices;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code meta.storage} and {@code meta.utils.cursor}: durable key-value state of one app config.
 * Values are JSON texts, kept as given (key order included); a stored {@code null} is present,
 * unlike a missing key. Cursors live among the values, as in PostHog: a cursor is a key holding a
 * JSON integer, which {@link #get} reads and {@link #set} may overwrite.
 *
 * <p>Writes that can grow what is stored take a {@link StorageCharge}, told the change in
 * {@link #storedBytes} inside the write, so a quota can refuse it before it takes effect; writes
 * of one key are serialized, so each charge is computed against the entry it really replaces.
 * Implementations are thread-safe.
 */
public interface AppStorage {
    /** Stores {@code valueJson} under {@code key}, replacing what is there, unless {@code charge} refuses. */
    void set(long configId, String key, String valueJson, StorageCharge charge);

    Optional<String> get(long configId, String key);

    /** Deletes the entry. @return the {@link #storedBytes} it held; 0 when there was none */
    long delete(long configId, String key);

    /** Stores {@code initial} under {@code key} unless the key holds something (a cursor or not). */
    void initCursor(long configId, String key, long initial, StorageCharge charge);

    /**
     * Adds {@code by} to the integer under {@code key} (missing: 0) and returns the new value.
     *
     * @throws IllegalStateException {@link #notAnInteger} when the key holds something else, or
     *     the sum is outside the range of a long; nothing changes then
     */
    long incrementCursor(long configId, String key, long by, StorageCharge charge);

    /** What an entry counts against the tenant's storage quota: its key and value, in UTF-8 bytes. */
    static long storedBytes(String key, String valueJson) {
        return key.getBytes(StandardCharsets.UTF_8).length + valueJson.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The failure of {@link #incrementCursor} on a key that does not hold an integer it can add to. */
    static IllegalStateException notAnInteger(String key) {
        return new IllegalStateException("cursor '" + key + "' does not hold an integer, or the increment takes it out of range");
    }
}
