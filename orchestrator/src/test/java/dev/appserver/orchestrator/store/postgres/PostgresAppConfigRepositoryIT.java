package dev.appserver.orchestrator.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppConfigRepositoryContract;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.NewApp;
import dev.appserver.orchestrator.store.NewAppConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAppConfigRepositoryIT extends AppConfigRepositoryContract {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    private PostgresDatabase database;
    private AppConfigRepository repository;

    @Override
    protected AppConfigRepository newRepository(Clock clock) {
        database = POSTGRES.emptied();
        PostgresAppRepository apps = new PostgresAppRepository(database, clock);
        for (int i = 1; i <= 9; i++) {
            apps.install(new NewApp("app " + i, "{}", new byte[0], "hash-" + i, "", "", "index.js"));
        }
        repository = new PostgresAppConfigRepository(database, clock);
        return repository;
    }

    @Test
    void configValuesAreStoredAsTheJsonTextGiven() throws Exception {
        ObjectNode values = (ObjectNode) new ObjectMapper().readTree("{\"zeta\":1,\"alpha\":{\"b\":2,\"a\":1.50}}");

        AppConfig created = repository.create(new NewAppConfig(2, 7, true, 3, values, Map.of()));

        String stored = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT config::text FROM app_configs WHERE id = :id").bind("id", created.id())
                .mapTo(String.class).one());
        assertThat(stored).isEqualTo("{\"zeta\":1,\"alpha\":{\"b\":2,\"a\":1.5}}");
    }

    @Test
    void aConfigForAnAppThatIsNotInstalledIsRefused() {
        assertThatThrownBy(() -> repository.create(new NewAppConfig(2, 99, true, 3, new ObjectMapper().createObjectNode(),
                Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no app 99");
    }

    @Test
    void deletingAConfigDeletesItsLogEntriesOnly() throws Exception {
        AppConfig deleted = repository.create(new NewAppConfig(2, 7, true, 3, new ObjectMapper().createObjectNode(), Map.of()));
        AppConfig kept = repository.create(new NewAppConfig(2, 8, true, 3, new ObjectMapper().createObjectNode(), Map.of()));
        PostgresAppLogRepository logs = new PostgresAppLogRepository(database, 10);
        logs.append(new AppLogEntry(deleted.id(), Instant.EPOCH, "LOG", "CONSOLE", "gone"));
        logs.append(new AppLogEntry(kept.id(), Instant.EPOCH, "LOG", "CONSOLE", "kept"));

        assertThat(repository.delete(deleted.id())).isPresent();

        assertThat(logs.recent(deleted.id(), 10)).isEmpty();
        assertThat(logs.recent(kept.id(), 10)).extracting(AppLogEntry::message).containsExactly("kept");
        // An entry that arrives after the delete is still accepted.
        logs.append(new AppLogEntry(deleted.id(), Instant.EPOCH, "ERROR", "SYSTEM", "late"));
        assertThat(logs.recent(deleted.id(), 10)).extracting(AppLogEntry::message).containsExactly("late");
    }
}
