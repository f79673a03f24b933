package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigConflictException;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppConfigUpdate;
import dev.appserver.orchestrator.store.ConfigAttachment;
import dev.appserver.orchestrator.store.NewAppConfig;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@link AppConfigRepository} in {@code app_configs}, attachments in {@code app_config_attachments}.
 * Config values are stored as {@code json} text, so their key order survives (decision 0007).
 * Each method is one transaction; what a write returns is read back in it, so it equals what
 * {@link #get} returns afterwards. {@link #delete} also deletes the config's log entries.
 * Thread-safe.
 */
public final class PostgresAppConfigRepository implements AppConfigRepository {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final Jdbi jdbi;
    private final Clock clock;

    /** @param clock stamps {@link AppConfig#updatedAt()} (truncated to microseconds) */
    public PostgresAppConfigRepository(PostgresDatabase database, Clock clock) {
        this.jdbi = requireNonNull(database, "database is null").jdbi();
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @throws IllegalArgumentException when there is no app {@code config.appId()} */
    @Override
    public AppConfig create(NewAppConfig config) throws AppConfigConflictException {
        requireNonNull(config, "config is null");
        while (true) {
            try {
                return jdbi.inTransaction(handle -> insert(handle, config));
            } catch (UnableToExecuteStatementException e) {
                if (hasSqlState(e, FOREIGN_KEY_VIOLATION)) {
                    throw new IllegalArgumentException("there is no app " + config.appId(), e);
                }
                if (!hasSqlState(e, UNIQUE_VIOLATION)) {
                    throw e;
                }
                // A concurrent create for the same team and app committed first. Report that one;
                // should it have been deleted meanwhile, try again.
                Optional<Long> existing = jdbi.withHandle(handle -> existingId(handle, config.teamId(), config.appId()));
                if (existing.isPresent()) {
                    throw new AppConfigConflictException(config.teamId(), config.appId(), existing.get());
                }
            }
        }
    }

    @Override
    public Optional<AppConfig> get(long id) {
        return jdbi.withHandle(handle -> AppConfigRows.find(handle, id));
    }

    @Override
    public Optional<AppConfig> update(long id, AppConfigUpdate update) {
        requireNonNull(update, "update is null");
        return jdbi.inTransaction(handle -> {
            // Absent fields bind as NULL and COALESCE keeps the stored value.
            int updated = handle.createUpdate("UPDATE app_configs SET enabled = COALESCE(:enabled, enabled),"
                            + " position = COALESCE(:position, position),"
                            + " config = COALESCE(CAST(:config AS json), config), updated_at = :updatedAt WHERE id = :id")
                    .bind("enabled", update.enabled().orElse(null))
                    .bind("position", update.order().orElse(null))
                    .bind("config", update.config().map(JsonColumns::write).orElse(null))
                    .bind("updatedAt", TimestampColumns.bindable(clock.instant()))
                    .bind("id", id)
                    .execute();
            if (updated == 0) {
                return Optional.empty();
            }
            if (update.attachments().isPresent()) {
                handle.createUpdate("DELETE FROM app_config_attachments WHERE config_id = :id").bind("id", id).execute();
                insertAttachments(handle, id, update.attachments().get());
            }
            return AppConfigRows.find(handle, id);
        });
    }

    @Override
    public boolean recordError(long id, Optional<String> error) {
        requireNonNull(error, "error is null");
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE app_configs SET last_error = :error WHERE id = :id")
                .bind("error", error.orElse(null))
                .bind("id", id)
                .execute()) > 0;
    }

    @Override
    public Optional<AppConfig> delete(long id) {
        return jdbi.inTransaction(handle -> {
            // Lock the row first, so what is returned is what was deleted.
            boolean locked = handle.createQuery("SELECT id FROM app_configs WHERE id = :id FOR UPDATE")
                    .bind("id", id).mapTo(Long.class).findOne().isPresent();
            if (!locked) {
                return Optional.empty();
            }
            Optional<AppConfig> deleted = AppConfigRows.find(handle, id);
            handle.createUpdate("DELETE FROM app_logs WHERE config_id = :id").bind("id", id).execute();
            handle.createUpdate("DELETE FROM app_configs WHERE id = :id").bind("id", id).execute();
            return deleted;
        });
    }

    @Override
    public List<AppConfig> listByTeam(long teamId) {
        return jdbi.withHandle(handle -> AppConfigRows.byTeam(handle, teamId, false));
    }

    @Override
    public List<AppConfig> enabledByTeam(long teamId) {
        return jdbi.withHandle(handle -> AppConfigRows.byTeam(handle, teamId, true));
    }

    @Override
    public List<Long> teamsWithEnabledConfigs() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT team_id FROM app_configs WHERE enabled ORDER BY team_id")
                .mapTo(Long.class)
                .list());
    }

    private AppConfig insert(Handle handle, NewAppConfig config) throws AppConfigConflictException {
        // Looking first keeps ids gapless in the usual case: a failed insert still uses up a sequence value.
        Optional<Long> existing = existingId(handle, config.teamId(), config.appId());
        if (existing.isPresent()) {
            throw new AppConfigConflictException(config.teamId(), config.appId(), existing.get());
        }
        long id = handle.createQuery("INSERT INTO app_configs (team_id, app_id, enabled, position, config, updated_at)"
                        + " VALUES (:teamId, :appId, :enabled, :position, CAST(:config AS json), :updatedAt) RETURNING id")
                .bind("teamId", config.teamId())
                .bind("appId", config.appId())
                .bind("enabled", config.enabled())
                .bind("position", config.order())
                .bind("config", JsonColumns.write(config.config()))
                .bind("updatedAt", TimestampColumns.bindable(clock.instant()))
                .mapTo(Long.class)
                .one();
        insertAttachments(handle, id, config.attachments());
        return AppConfigRows.find(handle, id).orElseThrow();
    }

    private static Optional<Long> existingId(Handle handle, long teamId, long appId) {
        return handle.createQuery("SELECT id FROM app_configs WHERE team_id = :teamId AND app_id = :appId")
                .bind("teamId", teamId)
                .bind("appId", appId)
                .mapTo(Long.class)
                .findOne();
    }

    private static void insertAttachments(Handle handle, long configId, Map<String, ConfigAttachment> attachments) {
        if (attachments.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO app_config_attachments (config_id, key, content_type,"
                + " file_name, contents) VALUES (:configId, :key, :contentType, :fileName, :contents)");
        attachments.forEach((key, attachment) -> batch
                .bind("configId", configId)
                .bind("key", key)
                .bind("contentType", attachment.contentType())
                .bind("fileName", attachment.fileName())
                .bind("contents", attachment.contents())
                .add());
        batch.execute();
    }

    private static boolean hasSqlState(Throwable e, String sqlState) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
