package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place in a {@link WorkerPool}: the worker currently there, replaced when it dies or hangs.
 * Tenants are placed on a slot, so a replacement inherits them; their instances load again
 * lazily, because a replacement starts empty.
 *
 * <p>Work runs in {@link #shared} calls (batches of different tenants side by side, at most
 * {@code maxShared} at a time: the rest wait their turn) or {@link #exclusive} ones (alone on the
 * worker: re-runs after a death, whose next death is then evidence against that work and nothing
 * else). A call that fails because the worker died replaces it and throws
 * {@link WorkerDiedException}.
 *
 * <p>The bound on shared work keeps a worker's runnable threads near its cores: an input batch
 * of a thousand tenants, each loading its instance, once had a worker create a thousand contexts
 * at once, miss its health check, and be replaced (decision 0019).
 *
 * <p>Thread-safe.
 */
final class WorkerSlot {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSlot.class);

    /** Where the slot's worker is in its life. */
    enum State {
        /** A worker (first or replacement) is starting; work waits for it. */
        STARTING,
        /** The worker serves. */
        READY,
        /** The last start failed; the next piece of work tries again. */
        FAILED,
        /** The pool is closed; the slot starts nothing any more. */
        CLOSED
    }

    private final int index;
    private final WorkerStarter starter;
    /** Fair, so that a re-run waiting for exclusive use is not starved by a stream of batches. */
    private final ReentrantReadWriteLock runs = new ReentrantReadWriteLock(true);
    /** Fair, so that batches get the worker in the order they asked for it. */
    private final Semaphore sharedRuns;
    private State state = State.STARTING;
    /** The worker started last (or starting): completed only once {@link #state} says how its start went. */
    private CompletableFuture<PooledWorker> current;
    /** The worker while {@link State#READY}, else null. */
    private PooledWorker serving;
    private int generation;
    private long restarts;

    /** @param maxShared how many {@link #shared} runs the worker takes at a time */
    WorkerSlot(int index, WorkerStarter starter, int maxShared) {
        if (maxShared < 1) {
            throw new IllegalArgumentException("maxShared must be at least 1: " + maxShared);
        }
        this.index = index;
        this.starter = requireNonNull(starter, "starter is null");
        this.sharedRuns = new Semaphore(maxShared, true);
        synchronized (this) {
            startNext();
        }
    }

    /** Starts workers for slots; {@code name} is unique within the pool. */
    @FunctionalInterface
    interface WorkerStarter {
        CompletableFuture<PooledWorker> start(String name);
    }

    /** Runs {@code work} on the worker beside other shared work. */
    <T> T shared(Function<PooledWorker, T> work) throws WorkerStartException {
        // Virtual threads wait here cheaply; the permit is taken before the lock, so that waiting
        // batches never hold the read lock against an exclusive re-run.
        sharedRuns.acquireUninterruptibly();
        try {
            return run(runs.readLock(), work);
        } finally {
            sharedRuns.release();
        }
    }

    /** Runs {@code work} on the worker with nothing else running there. */
    <T> T exclusive(Function<PooledWorker, T> work) throws WorkerStartException {
        return run(runs.writeLock(), work);
    }

    private <T> T run(Lock lock, Function<PooledWorker, T> work) throws WorkerStartException {
        lock.lock();
        try {
            PooledWorker worker = acquire();
            try {
                return work.apply(worker);
            } catch (InstanceLoadException e) {
                throw failure(worker, e.getCause(), e.spec());
            } catch (StatusRuntimeException e) {
                throw failure(worker, e, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The worker, once started. Starts one when the last start failed, or when the start it
     * waited for fails; gives up when a start of its own fails.
     */
    PooledWorker acquire() throws WorkerStartException {
        boolean startedOne = false;
        while (true) {
            CompletableFuture<PooledWorker> worker;
            synchronized (this) {
                switch (state) {
                    case CLOSED -> throw new IllegalStateException("the worker pool is closed");
                    case FAILED -> {
                        startNext();
                        startedOne = true;
                    }
                    case STARTING, READY -> { }
                }
                worker = current;
            }
            try {
                return worker.join();
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof WorkerStartException start)) {
                    throw e;
                }
                if (startedOne) {
                    throw start;
                }
            }
        }
    }

    /** The worker when it serves, else null; never waits. */
    synchronized PooledWorker ready() {
        return serving;
    }

    synchronized State state() {
        return state;
    }

    synchronized long restarts() {
        return restarts;
    }

    /** Kills {@code dead} and starts a replacement, unless that happened already. */
    void replace(PooledWorker dead, String reason) {
        synchronized (this) {
            if (state != State.READY || serving != dead) {
                return;
            }
            restarts++;
            LOG.warn("{} (slot {}) {}; replacing it", dead, index, reason);
            startNext();
        }
        dead.worker().kill();
    }

    /** Tears every instance down and stops the worker; afterwards the slot starts nothing. */
    void close() {
        PooledWorker worker;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            worker = serving;
            serving = null;
            state = State.CLOSED;
        }
        if (worker != null) {
            worker.stop();
        }
    }

    private RuntimeException failure(PooledWorker worker, StatusRuntimeException e, InstanceSpec loading) {
        if (!CallFailures.isDeath(worker.worker(), e)) {
            return e;
        }
        replace(worker, "failed a call with " + e.getStatus().getCode());
        return new WorkerDiedException(worker.toString(), e, loading);
    }

    /**
     * Starts the next worker; the caller holds this slot's monitor. Work waiting for it is woken
     * only after the slot has recorded how the start went, so that a worker handed to work is
     * already the one the slot replaces should it die.
     */
    private void startNext() {
        generation++;
        state = State.STARTING;
        serving = null;
        CompletableFuture<PooledWorker> recorded = new CompletableFuture<>();
        current = recorded;
        starter.start("worker-" + index + "-" + generation).whenComplete((worker, error) -> {
            try {
                started(recorded, worker, error);
            } finally {
                if (error != null) {
                    recorded.completeExceptionally(error);
                } else {
                    recorded.complete(worker);
                }
            }
        });
    }

    private void started(CompletableFuture<PooledWorker> started, PooledWorker worker, Throwable error) {
        synchronized (this) {
            if (current == started && state == State.STARTING) {
                if (error != null) {
                    state = State.FAILED;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    LOG.error("slot {} could not start a worker: {}", index, cause.getMessage());
                } else {
                    state = State.READY;
                    serving = worker;
                    worker.worker().onExit().thenRun(() -> replace(worker, "exited"));
                }
                return;
            }
        }
        // The pool closed while this worker started.
        if (worker != null) {
            worker.worker().close();
        }
    }

    @Override
    public String toString() {
        return "slot " + index;
    }
}
