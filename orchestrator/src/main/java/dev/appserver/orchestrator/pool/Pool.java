package dev.appserver.orchestrator.pool;

import java.util.Optional;

/**
 * A {@link ChainExecutor} and {@link AppInvoker} that reports its load: what the server's
 * metrics, readiness and back-pressure read. {@link WorkerPool} is the implementation over worker
 * processes.
 */
public interface Pool extends ChainExecutor, AppInvoker {
    /** A snapshot of the pool's workers, instances and batches. */
    PoolStats stats();

    /** Whether the pool has as many batches in flight as it should take: the caller should pause its input. */
    boolean saturated();

    /**
     * Why the newest failed version of {@code configId} is not loaded in this pool, while it is
     * not (a {@code setupPlugin} retry pending, or the version disabled); empty otherwise.
     */
    Optional<SetupStatus> setupStatus(long configId);
}
