package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code meta.jobs} on the real server: a job queued with {@code runIn} runs once, after its
 * delay, also when the server restarts in between; a job triggered through the admin API runs.
 */
class JobsIT {
    private static final Path APP = Path.of("src/test/resources/apps/delayed-job");
    private static final long TEAM = 51;

    @Test
    void aJobQueuedWithRunInRunsOnceAfterItsDelayEvenAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("appserver-jobs-it-");
        try {
            long configId;
            try (ServerFixture first = new ServerFixture(data); TopicClient topics = new TopicClient(first.kafka());
                    TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
                AdminHttp admin = first.admin();
                configId = admin.configure(TEAM, admin.install(APP), 1, ServerFixture.JSON.createObjectNode());
                send(topics, 1);
                send(topics, 2);
                await().atMost(Duration.ofMinutes(1)).until(() -> ranJobs(output.poll()).size() == 2);
                for (JsonNode ran : ranJobs(output.records)) {
                    assertThat(ran.get("ranAt").asLong() - ran.get("queuedAt").asLong()).as("the 3 s delay").isGreaterThanOrEqualTo(3_000);
                }

                admin.send("POST", "/api/configs/" + configId + "/jobs/ping", ServerFixture.JSON.createObjectNode().put("n", 3));
                await().atMost(Duration.ofSeconds(30)).until(() -> ranJobs(output.poll()).size() == 3);

                // Queued now, due in 3 s: the server stops before then.
                send(topics, 4);
                await().atMost(Duration.ofSeconds(30)).until(() -> output.poll().stream().anyMatch(JobsIT::isSchedule4));
                assertThat(ranJobs(output.records)).extracting(ran -> ran.get("n").asInt()).containsExactlyInAnyOrder(1, 2, 3);
            }
            try (ServerFixture second = new ServerFixture(data); TopicClient topics = new TopicClient(second.kafka());
                    TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
                await().atMost(Duration.ofMinutes(1)).until(() -> ranJobs(output.poll()).size() == 4);
                // Anything run twice would show up now.
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> ranJobs(output.poll()).size() == 4);
                assertThat(ranJobs(output.records)).extracting(ran -> ran.get("n").asInt()).containsExactlyInAnyOrder(1, 2, 3, 4);
            }
        } finally {
            ServerFixture.delete(data);
        }
    }

    private static void send(TopicClient topics, int n) {
        topics.send("events_plugin_ingestion", TEAM + ":person", "{\"event\":\"schedule\",\"distinct_id\":\"person\",\"team_id\":" + TEAM
                + ",\"properties\":{\"n\":" + n + "}}");
        topics.flush();
    }

    private static boolean isSchedule4(ConsumerRecord<byte[], byte[]> record) {
        JsonNode event = read(record);
        return event.path("event").asText().equals("schedule") && event.path("properties").path("n").asInt() == 4;
    }

    /** The properties of the "job ran" events among {@code records}. */
    private static List<JsonNode> ranJobs(List<ConsumerRecord<byte[], byte[]>> records) {
        List<JsonNode> ran = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = read(record);
            if (event.path("event").asText().equals("job ran") && event.path("team_id").asLong() == TEAM) {
                ran.add(event.get("properties"));
            }
        }
        return ran;
    }

    private static JsonNode read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ServerFixture.JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
