package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link AppStorage} in memory, for {@code run-app} and tests. Each write runs inside
 * {@link ConcurrentHashMap#compute}, which serializes the writes of one key: a charge that throws
 * leaves the old entry in place. Thread-safe.
 */
public final class InMemoryAppStorage implements AppStorage {
    private final Map<Entry, String> values = new ConcurrentHashMap<>();

    @Override
    public void set(long configId, String key, String valueJson, StorageCharge charge) {
        requireNonNull(valueJson, "valueJson is null");
        values.compute(new Entry(configId, key), (entry, old) -> {
            charge.charge(AppStorage.storedBytes(key, valueJson) - bytes(key, old));
            return valueJson;
        });
    }

    @Override
    public Optional<String> get(long configId, String key) {
        return Optional.ofNullable(values.get(new Entry(configId, key)));
    }

    @Override
    public long delete(long configId, String key) {
        return bytes(key, values.remove(new Entry(configId, key)));
    }

    @Override
    public void initCursor(long configId, String key, long initial, StorageCharge charge) {
        values.computeIfAbsent(new Entry(configId, key), entry -> {
            String value = Long.toString(initial);
            charge.charge(AppStorage.storedBytes(key, value));
            return value;
        });
    }

    @Override
    public long incrementCursor(long configId, String key, long by, StorageCharge charge) {
        String next = values.compute(new Entry(configId, key), (entry, old) -> {
            String value = Long.toString(add(key, old, by));
            charge.charge(AppStorage.storedBytes(key, value) - bytes(key, old));
            return value;
        });
        return Long.parseLong(next);
    }

    /** What PostgreSQL's {@code CAST(CAST(value AS text) AS bigint) + by} accepts, and nothing else. */
    private static long add(String key, String old, long by) {
        try {
            return Math.addExact(old == null ? 0 : Long.parseLong(old.strip()), by);
        } catch (NumberFormatException | ArithmeticException e) {
            throw AppStorage.notAnInteger(key);
        }
    }

    private static long bytes(String key, String valueJson) {
        return valueJson == null ? 0 : AppStorage.storedBytes(key, valueJson);
    }

    private record Entry(long configId, String key) {
        Entry {
            requireNonNull(key, "key is null");
        }
    }
}
