package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A tenant past its events-per-second quota is throttled on the real server: its events wait in
 * the overflow topic while another tenant's, sent after them through the same partitions and the
 * same worker, come out at once; then they all arrive, exactly once and in per-person order, and
 * the throttling shows in {@code /metrics}.
 */
class QuotaIT {
    private static final long THROTTLED = 31;
    private static final long OTHER = 32;
    /** One event per second: the first round of 30 leaves the tenant 29 s in debt. */
    private static final QuotaSettings QUOTAS = new QuotaSettings(Duration.ofSeconds(60), 1, 1_200, 1_000);

    @Test
    void aTenantPastItsQuotaWaitsWhileTheOthersFlowAndNothingIsLost() throws Exception {
        TrustPoolSettings oneWorker = TrustPoolSettings.of(1, new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false));
        try (ServerFixture fixture = new ServerFixture(oneWorker, DeliveryMode.EXACTLY_ONCE, QUOTAS);
                TopicClient topics = new TopicClient(fixture.kafka());
                TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            AdminHttp admin = fixture.admin();
            long hello = admin.install(ServerProcess.REPOSITORY.resolve("examples/hello-world"));
            admin.configure(THROTTLED, hello, 1, ServerFixture.config("greeting", "throttled"));
            admin.configure(OTHER, hello, 1, ServerFixture.config("greeting", "other"));
            EventStream throttled = new EventStream(THROTTLED, 3);
            EventStream other = new EventStream(OTHER, 3);

            // Within the quota when it is admitted; it leaves the tenant in debt.
            throttled.send(topics, 30);
            await().atMost(Duration.ofMinutes(3)).until(() -> throttled.count(output.poll()) == 30);

            throttled.send(topics, 10);
            other.send(topics, 30);
            await().atMost(Duration.ofMinutes(1)).until(() -> other.count(output.poll()) == 30);
            assertThat(throttled.count(output.records)).as("the throttled tenant's later events still wait").isEqualTo(30);
            String metrics = admin.get("/metrics");
            // The other tenant's 30 events were admitted (it was within its quota) and left it in debt too.
            assertThat(metrics).contains("appserver_events_throttled_total{quota=\"events\"} 10.0")
                    .containsPattern("appserver_tenants_throttled [12]\\.0");

            await().atMost(Duration.ofMinutes(2)).until(() -> throttled.count(output.poll()) == 40);
            // Anything processed twice would show up now.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> output.poll() != null);
            throttled.assertExactlyOnceInOrder(output.records, "throttled");
            other.assertExactlyOnceInOrder(output.records, "other");
            await().atMost(Duration.ofMinutes(1)).until(() -> admin.get("/metrics").contains("appserver_tenants_throttled 0.0"));
        }
    }
}
