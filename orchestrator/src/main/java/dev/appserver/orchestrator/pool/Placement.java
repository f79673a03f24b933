package dev.appserver.orchestrator.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Which worker slot each tenant's chains run on. A tenant is placed on first use on the live
 * slot with the fewest tenants (the lowest index on a tie) and stays there, so its instances
 * stay warm; a replaced worker keeps its slot, and so its tenants. With no live slot at all the
 * tenant goes to the least-loaded slot anyway (its batch then waits for that slot's worker).
 *
 * <p>Thread-safe.
 */
final class Placement {
    private final int[] tenantsPerSlot;
    private final Map<Long, Integer> slotByTenant = new HashMap<>();

    Placement(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1: " + slots);
        }
        this.tenantsPerSlot = new int[slots];
    }

    /** The tenant's slot, placing it first when it has none. */
    synchronized int slotFor(long teamId, IntPredicate live) {
        Integer placed = slotByTenant.get(teamId);
        if (placed != null) {
            return placed;
        }
        int chosen = leastLoaded(live);
        if (chosen < 0) {
            chosen = leastLoaded(slot -> true);
        }
        slotByTenant.put(teamId, chosen);
        tenantsPerSlot[chosen]++;
        return chosen;
    }

    /** The tenant's slot, or -1 when it has never been placed. */
    synchronized int placed(long teamId) {
        return slotByTenant.getOrDefault(teamId, -1);
    }

    synchronized int tenants(int slot) {
        return tenantsPerSlot[slot];
    }

    private int leastLoaded(IntPredicate eligible) {
        int best = -1;
        for (int slot = 0; slot < tenantsPerSlot.length; slot++) {
            if (eligible.test(slot) && (best < 0 || tenantsPerSlot[slot] < tenantsPerSlot[best])) {
                best = slot;
            }
        }
        return best;
    }
}
