package dev.appserver.orchestrator.hostservices;

import java.util.List;

/**
 * {@code meta.cache}: a Redis-like store of strings and lists of strings, namespaced per app and
 * tenant by the caller. Values are already serialized by the worker. Errors carry Redis's
 * wording (e.g. {@code WRONGTYPE ...}), which apps see.
 */
public interface AppCache {
    void set(String namespace, String key, String value, long ttlSeconds);

    /** @return the value, or null when absent or expired */
    String get(String namespace, String key);

    long incr(String namespace, String key, long by);

    /** Sets a time to live; a non-positive one deletes the key. @return whether the key existed */
    boolean expire(String namespace, String key, long ttlSeconds);

    /** Pushes each value onto the head of the list, in order. @return the new length */
    long lpush(String namespace, String key, List<String> values);

    /** Redis LRANGE: inclusive, negative indexes count from the end. */
    List<String> lrange(String namespace, String key, long start, long stop);

    long llen(String namespace, String key);

    /** Pops up to {@code count} elements from the head. */
    List<String> lpop(String namespace, String key, long count);

    /** Redis LREM. @return how many were removed */
    long lrem(String namespace, String key, long count, String value);
}
