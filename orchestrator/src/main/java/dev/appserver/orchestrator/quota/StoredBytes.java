package dev.appserver.orchestrator.quota;

/**
 * What each tenant stores in {@code meta.storage} now, in the bytes its storage quota counts
 * ({@code AppStorage.storedBytes} summed over the tenant's app configs): where
 * {@link TenantQuotas} starts counting a tenant, the first time the tenant's storage is written.
 */
@FunctionalInterface
public interface StoredBytes {
    /** Nothing stored: right for a storage that starts empty with the process. */
    StoredBytes NONE = teamId -> 0;

    long ofTenant(long teamId);
}
