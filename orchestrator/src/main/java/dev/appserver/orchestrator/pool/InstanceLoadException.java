package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import io.grpc.StatusRuntimeException;

/** A {@code LoadInstance} call failed (as a call: the app's own load errors are responses). */
final class InstanceLoadException extends RuntimeException {
    private final transient InstanceSpec spec;

    InstanceLoadException(InstanceSpec spec, StatusRuntimeException cause) {
        super("loading config " + spec.configId() + " failed: " + cause.getStatus(), cause);
        this.spec = requireNonNull(spec, "spec is null");
    }

    InstanceSpec spec() {
        return spec;
    }

    @Override
    public synchronized StatusRuntimeException getCause() {
        return (StatusRuntimeException) super.getCause();
    }
}
