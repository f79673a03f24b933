package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One app installed for one tenant (PostHog's "plugin config").
 *
 * @param id assigned by the repository, positive
 * @param teamId the tenant
 * @param appId the {@link InstalledApp}
 * @param enabled whether the app runs on the tenant's events
 * @param order the position in the tenant's chain: ascending, ties by id
 * @param config the config values set for this tenant, without {@code plugin.json} defaults
 *     (a private copy; do not modify it)
 * @param attachments files by config key
 * @param lastError the app's last failure message, if any
 * @param updatedAt when the config was created or last changed
 */
public record AppConfig(
        long id,
        long teamId,
        long appId,
        boolean enabled,
        int order,
        ObjectNode config,
        Map<String, ConfigAttachment> attachments,
        Optional<String> lastError,
        Instant updatedAt) {
    public AppConfig {
        config = requireNonNull(config, "config is null").deepCopy();
        attachments = Map.copyOf(requireNonNull(attachments, "attachments is null"));
        requireNonNull(lastError, "lastError is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
