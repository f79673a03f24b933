package dev.appserver.orchestrator.pool;

import io.grpc.StatusRuntimeException;

/**
 * A worker died or hung during a call (it has been replaced by the time this is thrown).
 * {@link #loading()} names the instance whose {@code LoadInstance} call it was, if any.
 */
final class WorkerDiedException extends RuntimeException {
    private final transient InstanceSpec loading;

    WorkerDiedException(String worker, StatusRuntimeException cause, InstanceSpec loading) {
        super(worker + " died or hung: " + cause.getStatus(), cause);
        this.loading = loading;
    }

    /** The instance being loaded when the worker died; null when it died running a chain. */
    InstanceSpec loading() {
        return loading;
    }
}
