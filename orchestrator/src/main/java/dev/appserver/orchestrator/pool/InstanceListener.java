package dev.appserver.orchestrator.pool;

import dev.appserver.proto.v1.AppError;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LogEntry;
import java.util.List;

/**
 * Told what happens to instances in a {@link ChainExecutor}: their log entries, whether they
 * loaded, what they export, and the CPU time their chains cost. Called from the executor's threads; implementations must be
 * thread-safe and must not block for long.
 */
public interface InstanceListener {
    InstanceListener NONE = new InstanceListener() {
        @Override
        public void logs(InstanceSpec instance, List<LogEntry> entries) {}

        @Override
        public void loaded(InstanceSpec instance, Capabilities capabilities) {}

        @Override
        public void loadFailed(InstanceSpec instance, AppError error) {}
    };

    /** Log entries the instance wrote (console, failures, system notes), oldest first. */
    void logs(InstanceSpec instance, List<LogEntry> entries);

    /** The instance is loaded and set up. */
    void loaded(InstanceSpec instance, Capabilities capabilities);

    /** The instance could not be loaded or set up; the chain runs without it (counted as failed). */
    void loadFailed(InstanceSpec instance, AppError error);

    /**
     * A worker spent {@code nanos} of CPU time running a chain of the tenant (as the worker
     * measured it); for the tenant's CPU quota. Nothing by default.
     */
    default void cpuUsed(long teamId, long nanos) {
    }
}
