package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.store.NewApp;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AppRepository} in the {@code apps} table. Installing content that is already installed
 * returns the existing row, also when two orchestrators install it at once: the insert skips a
 * conflicting content hash and the row is then read back. Thread-safe.
 */
public final class PostgresAppRepository implements AppRepository {
    private static final String COLUMNS =
            "id, name, plugin_json, archive, content_hash, code, code_hash, main_file, capabilities, verified, created_at";

    private final Jdbi jdbi;
    private final Clock clock;

    /** @param clock stamps {@link InstalledApp#createdAt()} (truncated to microseconds) */
    public PostgresAppRepository(PostgresDatabase database, Clock clock) {
        this.jdbi = requireNonNull(database, "database is null").jdbi();
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public InstalledApp install(NewApp app) {
        requireNonNull(app, "app is null");
        return jdbi.withHandle(handle -> {
            // Looking first keeps ids gapless in the usual case: a skipped insert still uses up a sequence value.
            Optional<InstalledApp> existing = findByContentHash(handle, app.contentHash());
            if (existing.isPresent()) {
                return existing.get();
            }
            return handle.createQuery("INSERT INTO apps (name, plugin_json, archive, content_hash, code, code_hash,"
                            + " main_file, created_at) VALUES (:name, :pluginJson, :archive, :contentHash, :code,"
                            + " :codeHash, :mainFile, :createdAt) ON CONFLICT (content_hash) DO NOTHING RETURNING " + COLUMNS)
                    .bind("name", app.name())
                    .bind("pluginJson", app.pluginJson())
                    .bind("archive", app.archive())
                    .bind("contentHash", app.contentHash())
                    .bind("code", app.code())
                    .bind("codeHash", app.codeHash())
                    .bind("mainFile", app.mainFile())
                    .bind("createdAt", TimestampColumns.bindable(clock.instant()))
                    .map(PostgresAppRepository::app)
                    .findOne()
                    // Another install of the same content committed after our look: it waited for
                    // that insert to commit, so this statement sees its row.
                    .or(() -> findByContentHash(handle, app.contentHash()))
                    .orElseThrow(() -> new IllegalStateException("app " + app.contentHash() + " neither inserted nor found"));
        });
    }

    @Override
    public Optional<InstalledApp> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM apps WHERE id = :id")
                .bind("id", id)
                .map(PostgresAppRepository::app)
                .findOne());
    }

    @Override
    public Optional<InstalledApp> findByContentHash(String contentHash) {
        requireNonNull(contentHash, "contentHash is null");
        return jdbi.withHandle(handle -> findByContentHash(handle, contentHash));
    }

    @Override
    public List<InstalledApp> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM apps ORDER BY id")
                .map(PostgresAppRepository::app)
                .list());
    }

    @Override
    public boolean recordCapabilities(long id, List<String> capabilities) {
        String json = JsonColumns.write(List.copyOf(capabilities));
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE apps SET capabilities = CAST(:capabilities AS jsonb) WHERE id = :id")
                .bind("capabilities", json)
                .bind("id", id)
                .execute()) > 0;
    }

    @Override
    public boolean setVerified(long id, boolean verified) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE apps SET verified = :verified WHERE id = :id")
                .bind("verified", verified)
                .bind("id", id)
                .execute()) > 0;
    }

    @Override
    public Set<Long> verifiedIds() {
        return Set.copyOf(jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM apps WHERE verified")
                .mapTo(Long.class)
                .list()));
    }

    private static Optional<InstalledApp> findByContentHash(Handle handle, String contentHash) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM apps WHERE content_hash = :contentHash")
                .bind("contentHash", contentHash)
                .map(PostgresAppRepository::app)
                .findOne();
    }

    private static InstalledApp app(ResultSet row, StatementContext context) throws SQLException {
        String capabilities = row.getString("capabilities");
        return new InstalledApp(row.getLong("id"), row.getString("name"), row.getString("plugin_json"),
                row.getBytes("archive"), row.getString("content_hash"), row.getString("code"),
                row.getString("code_hash"), row.getString("main_file"),
                Optional.ofNullable(capabilities).map(JsonColumns::readStrings),
                row.getBoolean("verified"), TimestampColumns.read(row, "created_at"));
    }
}
