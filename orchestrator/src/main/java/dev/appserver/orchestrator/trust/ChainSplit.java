package dev.appserver.orchestrator.trust;

import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides where each app config of a chain runs. A tenant with a dedicated pool runs its whole
 * chain there, whatever its apps' trust: it is alone in that pool. Any other chain is cut into
 * maximal runs of consecutive app configs of the same trust, verified ones in
 * {@link PoolName#VERIFIED}, the rest in {@link PoolName#UNTRUSTED}; a chain of one trust is one
 * segment. Stateless.
 */
final class ChainSplit {
    private ChainSplit() {}

    /**
     * @param chain one tenant's app configs in chain order; not empty
     * @param dedicatedTeams the tenants that have a pool of their own
     * @return the segments in chain order; their specs, concatenated, are {@code chain}
     */
    static List<Segment> segments(List<InstanceSpec> chain, Set<Long> dedicatedTeams) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the chain is empty");
        }
        long teamId = chain.get(0).teamId();
        if (dedicatedTeams.contains(teamId)) {
            return List.of(new Segment(PoolName.dedicated(teamId), chain));
        }
        List<Segment> segments = new ArrayList<>();
        List<InstanceSpec> current = new ArrayList<>();
        PoolName currentPool = poolOf(chain.get(0));
        for (InstanceSpec spec : chain) {
            PoolName pool = poolOf(spec);
            if (!pool.equals(currentPool)) {
                segments.add(new Segment(currentPool, current));
                current = new ArrayList<>();
                currentPool = pool;
            }
            current.add(spec);
        }
        segments.add(new Segment(currentPool, current));
        return List.copyOf(segments);
    }

    private static PoolName poolOf(InstanceSpec spec) {
        return spec.verified() ? PoolName.VERIFIED : PoolName.UNTRUSTED;
    }
}
