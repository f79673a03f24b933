package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.PoolStats;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.pool.WorkerStartException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChainExecutor} over pools by trust: {@code untrusted}, {@code verified} and one pool
 * per tenant given a dedicated one. Each app config runs only in the pool {@link ChainSplit}
 * chooses for it, so an unverified app never runs in a worker of the verified pool, nor a verified
 * app in the untrusted pool, nor another tenant's app in a dedicated pool. A chain that spans
 * pools runs segment by segment ({@link SegmentedRun}); a tenant's batches keep their order across
 * pools ({@link TenantOrder}).
 *
 * <p>An app config whose pool changes (its app was verified, or unverified) is retired from the
 * pool it ran in when its first batch in the new pool is handed over, so no instance is left behind.
 * Retirements from reload messages go to every pool (one that never loaded the config ignores
 * them).
 *
 * <p>Lifecycle: {@link #start} starts the untrusted pool (and returns once it serves); the others
 * start on their first batch ({@link OnDemandPool}). Then any number of {@link #process} and
 * {@link #retire} calls from any thread, then {@link #close}, which closes every pool. Thread-safe.
 */
public final class TrustPools implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(TrustPools.class);

    private final Map<PoolName, OnDemandPool> pools;
    private final Set<Long> dedicatedTeams;
    private final TenantOrder order = new TenantOrder();
    private final Map<Long, PoolName> poolOfConfig = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    private TrustPools(Map<PoolName, OnDemandPool> pools) {
        this.pools = pools;
        this.dedicatedTeams = pools.keySet().stream().flatMap(name -> name.dedicatedTeam().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Starts the untrusted pool with {@code starter}; the verified pool and a pool for each of
     * {@code dedicatedTeams} are started with it on their first batch.
     *
     * @throws WorkerStartException when the untrusted pool cannot start
     */
    public static TrustPools start(Set<Long> dedicatedTeams, PoolStarter starter) throws WorkerStartException {
        requireNonNull(starter, "starter is null");
        Map<PoolName, OnDemandPool> pools = new LinkedHashMap<>();
        pools.put(PoolName.UNTRUSTED, new OnDemandPool(PoolName.UNTRUSTED, starter));
        pools.put(PoolName.VERIFIED, new OnDemandPool(PoolName.VERIFIED, starter));
        dedicatedTeams.stream().sorted().map(PoolName::dedicated)
                .forEach(name -> pools.put(name, new OnDemandPool(name, starter)));
        TrustPools trustPools = new TrustPools(Map.copyOf(pools));
        pools.get(PoolName.UNTRUSTED).startNow();
        return trustPools;
    }

    @Override
    public CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        long teamId = ChainExecutor.tenantOf(requireNonNull(chain, "chain is null"));
        List<byte[]> batch = List.copyOf(requireNonNull(events, "events is null"));
        List<Segment> segments = ChainSplit.segments(List.copyOf(chain), dedicatedTeams);
        Optional<PoolName> singlePool = segments.size() == 1 ? Optional.of(segments.get(0).pool()) : Optional.empty();
        inFlight.incrementAndGet();
        CompletableFuture<List<EventOutcome>> result = order.submit(teamId, singlePool, () -> {
            retireMoved(segments);
            if (segments.size() == 1) {
                return pools.get(segments.get(0).pool()).process(segments.get(0).specs(), batch);
            }
            return SegmentedRun.run(segments, pools::get, batch);
        });
        return result.whenComplete((outcomes, error) -> inFlight.decrementAndGet());
    }

    /**
     * Runs {@code call} in the pool {@link ChainSplit} chooses for the app config, the one its
     * chain runs in. An app config that moved pools has its call instance retired from the old
     * one by the next chain batch, or by the reload that moved it.
     */
    @Override
    public CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call) {
        PoolName pool = ChainSplit.segments(List.of(requireNonNull(spec, "spec is null")), dedicatedTeams).get(0).pool();
        return pools.get(pool).call(spec, requireNonNull(call, "call is null"));
    }

    /** Retires, from the pool it ran in, every app config of {@code segments} that now runs elsewhere. */
    private void retireMoved(List<Segment> segments) {
        for (Segment segment : segments) {
            for (InstanceSpec spec : segment.specs()) {
                PoolName before = poolOfConfig.put(spec.configId(), segment.pool());
                if (before != null && !before.equals(segment.pool())) {
                    LOG.info("app config {} of team {} moves from the {} pool to the {} pool", spec.configId(), spec.teamId(),
                            before, segment.pool());
                    pools.get(before).retire(spec.configId(), Long.MIN_VALUE);
                }
            }
        }
    }

    @Override
    public void retire(long configId, long keepVersion) {
        if (keepVersion == Long.MIN_VALUE) {
            poolOfConfig.remove(configId);
        }
        pools.values().forEach(pool -> pool.retire(configId, keepVersion));
    }

    /** Every pool's name: untrusted, verified, then the dedicated ones. */
    public List<PoolName> names() {
        List<PoolName> names = new ArrayList<>(List.of(PoolName.UNTRUSTED, PoolName.VERIFIED));
        pools.keySet().stream().filter(name -> name.dedicatedTeam().isPresent())
                .sorted((a, b) -> Long.compare(a.dedicatedTeam().orElseThrow(), b.dedicatedTeam().orElseThrow()))
                .forEach(names::add);
        return List.copyOf(names);
    }

    /** One pool's snapshot: zero workers while it has not started. */
    public PoolStats stats(PoolName name) {
        return pool(name).stats();
    }

    /** Whether the pool has started (the untrusted pool always has). */
    public boolean started(PoolName name) {
        return switch (pool(name).state()) {
            case RUNNING -> true;
            case IDLE, STARTING, FAILED, CLOSED -> false;
        };
    }

    /**
     * The pools that cannot take batches now, for readiness: a started pool without a live worker,
     * or one whose last start failed. A pool that has not started yet is not listed: it starts on
     * its first batch.
     */
    public List<PoolName> notReady() {
        List<PoolName> notReady = new ArrayList<>();
        for (PoolName name : names()) {
            OnDemandPool pool = pool(name);
            boolean ready = switch (pool.state()) {
                case IDLE, STARTING -> true;
                case RUNNING -> pool.stats().workersAlive() > 0;
                case FAILED, CLOSED -> false;
            };
            if (!ready) {
                notReady.add(name);
            }
        }
        return List.copyOf(notReady);
    }

    /** The pools' snapshots summed; batches in flight are this executor's (a batch spanning pools counts once). */
    @Override
    public PoolStats stats() {
        int alive = 0;
        long restarts = 0;
        int instances = 0;
        for (OnDemandPool pool : pools.values()) {
            PoolStats stats = pool.stats();
            alive += stats.workersAlive();
            restarts += stats.workerRestarts();
            instances += stats.instancesLoaded();
        }
        return new PoolStats(alive, restarts, instances, inFlight.get());
    }

    /** The setup status of {@code configId} in the first started pool that has one. */
    @Override
    public Optional<SetupStatus> setupStatus(long configId) {
        for (OnDemandPool pool : pools.values()) {
            Optional<SetupStatus> status = pool.setupStatus(configId);
            if (status.isPresent()) {
                return status;
            }
        }
        return Optional.empty();
    }

    /** Whether any pool is saturated: input for every pool comes through the same consumer. */
    @Override
    public boolean saturated() {
        return pools.values().stream().anyMatch(Pool::saturated);
    }

    /** Closes every pool, in parallel (each waits, bounded, for its batches in flight). */
    @Override
    public void close() {
        List<Thread> closing = new ArrayList<>();
        for (OnDemandPool pool : pools.values()) {
            closing.add(Thread.ofVirtual().name("close-pool-" + pool.name()).start(pool::close));
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private OnDemandPool pool(PoolName name) {
        OnDemandPool pool = pools.get(requireNonNull(name, "name is null"));
        if (pool == null) {
            throw new IllegalArgumentException("no pool " + name + " (pools: " + names() + ")");
        }
        return pool;
    }
}
