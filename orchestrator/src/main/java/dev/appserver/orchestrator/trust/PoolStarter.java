package dev.appserver.orchestrator.trust;

import dev.appserver.orchestrator.pool.Pool;
import dev.appserver.orchestrator.pool.WorkerStartException;

/** Starts the pool of a name (in the server: a {@code WorkerPool} with that pool's size and limits). */
@FunctionalInterface
public interface PoolStarter {
    /** Returns once the pool serves. */
    Pool start(PoolName name) throws WorkerStartException;
}
