package dev.appserver.orchestrator.pool;

/** A worker process could not be started or did not become ready. */
public final class WorkerStartException extends Exception {
    public WorkerStartException(String message) {
        super(message);
    }
}
