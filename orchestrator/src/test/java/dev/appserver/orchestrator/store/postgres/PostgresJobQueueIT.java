package dev.appserver.orchestrator.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.JobQueueContract;
import dev.appserver.orchestrator.jobs.NewJob;
import dev.appserver.orchestrator.store.NewApp;
import dev.appserver.orchestrator.store.NewAppConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobQueueIT extends JobQueueContract {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    private PostgresDatabase database;
    private PostgresAppConfigRepository configs;
    private long appId;
    private long teams;

    @Override
    protected JobQueue newQueue() {
        database = POSTGRES.emptied();
        appId = new PostgresAppRepository(database, Clock.systemUTC())
                .install(new NewApp("app", "{}", new byte[0], "hash", "", "", "index.js")).id();
        configs = new PostgresAppConfigRepository(database, Clock.systemUTC());
        return new PostgresJobQueue(database);
    }

    @Override
    protected long newConfig() throws Exception {
        return configs.create(new NewAppConfig(++teams, appId, true, 1, new ObjectMapper().createObjectNode(), Map.of())).id();
    }

    @Test
    void jobsGoWithTheirAppConfig() throws Exception {
        JobQueue queue = new PostgresJobQueue(database);
        long config = newConfig();
        queue.enqueue(new NewJob(config, JobKind.APP, "sync", "{}", Instant.EPOCH));

        configs.delete(config);

        assertThat(queue.waiting(config)).isZero();
        assertThat(queue.claim(Instant.now(), 10, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aJobQueuedThroughOneConnectionPoolIsClaimedThroughAnother() throws Exception {
        long config = newConfig();
        new PostgresJobQueue(database).enqueue(new NewJob(config, JobKind.APP, "sync", "{\"page\":2}", Instant.EPOCH));

        try (PostgresDatabase other = PostgresDatabase.open(POSTGRES.jdbcUrl(), POSTGRES.user(), POSTGRES.password())) {
            assertThat(new PostgresJobQueue(other).claim(Instant.now(), 10, Duration.ofMinutes(1)))
                    .extracting(job -> job.job().payloadJson()).containsExactly("{\"page\":2}");
        }
    }
}
