package dev.appserver.orchestrator.pool;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a tenant's {@code processEvent} chain on batches of events, somewhere app code may run
 * (a pool of sandbox workers). Thread-safe; calls return at once and never block on app code.
 *
 * <p>Guarantees: the future completes with exactly one {@link EventOutcome} per input event, in
 * input order. App failures (a throw, a timeout, a setup failure, an app that crashes its worker)
 * are outcomes, not exceptional completions; a worker that dies or hangs is replaced and the
 * batch re-run, so the future completes exceptionally only when the executor is closed (or a
 * worker cannot be started at all). Batches submitted for the same tenant run one after another
 * in submission order; different tenants' batches run in parallel.
 */
public interface ChainExecutor extends AutoCloseable {
    /**
     * @param chain the tenant's enabled app configs in chain order, all of the same tenant; not empty
     * @param events UTF-8 JSON objects
     */
    CompletableFuture<List<EventOutcome>> process(List<InstanceSpec> chain, List<byte[]> events);

    /**
     * Tears down (teardownPlugin) every loaded instance of {@code configId} whose version is not
     * {@code keepVersion}, once the batches already using it have finished. Pass
     * {@code Long.MIN_VALUE} to retire every version (the app config was deleted or disabled).
     */
    void retire(long configId, long keepVersion);

    /** Finishes the batches in flight, tears every instance down and stops the workers. */
    @Override
    void close();

    /**
     * The tenant of {@code chain}, checking what {@link #process} requires of it.
     *
     * @throws IllegalArgumentException when the chain is empty or spans tenants
     */
    static long tenantOf(List<InstanceSpec> chain) {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("the chain is empty");
        }
        long teamId = chain.get(0).teamId();
        if (chain.stream().anyMatch(spec -> spec.teamId() != teamId)) {
            throw new IllegalArgumentException("a chain belongs to one tenant: " + chain);
        }
        return teamId;
    }
}
