package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.ConfigAttachment;
import java.util.Map;

/**
 * One app config as a worker should load it: everything {@code LoadInstance} needs. An app config
 * that changes gets a new {@code version}, so a spec is immutable and two specs with the same
 * {@link #key()} always describe the same instance; events in flight finish on the instance they
 * started with while the new version is loaded beside it.
 *
 * @param configId the app config
 * @param version the app config's version (its {@code updated_at} in epoch microseconds, or any
 *     number that grows with every change)
 * @param teamId the tenant
 * @param appId the installed app
 * @param appName the app's display name, shown in {@code "<name> (<config id>)"} entries
 * @param fileName the main file's name, for error messages
 * @param code the transpiled CommonJS source
 * @param codeHash hex SHA-256 of {@code code}
 * @param configJson {@code meta.config} as a JSON object, {@code plugin.json} defaults applied
 * @param attachments {@code meta.attachments} by config key
 * @param timeoutMillis the per-invocation time limit; 0 for the worker default
 * @param verified whether the app was reviewed ({@code InstalledApp.verified}): decides which
 *     pool the instance may run in, never what it may do there
 */
public record InstanceSpec(
        long configId,
        long version,
        long teamId,
        long appId,
        String appName,
        String fileName,
        String code,
        String codeHash,
        String configJson,
        Map<String, ConfigAttachment> attachments,
        long timeoutMillis,
        boolean verified) {
    public InstanceSpec {
        requireNonNull(appName, "appName is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(code, "code is null");
        requireNonNull(codeHash, "codeHash is null");
        requireNonNull(configJson, "configJson is null");
        attachments = Map.copyOf(requireNonNull(attachments, "attachments is null"));
    }

    /** Identifies the instance: the app config at one version. */
    public Key key() {
        return new Key(configId, version);
    }

    /** An app config at one version. */
    public record Key(long configId, long version) {}
}
