package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the pool's {@link InstanceListener} what happens to the instances of one worker: routes
 * the log entries of every response to the spec of the instance that wrote them (instance ids
 * only mean something within one worker). A listener that throws is logged, never allowed to
 * fail a batch.
 *
 * <p>Thread-safe.
 */
final class InstanceReports {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceReports.class);

    private final InstanceListener listener;
    private final Map<Long, InstanceSpec> specs = new ConcurrentHashMap<>();

    InstanceReports(InstanceListener listener) {
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** From now on, entries of {@code instanceId} are {@code spec}'s. */
    void remember(long instanceId, InstanceSpec spec) {
        specs.put(instanceId, requireNonNull(spec, "spec is null"));
    }

    void forget(long instanceId) {
        specs.remove(instanceId);
    }

    /** Hands {@code entries} to the listener, grouped by instance, oldest first within each. */
    void logs(List<LogEntry> entries) {
        Map<Long, List<LogEntry>> byInstance = new LinkedHashMap<>();
        for (LogEntry entry : entries) {
            byInstance.computeIfAbsent(entry.getInstanceId(), id -> new ArrayList<>()).add(entry);
        }
        byInstance.forEach((instanceId, group) -> {
            InstanceSpec spec = specs.get(instanceId);
            if (spec == null) {
                group.forEach(e -> LOG.warn("log entry of unknown instance {}: {} {}", instanceId, e.getType(), e.getMessage()));
            } else {
                logs(spec, group);
            }
        });
    }

    void logs(InstanceSpec spec, List<LogEntry> entries) {
        if (!entries.isEmpty()) {
            tell(() -> listener.logs(spec, List.copyOf(entries)));
        }
    }

    void cpuUsed(long teamId, long nanos) {
        if (nanos > 0) {
            tell(() -> listener.cpuUsed(teamId, nanos));
        }
    }

    void loaded(InstanceSpec spec, Capabilities capabilities) {
        tell(() -> listener.loaded(spec, capabilities));
    }

    void loadFailed(InstanceSpec spec, AppError error) {
        tell(() -> listener.loadFailed(spec, error));
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("the instance listener failed", e);
        }
    }
}
