package dev.appserver.orchestrator.store.postgres;

import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.ConfigAttachment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads app configs with their attachments: one query joining {@code app_configs} to
 * {@code app_config_attachments}, folded into one {@link AppConfig} per config in the query's
 * order. Stateless.
 */
final class AppConfigRows {
    private static final String SELECT = "SELECT c.id, c.team_id, c.app_id, c.enabled, c.position, c.config,"
            + " c.last_error, c.updated_at, a.key, a.content_type, a.file_name, a.contents"
            + " FROM app_configs c LEFT JOIN app_config_attachments a ON a.config_id = c.id ";
    private static final String CHAIN_ORDER = " ORDER BY c.position, c.id";

    private AppConfigRows() {}

    static Optional<AppConfig> find(Handle handle, long id) {
        return query(handle, "WHERE c.id = :id", "id", id).stream().findFirst();
    }

    /** The tenant's configs in chain order: ascending order, then id. */
    static List<AppConfig> byTeam(Handle handle, long teamId, boolean enabledOnly) {
        return query(handle, "WHERE c.team_id = :teamId" + (enabledOnly ? " AND c.enabled" : "") + CHAIN_ORDER,
                "teamId", teamId);
    }

    private static List<AppConfig> query(Handle handle, String where, String name, long value) {
        List<Row> rows = handle.createQuery(SELECT + where).bind(name, value).map(AppConfigRows::row).list();
        Map<Long, Row> configs = new LinkedHashMap<>();
        Map<Long, Map<String, ConfigAttachment>> attachments = new HashMap<>();
        for (Row row : rows) {
            configs.putIfAbsent(row.id(), row);
            Map<String, ConfigAttachment> ofConfig = attachments.computeIfAbsent(row.id(), id -> new HashMap<>());
            row.attachment().ifPresent(attachment -> ofConfig.put(row.attachmentKey(), attachment));
        }
        List<AppConfig> result = new ArrayList<>(configs.size());
        for (Row row : configs.values()) {
            result.add(new AppConfig(row.id(), row.teamId(), row.appId(), row.enabled(), row.order(),
                    JsonColumns.readObject(row.config()), attachments.get(row.id()), row.lastError(), row.updatedAt()));
        }
        return result;
    }

    /** One row of the join: a config, and one of its attachments if it has any. */
    private record Row(long id, long teamId, long appId, boolean enabled, int order, String config,
            Optional<String> lastError, Instant updatedAt, String attachmentKey, Optional<ConfigAttachment> attachment) {}

    private static Row row(ResultSet row, StatementContext context) throws SQLException {
        String key = row.getString("key");
        Optional<ConfigAttachment> attachment = key == null ? Optional.empty() : Optional.of(new ConfigAttachment(
                row.getString("content_type"), row.getString("file_name"), row.getBytes("contents")));
        return new Row(row.getLong("id"), row.getLong("team_id"), row.getLong("app_id"), row.getBoolean("enabled"),
                row.getInt("position"), row.getString("config"), Optional.ofNullable(row.getString("last_error")),
                TimestampColumns.read(row, "updated_at"), key, attachment);
    }
}
