package dev.appserver.orchestrator.hostservices;

/**
 * How many bytes of {@code meta.storage} each tenant may keep. {@link AppHostServices} tells it of
 * every change in size a {@code set} or {@code del} would make, before making it.
 */
public interface StorageQuota {
    /** No limit. */
    StorageQuota NONE = (teamId, deltaBytes) -> true;

    /**
     * Records that the tenant's stored bytes change by {@code deltaBytes} (negative for a release),
     * or refuses the change, recording nothing, when it would take them past the quota. A release
     * is never refused.
     *
     * @return whether the change may be made
     */
    boolean change(long teamId, long deltaBytes);
}
