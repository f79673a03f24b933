package dev.appserver.orchestrator.scheduling;

import java.time.Duration;

/**
 * Named leases shared by the orchestrators of a cluster ({@code RedisLeases}; {@link InMemoryLeases}
 * for one process). A lease names its holder and ends by itself unless renewed, so the lease of
 * an orchestrator that died is free again after at most its duration. Thread-safe.
 */
public interface Leases {
    /** Takes {@code name} for {@code holder} when it is free, or renews it when {@code holder} holds it. */
    boolean acquireOrRenew(String name, String holder, Duration lease);

    /** Gives {@code name} up if {@code holder} holds it. */
    void release(String name, String holder);

    /** Takes {@code name} once: true for the first caller until it expires after {@code ttl}, false for every other. */
    boolean claimOnce(String name, Duration ttl);
}
