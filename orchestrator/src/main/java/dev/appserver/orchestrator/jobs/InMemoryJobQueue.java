package dev.appserver.orchestrator.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link JobQueue} in memory, for tests and tools: one process's jobs, gone with it. Thread-safe. */
public final class InMemoryJobQueue implements JobQueue {
    private final Map<Long, Entry> jobs = new LinkedHashMap<>();
    private long nextId;

    private record Entry(long id, NewJob job, int attempts, Instant leasedUntil) {}

    @Override
    public synchronized long enqueue(NewJob job) {
        long id = ++nextId;
        jobs.put(id, new Entry(id, requireNonNull(job, "job is null"), 0, null));
        return id;
    }

    @Override
    public synchronized List<Job> claim(Instant now, int max, Duration lease) {
        List<Entry> due = jobs.values().stream()
                .filter(e -> !e.job().runAt().isAfter(now) && (e.leasedUntil() == null || e.leasedUntil().isBefore(now)))
                .sorted(Comparator.comparing((Entry e) -> e.job().runAt()).thenComparingLong(Entry::id))
                .limit(max)
                .toList();
        List<Job> claimed = new ArrayList<>();
        for (Entry e : due) {
            Entry leased = new Entry(e.id(), e.job(), e.attempts() + 1, now.plus(lease));
            jobs.put(e.id(), leased);
            claimed.add(new Job(e.id(), e.job(), leased.attempts()));
        }
        return claimed;
    }

    @Override
    public synchronized void finish(long id) {
        jobs.remove(id);
    }

    @Override
    public synchronized void release(long id) {
        jobs.computeIfPresent(id, (key, e) -> new Entry(e.id(), e.job(), e.attempts(), null));
    }

    @Override
    public synchronized int waiting(long configId) {
        return (int) jobs.values().stream().filter(e -> e.job().configId() == configId).count();
    }
}
