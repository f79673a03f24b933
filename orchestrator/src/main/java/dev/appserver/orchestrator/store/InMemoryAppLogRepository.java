package dev.appserver.orchestrator.store;

import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link AppLogRepository} in memory, keeping the newest {@code capacity} entries of each app
 * config. Ids count up from 1 across all app configs, like a sequence. Timestamps are truncated to
 * microseconds, as PostgreSQL stores them. Thread-safe (one lock).
 */
public final class InMemoryAppLogRepository implements AppLogRepository {
    private final int capacity;
    private final Map<Long, Deque<StoredAppLogEntry>> entries = new HashMap<>();
    private long lastId;

    public InMemoryAppLogRepository(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void append(AppLogEntry entry) {
        Deque<StoredAppLogEntry> log = entries.computeIfAbsent(entry.configId(), key -> new ArrayDeque<>());
        log.addLast(new StoredAppLogEntry(++lastId, new AppLogEntry(entry.configId(),
                entry.timestamp().truncatedTo(ChronoUnit.MICROS), entry.type(), entry.source(), entry.message())));
        if (log.size() > capacity) {
            log.removeFirst();
        }
    }

    @Override
    public synchronized AppLogPage query(AppLogQuery query) {
        List<StoredAppLogEntry> newestFirst = new ArrayList<>();
        Iterator<StoredAppLogEntry> log = entries.getOrDefault(query.configId(), new ArrayDeque<>()).descendingIterator();
        while (log.hasNext() && newestFirst.size() <= query.limit()) {
            StoredAppLogEntry stored = log.next();
            if (query.before().orElse(Long.MAX_VALUE) > stored.id() && query.matches(stored.entry())) {
                newestFirst.add(stored);
            }
        }
        return AppLogPage.of(newestFirst, query.limit());
    }
}
