package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AppLogRepository} in {@code app_logs}, keeping the newest {@code capacity} entries of each
 * app config: each append deletes the config's entries older than those, in the same transaction
 * (an index range scan of {@code capacity} entries on {@code (config_id, id)}). Entries are ordered
 * by their row id, that is by append; timestamps are stored to the microsecond. Any config id is
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
     * {@inheritDoc} At most {@code capacity} entries, even while concurrent appends (each of which
     * trims without seeing the others) leave a few more stored.
     */
    @Override
    public List<AppLogEntry> recent(long configId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM (SELECT id, " + COLUMNS
                        + " FROM app_logs WHERE config_id = :configId ORDER BY id DESC LIMIT :limit) AS newest ORDER BY id")
                .bind("configId", configId)
                .bind("limit", Math.min(limit, capacity))
                .map(PostgresAppLogRepository::entry)
                .list());
    }

    private static AppLogEntry entry(ResultSet row, StatementContext context) throws SQLException {
        return new AppLogEntry(row.getLong("config_id"), TimestampColumns.read(row, "timestamp"),
                row.getString("type"), row.getString("source"), row.getString("message"));
    }
}
