package dev.appserver.orchestrator.store.postgres;

import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.AppRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAppRepositoryIT extends AppRepositoryContract {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    @Override
    protected AppRepository newRepository(Clock clock) {
        return new PostgresAppRepository(POSTGRES.emptied(), clock);
    }
}
