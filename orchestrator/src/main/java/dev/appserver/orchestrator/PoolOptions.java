package dev.appserver.orchestrator;

import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.server.ServerSettings;
import dev.appserver.orchestrator.trust.PoolName;
import dev.appserver.orchestrator.trust.PoolPlan;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code start}'s pools by trust: how many workers each pool has, and the limits of a pool that
 * differ from the {@code --worker-*} flags (which every pool starts from).
 */
public final class PoolOptions {
    private static final Set<String> LIMIT_KEYS = Set.of("heap", "memory", "cpus", "pids");

    @Option(names = "--workers", paramLabel = "N", description = "Workers of the untrusted pool (default: one per core).")
    Integer workers;

    @Option(names = "--verified-workers", paramLabel = "N", defaultValue = "1",
            description = "Workers of the verified pool, started on its first batch (default: ${DEFAULT-VALUE}).")
    int verifiedWorkers;

    @Option(names = "--dedicated-pool", paramLabel = "TEAM[:WORKERS]",
            description = "Give tenant TEAM a pool of its own (default: 1 worker), started on its first batch (repeatable).")
    List<String> dedicatedPools = List.of();

    @Option(names = "--pool-limits", paramLabel = "POOL:KEY=VALUE[,KEY=VALUE]",
            description = "Limits of one pool (untrusted, verified or team-<id>) other than the --worker-* ones: "
                    + "heap=MB, memory=MB, cpus=N, pids=N (repeatable).")
    List<String> poolLimits = List.of();

    /**
     * The pools these flags describe, every limit not given for a pool taken from {@code base}.
     *
     * @throws IllegalArgumentException with a message naming the flag
     */
    public TrustPoolSettings pools(WorkerLimits base) {
        int untrustedWorkers = workers == null ? ServerSettings.defaultWorkers() : workers;
        requireWorkers("--workers", untrustedWorkers);
        requireWorkers("--verified-workers", verifiedWorkers);
        Map<Long, Integer> dedicatedWorkers = new HashMap<>();
        for (String pool : dedicatedPools) {
            String[] parts = pool.split(":", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("--dedicated-pool is TEAM or TEAM:WORKERS, not '" + pool + "'");
            }
            long team = positive("--dedicated-pool team", parts[0]);
            int count = parts.length == 2 ? (int) positive("--dedicated-pool workers", parts[1]) : 1;
            if (dedicatedWorkers.put(team, count) != null) {
                throw new IllegalArgumentException("--dedicated-pool gives team " + team + " a pool twice");
            }
        }
        Map<PoolName, WorkerLimits> limits = new HashMap<>();
        for (String spec : poolLimits) {
            int colon = spec.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("--pool-limits is POOL:KEY=VALUE[,KEY=VALUE], not '" + spec + "'");
            }
            PoolName name = new PoolName(spec.substring(0, colon));
            if (name.dedicatedTeam().isPresent() && !dedicatedWorkers.containsKey(name.dedicatedTeam().get())) {
                throw new IllegalArgumentException("--pool-limits names " + name + ", which no --dedicated-pool creates");
            }
            if (limits.put(name, limits(name, spec.substring(colon + 1), base)) != null) {
                throw new IllegalArgumentException("--pool-limits gives the " + name + " pool limits twice");
            }
        }
        Map<Long, PoolPlan> dedicated = new HashMap<>();
        dedicatedWorkers.forEach((team, count) ->
                dedicated.put(team, new PoolPlan(count, limits.getOrDefault(PoolName.dedicated(team), base))));
        return new TrustPoolSettings(new PoolPlan(untrustedWorkers, limits.getOrDefault(PoolName.UNTRUSTED, base)),
                new PoolPlan(verifiedWorkers, limits.getOrDefault(PoolName.VERIFIED, base)), dedicated);
    }

    /**
     * A pool's limits: the given keys over {@code base}. A pool given a heap but no memory gets
     * the default memory for that heap, as {@code --worker-heap} alone does.
     */
    private static WorkerLimits limits(PoolName name, String values, WorkerLimits base) {
        Map<String, String> given = new HashMap<>();
        for (String pair : values.split(",", -1)) {
            String[] keyValue = pair.split("=", -1);
            if (keyValue.length != 2 || !LIMIT_KEYS.contains(keyValue[0]) || given.put(keyValue[0], keyValue[1]) != null) {
                throw new IllegalArgumentException("--pool-limits " + name + ": '" + pair
                        + "' is not one of heap=MB, memory=MB, cpus=N, pids=N (each once)");
            }
        }
        String flag = "--pool-limits " + name + ":";
        try {
            int heap = given.containsKey("heap") ? Integer.parseInt(given.get("heap")) : base.heapMegabytes();
            Integer memory = given.containsKey("memory") ? Integer.valueOf(given.get("memory"))
                    : given.containsKey("heap") ? null : Math.toIntExact(base.cgroup().memoryMegabytes());
            BigDecimal cpus = given.containsKey("cpus") ? new BigDecimal(given.get("cpus")) : BigDecimal.valueOf(base.cgroup().cpus());
            int pids = given.containsKey("pids") ? Integer.parseInt(given.get("pids")) : base.cgroup().pids();
            return WorkerLimitOptions.limits(heap, memory, cpus, pids, flag);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " '" + values + "' holds something that is not a number");
        }
    }

    private static void requireWorkers(String flag, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, not " + count);
        }
    }

    private static long positive(String what, String text) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(what + " must be a positive integer, not '" + text + "'");
    }
}
