package dev.appserver.orchestrator.reload;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.admin.ConfigChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One app config was created, changed (enabled, disabled, reordered, reconfigured) or deleted.
 *
 * @param teamId the tenant
 * @param configId the app config
 * @param kind what happened
 * @param version the config's {@code updatedAt} in microseconds since the epoch; for a deletion, that
 *     of the config as it was. A subscriber that already holds this version or a newer one may skip
 *     the reload.
 */
public record ConfigReload(long teamId, long configId, Kind kind, long version) implements ReloadMessage {
    public ConfigReload {
        requireNonNull(kind, "kind is null");
    }

    /** The message for a change the admin API stored. */
    public static ConfigReload of(ConfigChange change) {
        requireNonNull(change, "change is null");
        return new ConfigReload(change.config().teamId(), change.config().id(), Kind.of(change.kind()),
                ChronoUnit.MICROS.between(Instant.EPOCH, change.config().updatedAt()));
    }

    /** What happened to the config; the names are the wire format. */
    public enum Kind {
        /** A new app config: load it if it is enabled. */
        CREATED,
        /** Enabled, disabled, reordered or reconfigured: reload it. */
        UPDATED,
        /** Gone: tear its instances down. */
        DELETED;

        static Kind of(ConfigChange.Kind kind) {
            return switch (kind) {
                case CREATED -> CREATED;
                case UPDATED -> UPDATED;
                case DELETED -> DELETED;
            };
        }
    }
}
