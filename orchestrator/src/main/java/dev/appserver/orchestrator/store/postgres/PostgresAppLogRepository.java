package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogPage;
import dev.appserver.orchestrator.store.AppLogQuery;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.StoredAppLogEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AppLogRepository} in {@code app_logs}, keeping the newest {@code capacity} entries of each
 * app config: each append deletes the config's entries older than those, in the same transaction
 * (an index range scan of {@code capacity} entries on {@code (config_id, id)}). Entries are ordered
 * by their row id ({@code bigserial}), that is by append; timestamps are stored to the microsecond. Any config id is
 * accepted, as there is no foreign key (see the migration for why). PostgreSQL text cannot hold
 * U+0000, which an app can log: it is stored as U+FFFD. Thread-safe.
 */
public final class PostgresAppLogRepository implements AppLogRepository {
    private static final String COLUMNS = "config_id, timestamp, type, source, message";

    private final Jdbi jdbi;
    private final int capacity;

    /** @param capacity how many of each app config's newest entries are kept */
    public PostgresAppLogRepository(PostgresDatabase database, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.jdbi = requireNonNull(database, "database is null").jdbi();
        this.capacity = capacity;
    }

    @Override
    public void append(AppLogEntry entry) {
        requireNonNull(entry, "entry is null");
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO app_logs (" + COLUMNS + ")"
                            + " VALUES (:configId, :timestamp, :type, :source, :message)")
                    .bind("configId", entry.configId())
                    .bind("timestamp", TimestampColumns.bindable(entry.timestamp()))
                    .bind("type", entry.type())
                    .bind("source", entry.source())
                    .bind("message", entry.message().replace('\u0000', '\uFFFD'))
                    .execute();
            handle.createUpdate("DELETE FROM app_logs WHERE config_id = :configId AND id <= (SELECT id FROM app_logs"
                            + " WHERE config_id = :configId ORDER BY id DESC OFFSET :capacity LIMIT 1)")
                    .bind("configId", entry.configId())
                    .bind("capacity", capacity)
                    .execute();
        });
    }

    /**
     * {@inheritDoc} At most {@code capacity} entries a page. Filters scan the config's entries
     * newest first on {@code (config_id, id)}: at most {@code capacity} rows, so no index by type
     * or source is needed.
     */
    @Override
    public AppLogPage query(AppLogQuery query) {
        requireNonNull(query, "query is null");
        int limit = Math.min(query.limit(), capacity);
        StringBuilder sql = new StringBuilder("SELECT id, " + COLUMNS + " FROM app_logs WHERE config_id = :configId");
        if (query.before().isPresent()) {
            sql.append(" AND id < :before");
        }
        if (!query.types().isEmpty()) {
            sql.append(" AND type = ANY(:types)");
        }
        if (!query.sources().isEmpty()) {
            sql.append(" AND source = ANY(:sources)");
        }
        sql.append(" ORDER BY id DESC LIMIT :rows");
        List<StoredAppLogEntry> newestFirst = jdbi.withHandle(handle -> {
            Query select = handle.createQuery(sql.toString()).bind("configId", query.configId()).bind("rows", limit + 1);
            query.before().ifPresent(before -> select.bind("before", before));
            if (!query.types().isEmpty()) {
                select.bindArray("types", String.class, query.types());
            }
            if (!query.sources().isEmpty()) {
                select.bindArray("sources", String.class, query.sources());
            }
            return select.map((row, context) -> new StoredAppLogEntry(row.getLong("id"), entry(row, context))).list();
        });
        return AppLogPage.of(newestFirst, limit);
    }

    private static AppLogEntry entry(ResultSet row, StatementContext context) throws SQLException {
        return new AppLogEntry(row.getLong("config_id"), TimestampColumns.read(row, "timestamp"),
                row.getString("type"), row.getString("source"), row.getString("message"));
    }
}
