package dev.appserver.orchestrator.trust;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Keeps {@link dev.appserver.orchestrator.pool.ChainExecutor}'s promise across pools: a tenant's
 * batches run one after another in submission order. A batch that runs in a single pool, right
 * behind batches that were all handed to that same pool, is handed over at once (the pool keeps
 * them in order itself, so one-pool chains cost nothing); any other batch starts only once the
 * tenant's previous batch has finished.
 *
 * <p>Thread-safe. {@link #submit} never blocks; work is handed over either on the caller's thread
 * or on the thread that completed the previous batch.
 */
final class TenantOrder {
    /** The tenant's newest batch: when it ends, and the pool it was handed to at once (if it was). */
    private record Tail(CompletableFuture<?> done, Optional<PoolName> directPool) {}

    private final Map<Long, Tail> tails = new HashMap<>();

    /**
     * Starts {@code work} (which hands a batch to its pools and returns its outcome) in order.
     *
     * @param singlePool the one pool the batch runs in; empty when it spans several
     */
    <T> CompletableFuture<T> submit(long teamId, Optional<PoolName> singlePool, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result;
        synchronized (tails) {
            Tail previous = tails.get(teamId);
            boolean direct = previous == null || previous.done().isDone()
                    || (singlePool.isPresent() && previous.directPool().equals(singlePool));
            if (direct) {
                result = start(work);
            } else {
                result = previous.done().handle((ignored, error) -> null).thenCompose(ignored -> start(work));
            }
            Tail tail = new Tail(result, direct ? singlePool : Optional.empty());
            tails.put(teamId, tail);
            result.whenComplete((ignored, error) -> forget(teamId, tail));
        }
        return result;
    }

    /** Tenants with a batch not yet finished; for tests. */
    int activeTenants() {
        synchronized (tails) {
            return tails.size();
        }
    }

    private void forget(long teamId, Tail tail) {
        synchronized (tails) {
            tails.remove(teamId, tail);
        }
    }

    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
