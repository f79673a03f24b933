package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-node server killed with SIGKILL in the middle of a stream and started again on the same
 * data directory: its apps and configs are still there, the events it had not finished are
 * processed after the restart, and nothing arrives twice (read_committed).
 */
class OrchestratorRestartIT {
    private static final long TEAM = 31;

    @TempDir
    Path data;

    @Test
    void aKilledServerRestartsWhereItStoppedWithNothingLostOrDuplicated() throws Exception {
        List<String> flags = List.of("--data-dir", data.toString(), "--kafka-port", "0", "--postgres-port", "0",
                "--redis-port", "0", "--http-port", "0", "--workers", "1");
        EventStream stream = new EventStream(TEAM, 32);
        try (ServerProcess server = ServerProcess.start(flags)) {
            AdminHttp admin = new AdminHttp(server.adminUri);
            long app = admin.install(Path.of("src/test/resources/apps/slow-greeter"));
            admin.configure(TEAM, app, 1, ServerFixture.config("greeting", "survives"));
            try (TopicClient topics = new TopicClient(server.kafka); TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
                // About 1,200 events/s offered to an app that manages about 1,000: a backlog builds up.
                try (AutoCloseable sender = stream.sendContinuously(topics, 300, Duration.ofMillis(250))) {
                    await().atMost(Duration.ofMinutes(3)).until(() -> stream.count(output.poll()) >= 1_000);
                }
                server.kill();
                assertThat(stream.count(output.poll())).as("killed mid-stream").isLessThan(stream.sent());
            }
        }
        try (ServerProcess server = ServerProcess.start(flags);
                TopicClient topics = new TopicClient(server.kafka);
                TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            stream.send(topics, 1_000);
            await().atMost(Duration.ofMinutes(3)).until(() -> stream.count(output.poll()) >= stream.sent());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> output.poll() != null);
            stream.assertExactlyOnceInOrder(output.records, "survives");
            server.stopCleanly(Duration.ofMinutes(1));
        }
    }
}
