package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.List;

/**
 * Consecutive app configs of a chain that run in the same pool.
 *
 * @param pool where they run
 * @param specs the app configs, in chain order; not empty
 */
record Segment(PoolName pool, List<InstanceSpec> specs) {
    Segment {
        requireNonNull(pool, "pool is null");
        specs = List.copyOf(specs);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a segment has at least one app config");
        }
    }
}
