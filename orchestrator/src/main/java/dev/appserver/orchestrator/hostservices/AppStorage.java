package dev.appserver.orchestrator.hostservices;

import java.util.Optional;

/**
 * {@code meta.storage} and {@code meta.utils.cursor}: durable key-value state of one app config.
 * Values are JSON texts; a stored {@code null} is present, unlike a missing key.
 */
public interface AppStorage {
    void set(long configId, String key, String valueJson);

    Optional<String> get(long configId, String key);

    void delete(long configId, String key);

    /** Sets the cursor to {@code initial} unless it exists. */
    void initCursor(long configId, String key, long initial);

    /** Adds {@code by} to the cursor (missing: 0) and returns the new value. */
    long incrementCursor(long configId, String key, long by);
}
