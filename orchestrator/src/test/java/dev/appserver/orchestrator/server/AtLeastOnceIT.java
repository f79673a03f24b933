package dev.appserver.orchestrator.server;

import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.ingest.DeliveryMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The at-least-once option on a real single-node server: outputs acknowledged, then offsets
 * committed. Without failures that is every event once, in per-key order.
 */
class AtLeastOnceIT {
    private static final long TEAM = 41;

    @Test
    void everyEventArrivesInOrder() throws Exception {
        try (ServerFixture fixture = new ServerFixture(1, DeliveryMode.AT_LEAST_ONCE);
                TopicClient topics = new TopicClient(fixture.kafka());
                TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            AdminHttp admin = fixture.admin();
            long app = admin.install(Path.of("..", "examples", "hello-world"));
            admin.configure(TEAM, app, 1, ServerFixture.config("greeting", "at least once"));
            EventStream stream = new EventStream(TEAM, 16);

            stream.send(topics, 2_000);

            await().atMost(Duration.ofMinutes(2)).until(() -> stream.count(output.poll()) >= stream.sent());
            stream.assertExactlyOnceInOrder(output.records, "at least once");
        }
    }
}
