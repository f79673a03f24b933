package dev.appserver.orchestrator.hostservices;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AppStorage} in memory, for {@code run-app} and tests. Thread-safe. */
public final class InMemoryAppStorage implements AppStorage {
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();

    private static String key(long configId, String key) {
        return configId + "\0" + key;
    }

    @Override
    public void set(long configId, String key, String valueJson) {
        values.put(key(configId, key), valueJson);
    }

    @Override
    public Optional<String> get(long configId, String key) {
        return Optional.ofNullable(values.get(key(configId, key)));
    }

    @Override
    public void delete(long configId, String key) {
        values.remove(key(configId, key));
    }

    @Override
    public void initCursor(long configId, String key, long initial) {
        cursors.putIfAbsent(key(configId, key), initial);
    }

    @Override
    public long incrementCursor(long configId, String key, long by) {
        return cursors.merge(key(configId, key), by, Long::sum);
    }
}
