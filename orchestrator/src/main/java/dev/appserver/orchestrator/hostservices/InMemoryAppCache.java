package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * {@link AppCache} in memory, with Redis's semantics and error texts, for {@code run-app} and
 * tests. Expiry is read from the injected clock. Thread-safe (one lock; it is a harness store).
 */
public final class InMemoryAppCache implements AppCache {
    static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String OVERFLOW = "ERR increment or decrement would overflow";

    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    public InMemoryAppCache(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized void set(String namespace, String key, String value, long ttlSeconds) {
        entries.put(namespace + key, new Entry(value, null, expiry(ttlSeconds)));
    }

    @Override
    public synchronized String get(String namespace, String key) {
        Entry e = live(namespace + key);
        if (e == null) {
            return null;
        }
        if (e.list != null) {
            throw new IllegalStateException(WRONG_TYPE);
        }
        return e.value;
    }

    @Override
    public synchronized long incr(String namespace, String key, long by) {
        Entry e = live(namespace + key);
        long current = 0;
        if (e != null) {
            if (e.list != null) {
                throw new IllegalStateException(WRONG_TYPE);
            }
            try {
                current = Long.parseLong(e.value);
            } catch (NumberFormatException notANumber) {
                throw new IllegalStateException(NOT_INTEGER);
            }
        }
        long next;
        try {
            next = Math.addExact(current, by);
        } catch (ArithmeticException overflow) {
            throw new IllegalStateException(OVERFLOW);
        }
        entries.put(namespace + key, new Entry(Long.toString(next), null, e == null ? 0 : e.expiresAt));
        return next;
    }

    @Override
    public synchronized boolean expire(String namespace, String key, long ttlSeconds) {
        Entry e = live(namespace + key);
        if (e == null) {
            return false;
        }
        if (ttlSeconds <= 0) {
            entries.remove(namespace + key);
        } else {
            e.expiresAt = expiry(ttlSeconds);
        }
        return true;
    }

    @Override
    public synchronized long lpush(String namespace, String key, List<String> values) {
        Entry e = live(namespace + key);
        if (e == null) {
            e = new Entry(null, new LinkedList<>(), 0);
            entries.put(namespace + key, e);
        } else if (e.list == null) {
            throw new IllegalStateException(WRONG_TYPE);
        }
        for (String v : values) {
            e.list.addFirst(v);
        }
        return e.list.size();
    }

    @Override
    public synchronized List<String> lrange(String namespace, String key, long start, long stop) {
        LinkedList<String> list = list(namespace + key);
        int size = list.size();
        long from = start < 0 ? Math.max(0, size + start) : start;
        long to = stop < 0 ? size + stop : Math.min(stop, size - 1L);
        if (from > to || from >= size) {
            return List.of();
        }
        return new ArrayList<>(list.subList((int) from, (int) to + 1));
    }

    @Override
    public synchronized long llen(String namespace, String key) {
        return list(namespace + key).size();
    }

    @Override
    public synchronized List<String> lpop(String namespace, String key, long count) {
        LinkedList<String> list = list(namespace + key);
        List<String> popped = new ArrayList<>();
        while (popped.size() < count && !list.isEmpty()) {
            popped.add(list.removeFirst());
        }
        if (list.isEmpty()) {
            entries.remove(namespace + key);
        }
        return popped;
    }

    @Override
    public synchronized long lrem(String namespace, String key, long count, String value) {
        LinkedList<String> list = list(namespace + key);
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        long removed = 0;
        if (count >= 0) {
            for (Iterator<String> it = list.iterator(); it.hasNext() && removed < limit; ) {
                if (it.next().equals(value)) {
                    it.remove();
                    removed++;
                }
            }
        } else {
            for (ListIterator<String> it = list.listIterator(list.size()); it.hasPrevious() && removed < limit; ) {
                if (it.previous().equals(value)) {
                    it.remove();
                    removed++;
                }
            }
        }
        if (list.isEmpty()) {
            entries.remove(namespace + key);
        }
        return removed;
    }

    private LinkedList<String> list(String fullKey) {
        Entry e = live(fullKey);
        if (e == null) {
            return new LinkedList<>();
        }
        if (e.list == null) {
            throw new IllegalStateException(WRONG_TYPE);
        }
        return e.list;
    }

    private Entry live(String fullKey) {
        Entry e = entries.get(fullKey);
        if (e != null && e.expiresAt != 0 && clock.millis() >= e.expiresAt) {
            entries.remove(fullKey);
            return null;
        }
        return e;
    }

    private long expiry(long ttlSeconds) {
        return ttlSeconds > 0 ? clock.millis() + ttlSeconds * 1000 : 0;
    }

    private static final class Entry {
        final String value;
        final LinkedList<String> list;
        long expiresAt;

        Entry(String value, LinkedList<String> list, long expiresAt) {
            this.value = value;
            this.list = list;
            this.expiresAt = expiresAt;
        }
    }
}
