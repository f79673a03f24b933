package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.AppStorage;
import dev.appserver.orchestrator.hostservices.StorageCharge;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * {@link AppStorage} in {@code app_storage}: values as {@code json} text (kept as given, key order
 * included; decision 0007), cursors among them as JSON integers, as PostHog keeps them.
 *
 * <p>Quota: each write is one transaction that first writes, then charges the change in size, so
 * a charge that refuses rolls the write back and a later reader never saw it. The size of the
 * replaced entry comes from the write itself: an {@code UPDATE} joined to its own row locked
 * {@code FOR UPDATE} returns the old entry's size together with the new value, so concurrent
 * writers of a key queue on its row lock and each charge is computed against the entry it really
 * replaced. A key that is missing is inserted with {@code ON CONFLICT DO NOTHING}; when a
 * concurrent insert of the same key wins, the write goes round again and updates that row. The
 * tenant's count is held by the charge (an in-memory quota), so it never waits for this database
 * while the write holds a connection and a row lock; {@link #tenantBytes} is what it starts from.
 *
 * <p>Thread-safe: every method runs on its own connection from the pool.
 */
public final class PostgresAppStorage implements AppStorage {
    /** {@link AppStorage#storedBytes} of a row, in PostgreSQL; encoded explicitly, whatever the database's encoding. */
    private static final String BYTES = "octet_length(convert_to(%1$s.key, 'UTF8'))"
            + " + octet_length(convert_to(CAST(%1$s.value AS text), 'UTF8'))";
    private static final String LOCKED_OLD = " FROM (SELECT config_id, key, value FROM app_storage"
            + " WHERE config_id = :configId AND key = :key FOR UPDATE) AS old"
            + " WHERE entry.config_id = old.config_id AND entry.key = old.key RETURNING ";
    private static final String REPLACE = "UPDATE app_storage AS entry SET value = CAST(:value AS json)" + LOCKED_OLD
            + BYTES.formatted("old");
    private static final String ADD = "UPDATE app_storage AS entry"
            + " SET value = CAST(CAST(CAST(CAST(old.value AS text) AS bigint) + :by AS text) AS json)" + LOCKED_OLD
            + "CAST(CAST(entry.value AS text) AS bigint) AS next, " + BYTES.formatted("old") + " AS replaced";
    private static final String INSERT = "INSERT INTO app_storage (config_id, key, value)"
            + " VALUES (:configId, :key, CAST(:value AS json)) ON CONFLICT (config_id, key) DO NOTHING";
    /** {@code bigint} input that is not an integer; an integer out of range. */
    private static final String INVALID_TEXT = "22P02";
    private static final String OUT_OF_RANGE = "22003";

    private final Jdbi jdbi;

    public PostgresAppStorage(PostgresDatabase database) {
        this.jdbi = requireNonNull(database, "database is null").jdbi();
    }

    @Override
    public void set(long configId, String key, String valueJson, StorageCharge charge) {
        requireNonNull(valueJson, "valueJson is null");
        write(key, charge, handle -> {
            while (true) {
                Optional<Long> replaced = handle.createQuery(REPLACE).bind("configId", configId).bind("key", key)
                        .bind("value", valueJson).mapTo(Long.class).findOne();
                if (replaced.isPresent()) {
                    return new Written(0, AppStorage.storedBytes(key, valueJson) - replaced.get());
                }
                if (insert(handle, configId, key, valueJson)) {
                    return new Written(0, AppStorage.storedBytes(key, valueJson));
                }
            }
        });
    }

    @Override
    public Optional<String> get(long configId, String key) {
        return translated(key, () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT CAST(value AS text) FROM app_storage WHERE config_id = :configId AND key = :key")
                .bind("configId", configId).bind("key", key).mapTo(String.class).findOne()));
    }

    @Override
    public long delete(long configId, String key) {
        return translated(key, () -> jdbi.withHandle(handle -> handle
                .createQuery("DELETE FROM app_storage AS entry WHERE config_id = :configId AND key = :key RETURNING "
                        + BYTES.formatted("entry"))
                .bind("configId", configId).bind("key", key).mapTo(Long.class).findOne().orElse(0L)));
    }

    @Override
    public void initCursor(long configId, String key, long initial, StorageCharge charge) {
        String value = Long.toString(initial);
        write(key, charge, handle -> new Written(initial,
                insert(handle, configId, key, value) ? AppStorage.storedBytes(key, value) : 0));
    }

    @Override
    public long incrementCursor(long configId, String key, long by, StorageCharge charge) {
        return write(key, charge, handle -> {
            while (true) {
                Optional<Written> added;
                try {
                    added = handle.createQuery(ADD).bind("configId", configId).bind("key", key).bind("by", by)
                            .map((row, context) -> new Written(row.getLong("next"), AppStorage.storedBytes(key,
                                    Long.toString(row.getLong("next"))) - row.getLong("replaced")))
                            .findOne();
                } catch (StatementException e) {
                    if (hasSqlState(e, INVALID_TEXT) || hasSqlState(e, OUT_OF_RANGE)) {
                        throw AppStorage.notAnInteger(key);
                    }
                    throw e;
                }
                if (added.isPresent()) {
                    return added.get();
                }
                if (insert(handle, configId, key, Long.toString(by))) {
                    return new Written(by, AppStorage.storedBytes(key, Long.toString(by)));
                }
            }
        });
    }

    /**
     * What the tenant's app configs store, in {@link AppStorage#storedBytes}: where its storage
     * quota starts counting ({@code quota.StoredBytes}).
     */
    public long tenantBytes(long teamId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COALESCE(SUM(" + BYTES.formatted("entry") + "), 0)"
                        + " FROM app_storage AS entry JOIN app_configs ON app_configs.id = entry.config_id"
                        + " WHERE app_configs.team_id = :teamId")
                .bind("teamId", teamId).mapTo(Long.class).one());
    }

    /** @return whether the row was inserted; false when the key exists (committed, or just committed by another) */
    private static boolean insert(Handle handle, long configId, String key, String valueJson) {
        return handle.createUpdate(INSERT).bind("configId", configId).bind("key", key).bind("value", valueJson)
                .execute() == 1;
    }

    /**
     * Runs {@code write} and charges the change in size it made, in one transaction; hands the
     * charge back when the commit fails after it was accepted.
     *
     * @return what the write returned
     */
    private long write(String key, StorageCharge charge, Function<Handle, Written> write) {
        requireNonNull(charge, "charge is null");
        long[] accepted = {0};
        try {
            return translated(key, () -> jdbi.inTransaction(handle -> {
                Written written = write.apply(handle);
                charge.charge(written.deltaBytes());
                accepted[0] = written.deltaBytes();
                return written.result();
            }));
        } catch (RuntimeException e) {
            if (accepted[0] != 0) {
                try {
                    charge.charge(-accepted[0]);
                } catch (RuntimeException refused) {
                    e.addSuppressed(refused);
                }
            }
            throw e;
        }
    }

    /**
     * Runs {@code statements}, turning a failed statement into an error an app may read: the
     * database's own message, without the SQL and its arguments that jdbi's message carries.
     */
    private static <T> T translated(String key, Supplier<T> statements) {
        try {
            return statements.get();
        } catch (StatementException e) {
            throw new IllegalStateException("storage key '" + key + "': " + sqlMessage(e), e);
        }
    }

    private static String sqlMessage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getMessage() != null) {
                return sql.getMessage();
            }
        }
        return e.toString();
    }

    private static boolean hasSqlState(Throwable e, String sqlState) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one write's statements did.
     *
     * @param result what the write returns (a cursor's new value; 0 for the others)
     * @param deltaBytes the change in {@link AppStorage#storedBytes} it made
     */
    private record Written(long result, long deltaBytes) {}
}
