package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.WorkerLimits;

/**
 * The size and limits of one pool.
 *
 * @param workers worker processes the pool keeps running once started
 * @param limits each worker's heap and cgroup limits
 */
public record PoolPlan(int workers, WorkerLimits limits) {
    public PoolPlan {
        requireNonNull(limits, "limits is null");
        if (workers < 1) {
            throw new IllegalArgumentException("a pool has at least one worker, not " + workers);
        }
    }
}
