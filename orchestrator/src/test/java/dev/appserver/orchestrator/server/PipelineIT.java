package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole pipeline on a real single-node server: embedded Kafka, PostgreSQL and Redis, real
 * worker processes, apps installed and configured through the admin API. Tenants 11 and 12 have
 * chains; tenant 13 has none and passes through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Duration ARRIVAL = Duration.ofMinutes(3);

    private static ServerFixture fixture;
    private static TopicClient topics;
    private static long greeterFor11;
    private static long dropperFor12;
    private static long greeterFor12;
    private static long dropApp;
    private static AdminHttp admin;

    @BeforeAll
    static void startServer() throws Exception {
        fixture = new ServerFixture(2, DeliveryMode.EXACTLY_ONCE);
        topics = new TopicClient(fixture.kafka());
        admin = fixture.admin();
        long hello = admin.install(EXAMPLES.resolve("hello-world"));
        dropApp = admin.install(EXAMPLES.resolve("drop-events"));
        greeterFor11 = admin.configure(11, hello, 1, ServerFixture.config("greeting", "hi 11"));
        dropperFor12 = admin.configure(12, dropApp, 1, ServerFixture.config("eventsToDrop", "$autocapture, $leave"));
        greeterFor12 = admin.configure(12, hello, 2, ServerFixture.config("greeting", "hi 12"));
    }

    @AfterAll
    static void stopServer() {
        if (topics != null) {
            topics.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String event(long team, String name, String distinctId, String uuid, int seq) {
        return "{\"uuid\":\"" + uuid + "\",\"event\":\"" + name + "\",\"team_id\":" + team + ",\"distinct_id\":\""
                + distinctId + "\",\"properties\":{\"seq\":" + seq + "}}";
    }

    private static String envelope(long team, String distinctId, String uuid, String eventJson) {
        String data = eventJson.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"uuid\":\"" + uuid + "\",\"distinct_id\":\"" + distinctId + "\",\"ip\":null,\"site_url\":\"\",\"team_id\":"
                + team + ",\"now\":\"2026-11-28T00:00:00Z\",\"sent_at\":null,\"token\":\"t\",\"data\":\"" + data + "\"}";
    }

    @Test
    @Order(1)
    void tenThousandEventsForThreeTenantsArriveTransformedInPerKeyOrder() throws Exception {
        Random random = new Random(42);
        Map<String, Integer> expected = new HashMap<>();
        Map<String, Integer> seqByKey = new HashMap<>();
        Map<Long, Integer> sentByTeam = new HashMap<>();
        int dropped = 0;
        for (int i = 0; i < 10_000; i++) {
            long team = 11 + random.nextInt(3);
            String person = "p" + random.nextInt(40);
            String name = random.nextInt(10) == 0 ? "$autocapture" : "$pageview";
            String key = team + ":" + person;
            sentByTeam.merge(team, 1, Integer::sum);
            int seq = seqByKey.merge(key, 1, Integer::sum);
            String uuid = "u" + i;
            String json = event(team, name, person, uuid, seq);
            topics.send("events_plugin_ingestion", key, i % 2 == 0 ? json : envelope(team, person, uuid, json));
            if (team == 12 && name.equals("$autocapture")) {
                dropped++;
            } else {
                expected.put(uuid, (int) team);
            }
        }
        topics.send("events_plugin_ingestion", null, "not json at all");
        topics.send("events_plugin_ingestion", null, "{\"event\":\"no team\"}");
        topics.send("events_plugin_ingestion", null, "{\"team_id\":11}");
        topics.flush();

        try (TopicClient.Reader output = topics.reader("clickhouse_events_json");
                TopicClient.Reader deadLetters = topics.reader("events_plugin_ingestion_dlq")) {
            await().atMost(ARRIVAL).until(() -> output.poll().size() >= expected.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().size() >= 3);
            output.poll();

            Set<String> seen = new HashSet<>();
            Map<String, Integer> lastSeq = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : output.records) {
                JsonNode event = ServerFixture.JSON.readTree(record.value());
                String uuid = event.get("uuid").asText();
                assertThat(seen.add(uuid)).as("duplicate %s", uuid).isTrue();
                assertThat(expected).containsKey(uuid);
                long team = event.get("team_id").asLong();
                String key = new String(record.key(), UTF_8);
                assertThat(key).isEqualTo(team + ":" + event.get("distinct_id").asText());
                int seq = event.get("properties").get("seq").asInt();
                assertThat(seq).as("order of %s", key).isGreaterThan(lastSeq.getOrDefault(key, 0));
                lastSeq.put(key, seq);
                JsonNode greeting = event.get("properties").get("greeting");
                switch ((int) team) {
                    case 11 -> assertThat(greeting.asText()).isEqualTo("hi 11");
                    case 12 -> {
                        assertThat(greeting.asText()).isEqualTo("hi 12");
                        assertThat(event.get("event").asText()).isNotEqualTo("$autocapture");
                        assertThat(event.get("properties").get("$plugins_succeeded")).hasSize(2);
                    }
                    default -> assertThat(greeting).as("tenant 13 has no apps").isNull();
                }
            }
            assertThat(seen).hasSize(expected.size());

            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> dead : deadLetters.records) {
                reasons.add(new String(dead.headers().lastHeader("error").value(), UTF_8));
            }
            assertThat(reasons).hasSize(3).anySatisfy(r -> assertThat(r).startsWith("not JSON"))
                    .contains("no team_id", "no event name");
            assertThat(new String(deadLetters.records.get(0).value(), UTF_8)).isEqualTo("not json at all");
        }

        String metrics = admin.get("/metrics");
        assertThat(metrics).contains("appserver_events_consumed_total", "appserver_events_produced_total",
                "appserver_events_dropped_total", "appserver_events_failed_total", "appserver_events_dlq_total",
                "appserver_batch_latency_seconds");
        assertThat(counter(metrics, "appserver_events_dlq_total")).isEqualTo(3);
        assertThat(counter(metrics, "appserver_events_dropped_total")).isEqualTo(dropped);
        assertThat(counter(metrics, "appserver_events_produced_total")).isEqualTo(expected.size());

        // Per app config: tenant 12's dropper kept or dropped each event, its greeter saw the kept ones.
        int droppedFor12 = dropped;
        int keptFor12 = sentByTeam.get(12L) - droppedFor12;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(appMetrics(dropperFor12)).containsExactly(keptFor12, droppedFor12, 0);
            assertThat(appMetrics(greeterFor12)).containsExactly(keptFor12, 0, 0);
            assertThat(appMetrics(greeterFor11)).containsExactly(sentByTeam.get(11L), 0, 0);
        });
        String totals = admin.get("/metrics");
        assertThat(counter(totals, "appserver_app_outcomes_total{kind=\"processEvent\",outcome=\"dropped\"}"))
                .isEqualTo(dropped);
        assertThat(counter(totals, "appserver_app_outcomes_total{kind=\"processEvent\",outcome=\"processed\"}"))
                .isEqualTo(2 * keptFor12 + sentByTeam.get(11L));
    }

    /** The app config's processed, dropped and failed counts from the admin API. */
    private static List<Integer> appMetrics(long configId) throws Exception {
        JsonNode counts = admin.send("GET", "/api/configs/" + configId + "/metrics", null);
        return List.of(counts.get("processed").asInt(), counts.get("dropped").asInt(), counts.get("failed").asInt());
    }

    @Test
    @Order(4)
    void appErrorsAndConsoleLinesAreStoredFilterablePublishedAndCountedPerAppConfig() throws Exception {
        long app = admin.install(Path.of("src/test/resources/apps/logs-and-fails-on-poison"));
        long logger = admin.configure(15, app, 1, ServerFixture.JSON.createObjectNode());
        long dropper = admin.configure(15, dropApp, 2, ServerFixture.config("eventsToDrop", "$autocapture"));
        String[] events = {"{\"event\":\"$pageview\",\"team_id\":15,\"distinct_id\":\"p\"}",
            "{\"event\":\"$pageview\",\"team_id\":15,\"distinct_id\":\"p\",\"properties\":{\"poison\":true}}",
            "{\"event\":\"$autocapture\",\"team_id\":15,\"distinct_id\":\"p\"}"};
        // Three clean page views, two poisoned ones, two autocaptures: the logger fails on two and
        // keeps five; the dropper drops the two autocaptures and keeps five.
        for (int i : new int[] {0, 1, 2, 0, 1, 2, 0}) {
            topics.send("events_plugin_ingestion", "15:p", events[i]);
        }
        topics.flush();

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(appMetrics(logger)).containsExactly(5, 0, 2);
            assertThat(appMetrics(dropper)).containsExactly(5, 2, 0);
        });
        JsonNode errors = admin.send("GET", "/api/configs/" + logger + "/logs?type=ERROR", null);
        assertThat(errors.get("logs")).extracting(entry -> entry.get("type").asText() + " " + entry.get("source").asText()
                + " " + entry.get("message").asText())
                .containsExactly("ERROR PLUGIN Error: poisoned: $pageview", "ERROR PLUGIN Error: poisoned: $pageview");
        JsonNode console = admin.send("GET", "/api/configs/" + logger + "/logs?source=CONSOLE&limit=4", null);
        assertThat(console.get("logs")).hasSize(4).allSatisfy(entry -> assertThat(entry.get("type").asText()).isEqualTo("LOG"));
        JsonNode older = admin.send("GET", "/api/configs/" + logger + "/logs?source=CONSOLE&before="
                + console.get("next").asLong(), null);
        assertThat(older.get("logs")).hasSize(3);
        assertThat(older.has("next")).isFalse();

        try (TopicClient.Reader published = topics.reader("plugin_log_entries")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> published.poll().stream()
                    .filter(record -> new String(record.key(), UTF_8).equals(Long.toString(logger))).count() >= 9);
            List<JsonNode> entries = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : published.records) {
                JsonNode entry = ServerFixture.JSON.readTree(record.value());
                if (entry.get("plugin_config_id").asLong() == logger) {
                    entries.add(entry);
                }
            }
            assertThat(entries).allSatisfy(entry -> {
                assertThat(entry.get("team_id").asLong()).isEqualTo(15);
                assertThat(entry.get("plugin_id").asLong()).isEqualTo(app);
            });
            assertThat(entries).filteredOn(entry -> entry.get("type").asText().equals("ERROR")).hasSize(2);
        }
    }

    @Test
    @Order(3)
    void killingAWorkerMidStreamLosesAndDuplicatesNothing() throws Exception {
        long slow = admin.install(Path.of("src/test/resources/apps/slow-greeter"));
        admin.configure(14, slow, 1, ServerFixture.config("greeting", "slow"));
        EventStream stream = new EventStream(14, 32);
        try (TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            try (AutoCloseable sender = stream.sendContinuously(topics, 200, Duration.ofMillis(250))) {
                await().atMost(ARRIVAL).until(() -> stream.count(output.poll()) >= 500);
                // Every worker, so that the one running tenant 14's batch is surely among them.
                List<ProcessHandle> workers = ProcessHandle.current().descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("WorkerMain")).toList();
                assertThat(workers).as("worker processes").isNotEmpty();
                workers.forEach(ProcessHandle::destroyForcibly);
                await().atMost(Duration.ofMinutes(1)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
                await().atMost(ARRIVAL).until(() -> stream.count(output.poll()) >= 1_500);
            }
            await().atMost(ARRIVAL).until(() -> stream.count(output.poll()) >= stream.sent());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> output.poll() != null);
            stream.assertExactlyOnceInOrder(output.records, "slow");
        }
    }

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @Order(2)
    void aConfigChangeIsAppliedWithoutARestart() throws Exception {
        admin.send("PATCH", "/api/configs/" + greeterFor11, ServerFixture.JSON.createObjectNode()
                .set("config", ServerFixture.config("greeting", "changed")));

        AtomicInteger sent = new AtomicInteger();
        try (TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                int n = sent.incrementAndGet();
                topics.send("events_plugin_ingestion", "11:change", event(11, "$pageview", "change", "c" + n, n));
                topics.flush();
                return output.poll().stream().anyMatch(r -> new String(r.value(), UTF_8).contains("\"changed\""));
            });
        }
    }
}
