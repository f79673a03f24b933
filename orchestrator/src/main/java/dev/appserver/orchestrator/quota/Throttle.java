package dev.appserver.orchestrator.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Why a tenant's events wait, and for how long at least.
 *
 * @param quota which quota: {@code cpu}, {@code events}, {@code fetch}, {@code backlog} (earlier
 *     events of the tenant still wait, and later ones may not overtake them) or {@link #SLOW} (the
 *     tenant's part of an input batch took longer than the batch waits for one tenant)
 * @param waitFor how long until the quota has room again; zero for {@code backlog}
 */
public record Throttle(String quota, Duration waitFor) {
    /** The tenant held up an input batch: its events go on from the overflow topic. */
    public static final String SLOW = "slow";

    public Throttle {
        requireNonNull(quota, "quota is null");
        requireNonNull(waitFor, "waitFor is null");
    }
}
