package dev.appserver.orchestrator.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.ConfigAttachment;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.store.NewApp;
import dev.appserver.orchestrator.store.NewAppConfig;
import dev.appserver.orchestrator.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening the database: migrations, reopening, and failing to connect. */
class PostgresDatabaseIT {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    private final MutableClock clock = new MutableClock();

    @Test
    void openingAMigratedDatabaseAgainChangesNothing() throws Exception {
        POSTGRES.emptied();
        try (PostgresDatabase again = open(); PostgresDatabase andAgain = open()) {
            List<String> migrations = andAgain.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT version || ' ' || success FROM flyway_schema_history"
                            + " WHERE version IS NOT NULL ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(migrations).containsExactly("1 true", "2 true");
            List<String> tables = again.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                            + " AND table_name <> 'flyway_schema_history' ORDER BY table_name")
                    .mapTo(String.class).list());
            assertThat(tables).containsExactly("app_config_attachments", "app_configs", "app_logs", "app_storage",
                    "apps", "jobs");
        }
    }

    @Test
    void dataSurvivesClosingAndReopening() throws Exception {
        POSTGRES.emptied();
        ObjectNode values = (ObjectNode) new ObjectMapper().readTree("{\"z\":\"last\",\"a\":1}");
        InstalledApp app;
        AppConfig config;
        try (PostgresDatabase database = open()) {
            app = new PostgresAppRepository(database, clock).install(
                    new NewApp("app", "{\"name\": \"app\"}", new byte[] {1, 2, 3}, "hash", "code", "code-hash", "index.js"));
            config = new PostgresAppConfigRepository(database, clock).create(new NewAppConfig(2, app.id(), true, 1, values,
                    Map.of("file", new ConfigAttachment("text/plain", "a.txt", new byte[] {4}))));
            new PostgresAppLogRepository(database, 10).append(
                    new AppLogEntry(config.id(), clock.instant(), "INFO", "SYSTEM", "installed"));
        }

        try (PostgresDatabase database = open()) {
            assertThat(new PostgresAppRepository(database, clock).find(app.id())).get()
                    .usingRecursiveComparison().isEqualTo(app);
            assertThat(new PostgresAppConfigRepository(database, clock).get(config.id())).get()
                    .usingRecursiveComparison().withEqualsForType(ObjectNode::equals, ObjectNode.class).isEqualTo(config);
            assertThat(new PostgresAppLogRepository(database, 10).recent(config.id(), 10))
                    .containsExactly(new AppLogEntry(config.id(), clock.instant(), "INFO", "SYSTEM", "installed"));
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/appserver?password=secret&connectTimeout=5";

        assertThatThrownBy(() -> PostgresDatabase.open(url, "postgres", "secret"))
                .isInstanceOf(PostgresOpenException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/appserver?password=***&connectTimeout=5 as postgres: ")
                .hasMessageNotContaining("secret");
    }

    private static PostgresDatabase open() throws PostgresOpenException {
        return PostgresDatabase.open(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password());
    }
}
