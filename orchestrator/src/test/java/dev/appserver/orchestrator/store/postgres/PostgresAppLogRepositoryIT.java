package dev.appserver.orchestrator.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppLogRepositoryContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAppLogRepositoryIT extends AppLogRepositoryContract {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    @Override
    protected AppLogRepository newRepository(int capacity) {
        return new PostgresAppLogRepository(POSTGRES.emptied(), capacity);
    }

    @Test
    void trimsTheStoredEntriesToTheCapacity() {
        PostgresDatabase database = POSTGRES.emptied();
        AppLogRepository logs = new PostgresAppLogRepository(database, 3);
        for (int i = 0; i < 20; i++) {
            logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", "entry " + i));
        }

        long stored = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM app_logs WHERE config_id = 1").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(3);
    }

    @Test
    void aNulCharacterIsStoredAsAReplacementCharacter() {
        AppLogRepository logs = newRepository(10);

        logs.append(new AppLogEntry(1, Instant.EPOCH, "LOG", "CONSOLE", "before\u0000after"));

        assertThat(logs.recent(1, 1)).extracting(AppLogEntry::message).containsExactly("before\uFFFDafter");
    }
}
