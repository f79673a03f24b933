package dev.appserver.orchestrator.hostservices;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Instance id to {@link InstanceBinding}, for the instances of one worker. Thread-safe. */
public final class InstanceDirectory {
    private final Map<Long, InstanceBinding> bindings = new ConcurrentHashMap<>();

    public void bind(long instanceId, InstanceBinding binding) {
        bindings.put(instanceId, binding);
    }

    public void unbind(long instanceId) {
        bindings.remove(instanceId);
    }

    public Optional<InstanceBinding> find(long instanceId) {
        return Optional.ofNullable(bindings.get(instanceId));
    }
}
