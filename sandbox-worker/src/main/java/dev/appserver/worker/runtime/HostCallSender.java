package dev.appserver.worker.runtime;

import dev.appserver.proto.v1.HostCall;

/**
 * Sends an app's host-service call to the orchestrator. The result comes back later through
 * {@link AppInstance#deliver}.
 */
public interface HostCallSender {
    /**
     * Assigns the call its id, remembers that its result belongs to {@code instance}, and sends it.
     *
     * @return the call id
     * @throws IllegalStateException when no host channel is open (the app sees the message)
     */
    long send(AppInstance instance, HostCall.Builder call);
}
