package dev.appserver.orchestrator.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Why a tenant's events wait, and for how long at least.
 *
 * @param quota which quota: {@code cpu}, {@code events}, {@code fetch} or {@code backlog} (earlier
 *     events of the tenant still wait, and later ones may not overtake them)
 * @param waitFor how long until the quota has room again; zero for {@code backlog}
 */
public record Throttle(String quota, Duration waitFor) {
    public Throttle {
        requireNonNull(quota, "quota is null");
        requireNonNull(waitFor, "waitFor is null");
    }
}
