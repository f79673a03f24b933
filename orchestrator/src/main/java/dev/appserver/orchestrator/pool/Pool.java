package dev.appserver.orchestrator.pool;

/**
 * A {@link ChainExecutor} that reports its load: what the server's metrics, readiness and
 * back-pressure read. {@link WorkerPool} is the implementation over worker processes.
 */
public interface Pool extends ChainExecutor {
    /** A snapshot of the pool's workers, instances and batches. */
    PoolStats stats();

    /** Whether the pool has as many batches in flight as it should take: the caller should pause its input. */
    boolean saturated();
}
