package dev.appserver.orchestrator.store.postgres;

import dev.appserver.orchestrator.services.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for one test class, registered as a static {@code @RegisterExtension} field:
 * an {@link EmbeddedPostgres} on a free port with its cluster under a temporary directory, started
 * before the class's first test and stopped and deleted after its last, and a
 * {@link PostgresDatabase} opened on it (so migrated). Tests share the server and start from
 * {@link #emptied()}. Not thread-safe: the callbacks and tests of one class run in sequence.
 */
final class PostgresTestServer implements BeforeAllCallback, AfterAllCallback {
    private static final String TABLES = "apps, app_configs, app_config_attachments, app_logs, app_storage, jobs";

    private Path directory;
    private EmbeddedPostgres server;
    private PostgresDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = Files.createTempDirectory("appserver-store-it-");
        // A subdirectory, so that the server's lock file beside it is deleted with the rest.
        server = new EmbeddedPostgres(directory.resolve("postgres"), 0);
        server.start();
        database = PostgresDatabase.open(jdbcUrl(), user(), password());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Stops the server (the pool first) and starts it again on the same cluster and port, as an
     * orchestrator's restart would. @return the database, opened again
     */
    PostgresDatabase restart() throws Exception {
        int port = URI.create(server.jdbcUrl().substring("jdbc:".length())).getPort();
        database.close();
        database = null;
        server.close();
        server = new EmbeddedPostgres(directory.resolve("postgres"), port);
        server.start();
        database = PostgresDatabase.open(jdbcUrl(), user(), password());
        return database;
    }

    /** The class's open database, every table emptied and every id sequence restarted at 1. */
    PostgresDatabase emptied() {
        database.jdbi().useHandle(handle -> handle.execute("TRUNCATE " + TABLES + " RESTART IDENTITY CASCADE"));
        return database;
    }

    String jdbcUrl() {
        return server.jdbcUrl();
    }

    String user() {
        return EmbeddedPostgres.USER;
    }

    String password() {
        return EmbeddedPostgres.PASSWORD;
    }
}
