package dev.appserver.orchestrator.pool;

/**
 * A snapshot of a {@link WorkerPool}, for metrics.
 *
 * @param workersAlive workers started and serving
 * @param workerRestarts workers replaced since the pool started (died, hung, failed a health check)
 * @param instancesLoaded app instances loaded across the workers
 * @param batchesInFlight batches submitted and not yet completed
 */
public record PoolStats(int workersAlive, long workerRestarts, int instancesLoaded, int batchesInFlight) {}
