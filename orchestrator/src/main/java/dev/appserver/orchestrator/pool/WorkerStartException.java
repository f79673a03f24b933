package dev.appserver.orchestrator.pool;

/** A worker process could not be started or did not become ready. */
public final class WorkerStartException extends Exception {
    public WorkerStartException(String message) {
        super(message);
    }

    /** {@code cause} is why, e.g. the unconfined-workers policy refusing the worker. */
    public WorkerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
