package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances that failed to load, and when to try again. Until then chains run without them
 * (counted as failed for every event) instead of paying for a load that fails on every batch.
 * Kept for the whole pool, so a replaced worker does not retry early.
 *
 * <p>Thread-safe.
 */
final class LoadBackoff {
    private final Clock clock;
    private final Duration backoff;
    private final Map<InstanceSpec.Key, Instant> retryAt = new ConcurrentHashMap<>();

    LoadBackoff(Clock clock, Duration backoff) {
        this.clock = requireNonNull(clock, "clock is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
    }

    /** Whether a load of {@code key} may be tried now. */
    boolean mayLoad(InstanceSpec.Key key) {
        Instant at = retryAt.get(key);
        return at == null || !clock.instant().isBefore(at);
    }

    void failed(InstanceSpec.Key key) {
        retryAt.put(key, clock.instant().plus(backoff));
    }

    void loaded(InstanceSpec.Key key) {
        retryAt.remove(key);
    }

    /** Forgets the versions of {@code configId} other than {@code keepVersion}. */
    void forget(long configId, long keepVersion) {
        retryAt.keySet().removeIf(k -> k.configId() == configId && k.version() != keepVersion);
    }
}
