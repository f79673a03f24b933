package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.PoolStats;
import dev.appserver.orchestrator.pool.SetupStatus;
import dev.appserver.orchestrator.pool.WorkerStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool started at once ({@link #startNow}) or on its first batch. Batches and retirements that
 * arrive while it starts wait, in arrival order, and are handed to it once it serves; when the
 * start fails they fail with its reason, and the next batch tries again. A pool that never started
 * has loaded nothing, so a retirement then has nothing to do.
 *
 * <p>Thread-safe. {@link #process} never blocks: a start runs on a thread of its own.
 */
final class OnDemandPool implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandPool.class);
    /** How long {@link #close} waits for a start in progress before leaving it to stop the pool itself. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /** The pool's life. */
    enum State {
        /** Not started: nothing is loaded; the first batch starts it. */
        IDLE,
        /** Starting; batches and retirements wait. */
        STARTING,
        /** Serving. */
        RUNNING,
        /** The last start failed; the next batch tries again. */
        FAILED,
        /** Closed: batches fail. */
        CLOSED
    }

    /** What waits for the start: a batch or a retirement, handed over in arrival order. */
    private sealed interface Waiting {}

    /** A batch or an app call waiting for the pool: {@code work} is handed the started pool. */
    private record WaitingWork<T>(Function<Pool, CompletableFuture<T>> work, CompletableFuture<T> result)
            implements Waiting {
        Handed<T> handTo(Pool pool) {
            return new Handed<>(work.apply(pool), result);
        }
    }

    private record WaitingRetirement(long configId, long keepVersion) implements Waiting {}

    /** Work handed to the pool, whose outcome is relayed (outside the lock) to the future the caller holds. */
    private record Handed<T>(CompletableFuture<T> outcome, CompletableFuture<T> result) {
        void relay() {
            outcome.whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
            });
        }
    }

    private final PoolName name;
    private final PoolStarter starter;
    private final List<Waiting> waiting = new ArrayList<>(); // guarded by this
    private State state = State.IDLE; // guarded by this
    private Pool pool; // guarded by this
    private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null); // guarded by this

    OnDemandPool(PoolName name, PoolStarter starter) {
        this.name = requireNonNull(name, "name is null");
        this.starter = requireNonNull(starter, "starter is null");
    }

    PoolName name() {
        return name;
    }

    synchronized State state() {
        return state;
    }

    /** Starts the pool on the calling thread; returns once it serves. */
    void startNow() throws WorkerStartException {
        synchronized (this) {
            if (state != State.IDLE) {
                throw new IllegalStateException("the " + name + " pool is " + state);
            }
            state = State.STARTING;
        }
        try {
            started(starter.start(name));
        } catch (WorkerStartException | RuntimeException e) {
            startFailed(e);
            throw e;
        }
    }

    @Override
    public CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events) {
        List<InstanceSpec> specs = List.copyOf(chain);
        List<byte[]> batch = List.copyOf(events);
        return submit(pool -> pool.process(specs, batch));
    }

    @Override
    public CompletableFuture<CallOutcome> call(InstanceSpec spec, AppCall call) {
        return submit(pool -> pool.call(spec, call));
    }

    /** Gives {@code work} the pool now, or once it has started (starting it if needed). */
    private <T> CompletableFuture<T> submit(Function<Pool, CompletableFuture<T>> work) {
        synchronized (this) {
            switch (state) {
                case RUNNING -> {
                    return work.apply(pool);
                }
                case CLOSED -> {
                    return CompletableFuture.failedFuture(new IllegalStateException("the " + name + " pool is closed"));
                }
                case IDLE, FAILED -> startInBackground();
                case STARTING -> { }
            }
            CompletableFuture<T> result = new CompletableFuture<>();
            waiting.add(new WaitingWork<>(work, result));
            return result;
        }
    }

    @Override
    public void retire(long configId, long keepVersion) {
        synchronized (this) {
            switch (state) {
                case RUNNING -> pool.retire(configId, keepVersion);
                case STARTING -> waiting.add(new WaitingRetirement(configId, keepVersion));
                case IDLE, FAILED, CLOSED -> { } // Nothing is loaded.
            }
        }
    }

    @Override
    public synchronized PoolStats stats() {
        return state == State.RUNNING ? pool.stats() : new PoolStats(0, 0, 0,
                (int) waiting.stream().filter(WaitingWork.class::isInstance).count());
    }

    @Override
    public synchronized boolean saturated() {
        return state == State.RUNNING && pool.saturated();
    }

    @Override
    public synchronized Optional<SetupStatus> setupStatus(long configId) {
        return state == State.RUNNING ? pool.setupStatus(configId) : Optional.empty();
    }

    private void startInBackground() {
        state = State.STARTING;
        LOG.info("starting the {} pool for its first batch", name);
        CompletableFuture<Void> done = new CompletableFuture<>();
        starting = done;
        Thread.ofVirtual().name("start-pool-" + name).start(() -> {
            try {
                started(starter.start(name));
            } catch (WorkerStartException | RuntimeException e) {
                LOG.warn("the {} pool did not start: {}; its batches fail, and the next one tries again", name, e.toString());
                startFailed(e);
            } finally {
                done.complete(null);
            }
        });
    }

    private void started(Pool started) {
        List<Handed<?>> handed = new ArrayList<>();
        synchronized (this) {
            if (state == State.CLOSED) {
                handed = null;
            } else {
                state = State.RUNNING;
                pool = started;
                // Under the lock, so a batch arriving now cannot overtake those that waited.
                for (Waiting waiter : waiting) {
                    switch (waiter) {
                        case WaitingWork<?> work -> handed.add(work.handTo(started));
                        case WaitingRetirement retirement -> started.retire(retirement.configId(), retirement.keepVersion());
                    }
                }
                waiting.clear();
            }
        }
        if (handed == null) {
            started.close(); // Closed while it started.
            return;
        }
        // Outside the lock: completing a caller's future runs its continuations (the next segment, in another pool).
        handed.forEach(Handed::relay);
    }

    private void startFailed(Exception reason) {
        List<Waiting> failed;
        synchronized (this) {
            if (state != State.CLOSED) {
                state = State.FAILED;
            }
            failed = List.copyOf(waiting);
            waiting.clear();
        }
        failAll(failed, reason);
    }

    /** Fails the waiting batches, outside the lock (their continuations may call other pools). */
    private static void failAll(List<Waiting> failed, Exception reason) {
        for (Waiting waiter : failed) {
            if (waiter instanceof WaitingWork<?> work) {
                work.result().completeExceptionally(reason);
            }
        }
    }

    /** Closes the pool if it runs; a start in progress is awaited (bounded), then stops what it started. */
    @Override
    public void close() {
        Pool running;
        CompletableFuture<Void> start;
        List<Waiting> failed;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            running = pool;
            pool = null;
            start = starting;
            failed = List.copyOf(waiting);
            waiting.clear();
        }
        failAll(failed, new IllegalStateException("the " + name + " pool is closed"));
        if (running != null) {
            running.close();
        }
        try {
            start.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the {} pool was still starting when it was closed; it stops once started", name);
        }
    }
}
