package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppConfig;

/**
 * An app config was created, updated or deleted through the API.
 *
 * @param kind what happened
 * @param config the app config after the change; for a deletion, as it was before it
 */
public record ConfigChange(Kind kind, AppConfig config) {
    public ConfigChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(config, "config is null");
    }

    public enum Kind {
        /** A new app config. */
        CREATED,
        /** Enabled, disabled, reordered or reconfigured. */
        UPDATED,
        /** Gone: its instances should be torn down. */
        DELETED
    }
}
