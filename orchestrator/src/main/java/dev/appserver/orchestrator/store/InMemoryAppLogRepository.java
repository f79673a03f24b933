package dev.appserver.orchestrator.store;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AppLogRepository} in memory, keeping the newest {@code capacity} entries of each app
 * config. Timestamps are truncated to microseconds, as PostgreSQL stores them. Thread-safe (one
 * lock).
 */
public final class InMemoryAppLogRepository implements AppLogRepository {
    private final int capacity;
    private final Map<Long, Deque<AppLogEntry>> entries = new HashMap<>();

    public InMemoryAppLogRepository(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void append(AppLogEntry entry) {
        Deque<AppLogEntry> log = entries.computeIfAbsent(entry.configId(), key -> new ArrayDeque<>());
        log.addLast(new AppLogEntry(entry.configId(), entry.timestamp().truncatedTo(ChronoUnit.MICROS), entry.type(),
                entry.source(), entry.message()));
        if (log.size() > capacity) {
            log.removeFirst();
        }
    }

    @Override
    public synchronized List<AppLogEntry> recent(long configId, int limit) {
        List<AppLogEntry> log = List.copyOf(entries.getOrDefault(configId, new ArrayDeque<>()));
        return log.subList(Math.max(0, log.size() - limit), log.size());
    }
}
