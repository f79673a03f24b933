package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.exports.ExportRetrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code exportEvents} and {@code onEvent} on the real server, against HTTP destinations on
 * loopback: batches split by bytes and by time; a destination that fails twice with a 5xx (a
 * {@code RetryError} in the app) gets every event exactly once in the end, each batch under one
 * idempotency key; one that always fails ends in {@code plugin_export_dlq}; a webhook app posts
 * from {@code onEvent} and retries through a job.
 */
class ExportsIT {
    private static final Path APP = Path.of("src/test/resources/apps/http-exporter");
    /** Short retries, so the test sees all three. */
    private static final ExportRetrySettings RETRIES = ExportRetrySettings.exponential(Duration.ofMillis(500), 3);

    private static ServerFixture fixture;
    private static TopicClient topics;
    private static long app;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(RETRIES, List.of("127.0.0.1"));
        topics = new TopicClient(fixture.kafka());
        app = fixture.admin().install(APP);
    }

    @AfterAll
    static void stop() throws Exception {
        topics.close();
        fixture.close();
    }

    private static long configure(long team, Destination destination, String bufferBytes, String bufferSeconds) throws Exception {
        ObjectNode config = ServerFixture.JSON.createObjectNode().put("url", destination.url())
                .put("exportEventsBufferBytes", bufferBytes).put("exportEventsBufferSeconds", bufferSeconds);
        return fixture.admin().configure(team, app, 1, config);
    }

    /** Sends {@code count} events of {@code team} with a padding property, and returns their uuids. */
    private static List<String> send(long team, int count, int padding) {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uuid = UUID.randomUUID().toString();
            uuids.add(uuid);
            topics.send("events_plugin_ingestion", team + ":person", "{\"event\":\"viewed\",\"uuid\":\"" + uuid
                    + "\",\"distinct_id\":\"person\",\"team_id\":" + team + ",\"properties\":{\"i\":" + i + ",\"pad\":\""
                    + "x".repeat(padding) + "\"}}");
        }
        topics.flush();
        return uuids;
    }

    private static List<String> uuids(List<JsonNode> events) {
        return events.stream().map(event -> event.get("uuid").asText()).toList();
    }

    @Test
    void aDestinationThatFailsTwiceGetsEveryEventExactlyOnceInTheEnd() throws Exception {
        try (Destination destination = new Destination(n -> n <= 2 ? 503 : 200)) {
            long config = configure(61, destination, "1048576", "1");
            List<String> sent = send(61, 20, 10);

            await().atMost(Duration.ofMinutes(1)).until(() -> destination.acceptedEvents().size() >= 20);
            // Anything exported twice would show up now.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> destination.acceptedEvents().size() == 20);
            assertThat(uuids(destination.acceptedEvents())).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(destination.requests()).isGreaterThanOrEqualTo(3);
            // Every batch carried one idempotency key on all its attempts: each accepted key was refused before.
            List<String> acceptedKeys = destination.keys.stream().filter(k -> k.endsWith(" 200")).map(k -> k.split(" ")[0]).toList();
            List<String> refusedKeys = destination.keys.stream().filter(k -> k.endsWith(" 503")).map(k -> k.split(" ")[0]).toList();
            assertThat(acceptedKeys).doesNotHaveDuplicates().doesNotContain("null").hasSize(destination.accepted.size());
            assertThat(refusedKeys).hasSize(2).allMatch(acceptedKeys::contains);
            JsonNode counts = ServerFixture.JSON.readTree(fixture.admin().get("/api/configs/" + config + "/metrics"));
            assertThat(counts.get("exported").asLong()).isEqualTo(20);
            assertThat(counts.get("export_retried").asLong()).as("events in the two retried attempts").isPositive();
            assertThat(counts.get("export_dlq").asLong()).isZero();
        }
    }

    @Test
    void aDestinationThatAlwaysFailsEndsInTheExportDeadLetterQueue() throws Exception {
        try (Destination destination = new Destination(n -> 503);
                TopicClient.Reader deadLetters = topics.reader("plugin_export_dlq")) {
            long config = configure(62, destination, "1048576", "1");
            List<String> sent = send(62, 5, 10);

            await().atMost(Duration.ofMinutes(1)).until(() -> deadLettered(deadLetters.poll(), config).size() == 5);
            List<JsonNode> letters = deadLetters.records.stream().map(ExportsIT::read)
                    .filter(letter -> letter.get("config_id").asLong() == config).toList();
            assertThat(uuids(deadLettered(deadLetters.records, config))).containsExactlyInAnyOrderElementsOf(sent);
            for (JsonNode letter : letters) {
                assertThat(letter.get("team_id").asLong()).isEqualTo(62);
                assertThat(letter.get("attempts").asInt()).isEqualTo(4);
                assertThat(letter.get("error").asText()).isEqualTo(
                        "exportEvents gave up after 3 retries: RetryError: the destination answered 503");
            }
            assertThat(destination.accepted).isEmpty();
            // Each dead-lettered batch was tried four times: once, then three retries.
            assertThat(destination.requests()).isEqualTo(4 * letters.size());
            JsonNode counts = ServerFixture.JSON.readTree(fixture.admin().get("/api/configs/" + config + "/metrics"));
            assertThat(counts.get("export_dlq").asLong()).isEqualTo(5);
            assertThat(counts.get("exported").asLong()).isZero();
        }
    }

    @Test
    void batchesAreSplitByBytesAndFlushedByTime() throws Exception {
        try (Destination bySize = new Destination(n -> 200); Destination byTime = new Destination(n -> 200)) {
            // A little over 2,000 bytes an event, at most 5,000 a batch (so two fit, not three), and no
            // flush by time within the test.
            configure(63, bySize, "5000", "600");
            configure(64, byTime, "1048576", "2");
            List<String> sized = send(63, 10, 2_000);
            List<String> timed = send(64, 3, 10);

            await().atMost(Duration.ofSeconds(30)).until(() -> byTime.acceptedEvents().size() == 3);
            assertThat(byTime.accepted).as("three small events, one batch once 2 s passed").hasSize(1);
            assertThat(uuids(byTime.acceptedEvents())).containsExactlyElementsOf(timed);

            // Each third event flushes the two before it: four batches of two; the ninth and tenth wait
            // for more events (or 600 s).
            await().atMost(Duration.ofSeconds(30)).until(() -> bySize.accepted.size() >= 4);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> bySize.accepted.size() == 4);
            assertThat(bySize.accepted).allSatisfy(body -> assertThat(body.get("batch")).hasSize(2));
            assertThat(uuids(bySize.acceptedEvents())).containsExactlyElementsOf(sized.subList(0, 8));
        }
    }

    @Test
    void onEventPostsToAWebhookAndRetriesThroughAJobUntilItIsDelivered() throws Exception {
        // Every other post fails (the first, the third, ...): a message whose post failed is tried again by a job.
        try (Destination webhook = new Destination(n -> n % 2 == 1 ? 503 : 200)) {
            long notifier = fixture.admin().install(Path.of("src/test/resources/apps/webhook-notifier"));
            long config = fixture.admin().configure(65, notifier, 1, ServerFixture.JSON.createObjectNode()
                    .put("webhookUrl", webhook.url()).put("eventName", "viewed"));
            List<String> sent = send(65, 3, 10);

            await().atMost(Duration.ofSeconds(60)).until(() -> webhook.accepted.size() >= 3);
            // A message posted twice would show up now.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> webhook.accepted.size() == 3);
            assertThat(webhook.accepted).extracting(body -> body.get("uuid").asText()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(webhook.accepted).extracting(body -> body.get("text").asText()).containsOnly("person did viewed");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode counts = ServerFixture.JSON.readTree(fixture.admin().get("/api/configs/" + config + "/metrics"));
                return counts.get("on_event").asLong() == 3 && counts.get("job_runs").asLong() == 3;
            });
        }
    }

    private static List<JsonNode> deadLettered(List<ConsumerRecord<byte[], byte[]>> records, long config) {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode letter = read(record);
            if (letter.get("config_id").asLong() == config) {
                letter.get("events").forEach(events::add);
            }
        }
        return events;
    }

    private static JsonNode read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return ServerFixture.JSON.readTree(new String(record.value(), UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
