package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.HostCallHandler;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.limits.Cgroups;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChainExecutor} over a pool of sandbox worker processes.
 *
 * <p>Workers are started together (in parallel) when the pool starts, one per {@link WorkerSlot}.
 * A tenant is placed on the live slot with the fewest tenants on first use and stays there
 * ({@link Placement}), so its instances stay warm; they are loaded on first use and retried
 * with PostHog's rules when their load fails ({@link PooledWorker}, {@link SetupRetries}). A tenant's
 * batches run one after another in submission order, different tenants' in parallel
 * ({@link SerialQueues}). A worker that dies, hangs past a call's deadline or fails its health
 * check ({@link HealthChecks}) is killed and replaced in its slot, and its batches are re-run
 * with blame only on evidence ({@link BatchRun}) on workers of their own ({@link Quarantine}),
 * so the slot's other tenants do not wait for the search.
 *
 * <p>Lifecycle: {@link #start}, then any number of {@link #process} and {@link #retire} calls
 * from any thread, then {@link #close}. {@code process} never blocks; callers pause their input
 * while {@link #saturated()}. Thread-safe.
 */
public final class WorkerPool implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** The pool's life. */
    private enum State {
        /** Taking batches. */
        RUNNING,
        /** {@link #close} was called: no new batches; those in flight finish. */
        CLOSING,
        /** Every worker is stopped. */
        CLOSED
    }

    private final WorkerPoolSettings settings;
    private final Clock clock;
    private final ExecutorService executor;
    private final Runnable afterClose;
    private final SetupRetries retries;
    private final InstanceReports reports;
    private final PooledWorkerStarter starter;
    private final WorkerSlots slots;
    private final AtomicLong quarantines = new AtomicLong();
    private final AtomicLong quarantineDeaths = new AtomicLong();
    /** As many quarantine workers at a time as the pool has slots. */
    private final Semaphore quarantineWorkers;
    private final Placement placement;
    private final SerialQueues<Long> tenants;
    /** App calls, serial per app config. */
    private final SerialQueues<Long> calls;
    private final HealthChecks healthChecks;
    private final Map<Long, Long> teamByConfig = new ConcurrentHashMap<>();
    private final PendingWork pending = new PendingWork();
    private volatile State state = State.RUNNING;

    /**
     * Workers are started on {@code executor}, which also runs batches (blocking on worker calls)
     * and health checks: it must not bound its threads (virtual threads suit it). The pool does
     * not shut down {@code executor} or {@code scheduler}; {@code afterClose} runs last in
     * {@link #close}.
     */
    WorkerPool(WorkerPoolSettings settings, WorkerLauncher launcher, Function<InstanceDirectory, HostCallHandler> handlers,
            InstanceListener listener, Clock clock, ScheduledExecutorService scheduler, ExecutorService executor,
            Runnable afterClose) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.afterClose = requireNonNull(afterClose, "afterClose is null");
        this.retries = new SetupRetries(clock, settings.loadRetryBackoff());
        this.reports = new InstanceReports(requireNonNull(listener, "listener is null"));
        this.starter = new PooledWorkerStarter(launcher, handlers, listener, retries, settings.callTimeout(), executor);
        this.slots = new WorkerSlots(settings.workers(), starter,
                Math.max(1, Math.ceilDiv(settings.maxBatchesInFlight(), settings.workers())));
        this.quarantineWorkers = new Semaphore(settings.workers(), true);
        this.placement = new Placement(settings.workers());
        this.tenants = new SerialQueues<>(executor);
        this.calls = new SerialQueues<>(executor);
        this.healthChecks = new HealthChecks(slots.all(), scheduler, executor, settings.healthCheckInterval(),
                settings.healthCheckDeadline());
        healthChecks.start();
    }

    /**
     * Starts a pool of real worker processes from {@code dist} and returns once every worker
     * serves. Each worker runs in a group of {@code cgroups} with the limits of
     * {@code settings.limits().cgroup()}; the pool does not close {@code cgroups}. {@code handlers}
     * makes each worker's host-call handler over the directory of that worker's instances. A worker
     * is given apps only once it has said whether its seccomp filter is on, and is refused or
     * warned about under {@code settings.unconfinedWorkers()} when it is not ({@link SeccompGate}).
     * The pool runs its health checks on a scheduler of its own.
     *
     * @throws WorkerStartException when a worker cannot be started (the others are stopped)
     */
    public static WorkerPool start(WorkerPoolSettings settings, WorkerDistribution dist, Cgroups cgroups,
            Function<InstanceDirectory, HostCallHandler> handlers, InstanceListener listener, Clock clock)
            throws WorkerStartException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("worker-pool-health").factory());
        try {
            return start(settings, dist, cgroups, handlers, listener, clock, scheduler, scheduler::shutdownNow);
        } catch (WorkerStartException | RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    /**
     * Like {@link #start(WorkerPoolSettings, WorkerDistribution, Cgroups, Function, InstanceListener, Clock)},
     * with the health checks on {@code scheduler}, which the pool does not shut down.
     */
    public static WorkerPool start(WorkerPoolSettings settings, WorkerDistribution dist, Cgroups cgroups,
            Function<InstanceDirectory, HostCallHandler> handlers, InstanceListener listener, Clock clock,
            ScheduledExecutorService scheduler) throws WorkerStartException {
        return start(settings, dist, cgroups, handlers, listener, clock, scheduler, () -> { });
    }

    private static WorkerPool start(WorkerPoolSettings settings, WorkerDistribution dist, Cgroups cgroups,
            Function<InstanceDirectory, HostCallHandler> handlers, InstanceListener listener, Clock clock,
            ScheduledExecutorService scheduler, Runnable stopScheduler) throws WorkerStartException {
        requireNonNull(dist, "dist is null");
        requireNonNull(cgroups, "cgroups is null");
        SocketDirectory sockets = SocketDirectory.create();
        // Batches block on worker calls and worker starts: a virtual thread each.
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("worker-pool-", 0).factory());
        WorkerLauncher launcher = new SeccompGate(ProcessWorker.launcher(dist, settings.limits(), cgroups, sockets.path()),
                settings.unconfinedWorkers(), settings.healthCheckDeadline(), LOG::warn);
        WorkerPool pool = new WorkerPool(settings, launcher, handlers,
                listener, clock, scheduler, executor, () -> {
                    stopScheduler.run();
                    executor.shutdown();
                    sockets.close();
                });
        try {
            pool.awaitWorkers();
        } catch (WorkerStartException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Waits until every worker serves. */
    void awaitWorkers() throws WorkerStartException {
        slots.awaitAll();
    }

    @Override
    public CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        long teamId = ChainExecutor.tenantOf(requireNonNull(chain, "chain is null"));
        List<byte[]> batch = List.copyOf(requireNonNull(events, "events is null"));
        if (state != State.RUNNING) {
            return CompletableFuture.failedFuture(new IllegalStateException("the worker pool is closed"));
        }
        List<InstanceSpec> specs = List.copyOf(chain);
        specs.forEach(spec -> teamByConfig.put(spec.configId(), teamId));
        return pending.batch(tenants.submit(teamId, () -> run(teamId, specs, batch)));
    }

    private List<EventOutcome> run(long teamId, List<InstanceSpec> chain, List<byte[]> events) throws WorkerStartException {
        if (events.isEmpty()) {
            return List.of();
        }
        try (Quarantine quarantine = new Quarantine(starter, "quarantine-" + quarantines.incrementAndGet(),
                quarantineDeaths::incrementAndGet, quarantineWorkers)) {
            return new BatchRun(slotOf(teamId), quarantine, chain, reports, retries, clock).run(events);
        }
    }

    /**
     * Runs {@code call} on the app config's call instance in its tenant's worker. A worker that
     * dies under the call is replaced, and the call ends as {@link CallOutcome.Status#RETRY}: the
     * caller decides whether to run it again.
     */
    @Override
    public CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call) {
        requireNonNull(spec, "spec is null");
        requireNonNull(call, "call is null");
        if (state != State.RUNNING) {
            return CompletableFuture.failedFuture(new IllegalStateException("the worker pool is closed"));
        }
        teamByConfig.put(spec.configId(), spec.teamId());
        return pending.call(calls.submit(spec.configId(), () -> {
            try {
                return slotOf(spec.teamId()).shared(worker -> worker.call(spec, call));
            } catch (WorkerDiedException e) {
                return CallOutcome.of(CallOutcome.Status.RETRY, "the worker died during " + call.describe());
            }
        }));
    }

    private WorkerSlot slotOf(long teamId) {
        return slots.get(placement.slotFor(teamId, slots::live));
    }

    @Override
    public void retire(long configId, long keepVersion) {
        retries.forget(configId, keepVersion);
        Long teamId = teamByConfig.get(configId);
        if (teamId == null || state != State.RUNNING) {
            return;
        }
        // Through the tenant's queue: it runs once the batches submitted before it are done.
        CompletableFuture<Void> done = pending.retirement(tenants.submit(teamId, () -> {
            int slot = placement.placed(teamId);
            if (slot < 0) {
                return null; // Nothing of the tenant was ever loaded.
            }
            try {
                return slots.get(slot).<Void>shared(worker -> {
                    worker.unload(configId, keepVersion);
                    return null;
                });
            } catch (WorkerDiedException e) {
                return null; // The instances died with the worker.
            }
        }));
        // The call instances through the app config's call queue, after the calls submitted before.
        CompletableFuture<Void> callsDone = pending.retirement(calls.submit(configId, () -> {
            int slot = placement.placed(teamId);
            if (slot >= 0) {
                try {
                    slots.get(slot).<Void>shared(worker -> {
                        worker.unloadCallInstances(configId, keepVersion);
                        return null;
                    });
                } catch (WorkerDiedException e) {
                    // The instances died with the worker.
                }
            }
            return null;
        }));
        CompletableFuture.allOf(done, callsDone).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("retiring config {} failed: {}", configId, error.toString());
            }
        });
    }

    /**
     * Why the newest failed version of {@code configId} is not loaded, while it is not: a
     * {@code setupPlugin} retry pending, or the version disabled. Empty once a load succeeded.
     */
    @Override
    public Optional<SetupStatus> setupStatus(long configId) {
        return retries.status(configId);
    }

    /** Batches submitted and not yet completed. */
    public int inFlightBatches() {
        return pending.batches();
    }

    /** Whether {@link #inFlightBatches()} reached the configured maximum: the caller should pause its input. */
    @Override
    public boolean saturated() {
        return inFlightBatches() >= settings.maxBatchesInFlight();
    }

    @Override
    public PoolStats stats() {
        PoolStats inSlots = slots.stats(inFlightBatches());
        // Quarantine workers that died count as restarts too: each was a worker lost to a batch.
        return new PoolStats(inSlots.workersAlive(), inSlots.workerRestarts() + quarantineDeaths.get(),
                inSlots.instancesLoaded(), inSlots.batchesInFlight());
    }

    /** The pids of the workers that serve now, by slot (-1 for none); for tests. */
    List<Long> workerPids() {
        return slots.pids();
    }

    /**
     * Waits (up to the configured close timeout) for the batches and retirements in flight, then
     * tears every instance down ({@code teardownPlugin}, its log entries to the listener) and
     * stops the workers. Batches submitted afterwards fail.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.CLOSING;
        }
        healthChecks.close();
        try {
            if (!pending.await(settings.closeTimeout())) {
                LOG.warn("closing the worker pool with {} batches still in flight after {}", inFlightBatches(),
                        settings.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slots.closeAll(executor);
        state = State.CLOSED;
        afterClose.run();
    }
}
