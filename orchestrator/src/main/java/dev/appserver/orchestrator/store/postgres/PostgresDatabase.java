package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.appserver.orchestrator.services.Redaction;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;

/**
 * The orchestrator's PostgreSQL database: a HikariCP connection pool and the {@link Jdbi} the
 * {@code Postgres*Repository} classes run their SQL through.
 *
 * <p>Lifecycle: {@link #open} connects and brings the schema up to date with the Flyway migrations
 * in {@code db/migration} (idempotent; Flyway holds a PostgreSQL advisory lock while it migrates,
 * so orchestrators starting together migrate once); {@link #close} closes the pool, after which
 * the repositories built on it fail. The composition root owns it.
 *
 * <p>Thread-safe: the pool and {@link Jdbi} are.
 */
public final class PostgresDatabase implements AutoCloseable {
    /**
     * Connections in the pool: enough for the orchestrator's threads that touch the store at once
     * (admin API, routing reloads, log writer, jobs), small for a server with few cores.
     */
    static final int MAX_POOL_SIZE = 8;

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /**
     * Connects to the database and migrates its schema.
     *
     * @param jdbcUrl {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?...]}
     * @param password empty when the server asks for none
     * @throws PostgresOpenException when the database cannot be reached or logged into, or its
     *     schema cannot be migrated; the message names the URL, its password hidden
     */
    public static PostgresDatabase open(String jdbcUrl, String user, String password) throws PostgresOpenException {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        String where = Redaction.redact(jdbcUrl) + " as " + user;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(jdbcUrl, user, password));
        } catch (RuntimeException e) { // HikariPool.PoolInitializationException, or a malformed URL
            throw new PostgresOpenException("cannot connect to PostgreSQL at " + where + ": " + reason(e), e);
        }
        try {
            Flyway.configure(PostgresDatabase.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new PostgresOpenException(
                    "cannot migrate the schema of PostgreSQL at " + where + ": " + Redaction.redact(e.getMessage()), e);
        }
        return new PostgresDatabase(pool);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Closes the pool's connections; idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("appserver-postgres");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Fail in open(), not at the first query, when the database cannot be reached.
        config.setInitializationFailTimeout(1);
        return config;
    }

    /**
     * The driver's explanation if there is one ("Connection to HOST:PORT refused. Check that...",
     * "FATAL: password authentication failed for user ..."), else the innermost cause's. The
     * driver's messages never hold the password, but a URL may, so the text is redacted.
     */
    private static String reason(Throwable e) {
        Throwable innermost = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                return Redaction.redact(cause.getMessage());
            }
            innermost = cause;
        }
        return Redaction.redact(innermost.getMessage() == null ? innermost.toString() : innermost.getMessage());
    }
}
