package dev.appserver.orchestrator.routing;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each tenant's chain, cached: read from the store on first use, then kept until {@link
 * #invalidate} (a reload message for the tenant), {@link #invalidateAll}, or until it is older than
 * the refresh interval, the safety net for a reload message that never arrived. A tenant without
 * enabled apps is cached too (an empty chain), so pass-through traffic costs no query.
 *
 * <p>Thread-safe. Two threads missing the same tenant at once may both read the store; they get
 * equal chains.
 */
public final class TeamChains {
    private final ChainBuilder builder;
    private final Clock clock;
    private final Duration refresh;
    private final Map<Long, Cached> chains = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    /**
     * @param timeoutMillis the per-invocation time limit given to every instance
     * @param refresh how long a cached chain is trusted without a reload message
     */
    public TeamChains(AppRepository apps, AppConfigRepository configs, long timeoutMillis, Clock clock, Duration refresh) {
        this.builder = new ChainBuilder(apps, configs, timeoutMillis);
        this.clock = requireNonNull(clock, "clock is null");
        this.refresh = requireNonNull(refresh, "refresh is null");
    }

    /** The tenant's enabled app configs in chain order; empty when it has none. */
    public List<InstanceSpec> chainOf(long teamId) {
        Instant now = clock.instant();
        Cached cached = chains.get(teamId);
        if (cached != null && now.isBefore(cached.readAt().plus(refresh))) {
            return cached.chain();
        }
        long generation = invalidations.get();
        List<InstanceSpec> chain = builder.chainOf(teamId);
        // An invalidation while the store was read may mean this chain is already stale: use it
        // for this call only, and let the next call read again.
        if (invalidations.get() == generation) {
            chains.put(teamId, new Cached(chain, now));
        }
        return chain;
    }

    /** Forgets the tenant's chain; the next {@link #chainOf} reads the store. */
    public void invalidate(long teamId) {
        invalidations.incrementAndGet();
        chains.remove(teamId);
    }

    /** Forgets every chain. */
    public void invalidateAll() {
        invalidations.incrementAndGet();
        chains.clear();
    }

    private record Cached(List<InstanceSpec> chain, Instant readAt) {}
}
