package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls each serving worker's {@code Health} rpc every interval; a worker that does not answer
 * within the deadline is hung (or gone) and its slot replaces it. The scheduler only triggers
 * the checks; each runs on the executor, so one hung worker does not delay the others' checks.
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. Thread-safe.
 */
final class HealthChecks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);

    private final List<WorkerSlot> slots;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final Duration interval;
    private final Duration deadline;
    /** Workers with a check under way; a worker is never checked twice at once. */
    private final Set<PooledWorker> checking = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> schedule;

    HealthChecks(List<WorkerSlot> slots, ScheduledExecutorService scheduler, Executor executor, Duration interval,
            Duration deadline) {
        this.slots = List.copyOf(slots);
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
    }

    synchronized void start() {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a check of every serving worker that has none under way. */
    void checkAll() {
        for (WorkerSlot slot : slots) {
            PooledWorker worker = slot.ready();
            if (worker != null && checking.add(worker)) {
                try {
                    executor.execute(() -> check(slot, worker));
                } catch (RejectedExecutionException e) {
                    checking.remove(worker);
                }
            }
        }
    }

    private void check(WorkerSlot slot, PooledWorker worker) {
        try {
            worker.worker().health(deadline);
        } catch (StatusRuntimeException e) {
            slot.replace(worker, "failed its health check (" + e.getStatus().getCode() + ")");
        } finally {
            checking.remove(worker);
        }
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
