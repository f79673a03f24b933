package dev.appserver.orchestrator.hostservices;

/**
 * How many bytes of {@code meta.storage} each tenant may keep. {@link AppHostServices} calls
 * {@link #prepare} before each write of a tenant's storage, and {@link #change} from inside the
 * write (a {@link StorageCharge}) with the change in size it makes, before it takes effect.
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

    /**
     * Readies the tenant's count before a write begins, outside the write's transaction: a quota
     * that must first learn what the tenant stores asks the store here, so that {@link #change},
     * called while a write holds a connection and row locks, never waits for the store itself.
     */
    default void prepare(long teamId) {}
}
