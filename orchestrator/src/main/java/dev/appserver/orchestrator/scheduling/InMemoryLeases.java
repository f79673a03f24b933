package dev.appserver.orchestrator.scheduling;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link Leases} in one process, timed by the injected clock; for tests and tools. Thread-safe. */
public final class InMemoryLeases implements Leases {
    private final Clock clock;
    private final Map<String, Held> leases = new HashMap<>();

    private record Held(String holder, Instant until) {}

    public InMemoryLeases(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized boolean acquireOrRenew(String name, String holder, Duration lease) {
        Instant now = clock.instant();
        Held held = leases.get(name);
        if (held != null && held.until().isAfter(now) && !held.holder().equals(holder)) {
            return false;
        }
        leases.put(name, new Held(holder, now.plus(lease)));
        return true;
    }

    @Override
    public synchronized void release(String name, String holder) {
        Held held = leases.get(name);
        if (held != null && held.holder().equals(holder)) {
            leases.remove(name);
        }
    }

    @Override
    public synchronized boolean claimOnce(String name, Duration ttl) {
        Instant now = clock.instant();
        Held held = leases.get(name);
        if (held != null && held.until().isAfter(now)) {
            return false;
        }
        leases.put(name, new Held("", now.plus(ttl)));
        return true;
    }
}
