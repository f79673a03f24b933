package dev.appserver.orchestrator.pool;

import dev.appserver.orchestrator.hostservices.HostCallHandler;

/** Starts workers for a {@link WorkerPool}; called from many threads at once. */
@FunctionalInterface
interface WorkerLauncher {
    /**
     * Starts a worker and returns once it serves, its host calls answered by {@code handler}.
     *
     * @param name a name for the worker, unique within the pool (used for its socket)
     */
    Worker launch(String name, HostCallHandler handler) throws WorkerStartException;
}
