package dev.appserver.orchestrator.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed set of {@link WorkerSlot}s of a pool, and what the pool asks of all of them at once.
 * Each slot starts its first worker when created, so the workers start in parallel.
 *
 * <p>Thread-safe.
 */
final class WorkerSlots {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSlots.class);

    private final List<WorkerSlot> slots;

    /** @param maxSharedPerWorker how many batches (and calls) each worker takes at a time */
    WorkerSlots(int count, WorkerSlot.WorkerStarter starter, int maxSharedPerWorker) {
        List<WorkerSlot> created = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            created.add(new WorkerSlot(i, starter, maxSharedPerWorker));
        }
        this.slots = List.copyOf(created);
    }

    List<WorkerSlot> all() {
        return slots;
    }

    WorkerSlot get(int index) {
        return slots.get(index);
    }

    /** Whether the slot has a worker serving or on its way (one whose last start failed is not live). */
    boolean live(int index) {
        WorkerSlot.State state = slots.get(index).state();
        return state == WorkerSlot.State.READY || state == WorkerSlot.State.STARTING;
    }

    /** Waits until every slot's worker serves. */
    void awaitAll() throws WorkerStartException {
        for (WorkerSlot slot : slots) {
            slot.acquire();
        }
    }

    PoolStats stats(int batchesInFlight) {
        int alive = 0;
        int instances = 0;
        long restarts = 0;
        for (WorkerSlot slot : slots) {
            PooledWorker worker = slot.ready();
            if (worker != null) {
                alive++;
                instances += worker.instances();
            }
            restarts += slot.restarts();
        }
        return new PoolStats(alive, restarts, instances, batchesInFlight);
    }

    /** The pids of the workers serving now, by slot (-1 for none). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (WorkerSlot slot : slots) {
            PooledWorker worker = slot.ready();
            pids.add(worker == null ? -1L : worker.worker().pid());
        }
        return pids;
    }

    /** Closes every slot (instances torn down, worker stopped), in parallel on {@code executor}. */
    void closeAll(Executor executor) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (WorkerSlot slot : slots) {
            closing.add(CompletableFuture.runAsync(slot::close, executor));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            LOG.warn("stopping the workers failed: {}", e.getCause().toString());
        }
    }
}
