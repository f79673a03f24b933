package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.WorkerLimits;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pools by trust a server runs.
 *
 * @param untrusted the pool of every app not verified; started with the server
 * @param verified the pool of verified apps; started on its first batch
 * @param dedicated a pool per tenant given one, by team id; each started on its first batch
 */
public record TrustPoolSettings(PoolPlan untrusted, PoolPlan verified, Map<Long, PoolPlan> dedicated) {
    public TrustPoolSettings {
        requireNonNull(untrusted, "untrusted is null");
        requireNonNull(verified, "verified is null");
        dedicated = Map.copyOf(requireNonNull(dedicated, "dedicated is null"));
        dedicated.keySet().forEach(PoolName::dedicated); // validates the team ids
    }

    /** {@code workers} untrusted workers and one verified worker, all with {@code limits}; no dedicated pools. */
    public static TrustPoolSettings of(int workers, WorkerLimits limits) {
        return new TrustPoolSettings(new PoolPlan(workers, limits), new PoolPlan(1, limits), Map.of());
    }

    /** The plan of the pool {@code name}. */
    public PoolPlan plan(PoolName name) {
        if (name.equals(PoolName.UNTRUSTED)) {
            return untrusted;
        }
        if (name.equals(PoolName.VERIFIED)) {
            return verified;
        }
        PoolPlan plan = dedicated.get(name.dedicatedTeam().orElseThrow());
        if (plan == null) {
            throw new IllegalArgumentException("no dedicated pool " + name);
        }
        return plan;
    }

    /** Every pool's plan by name, for the log: untrusted, verified, then dedicated pools by team. */
    public Map<String, PoolPlan> byName() {
        Map<String, PoolPlan> plans = new java.util.LinkedHashMap<>();
        plans.put(PoolName.UNTRUSTED.name(), untrusted);
        plans.put(PoolName.VERIFIED.name(), verified);
        new TreeMap<>(dedicated).forEach((team, plan) -> plans.put(PoolName.dedicated(team).name(), plan));
        return plans;
    }
}
