package dev.appserver.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.ingest.DeliveryMode;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.trust.PoolPlan;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools by trust on a real single-node server with real workers: one untrusted, one verified and
 * one worker dedicated to tenant 7, each a JVM of its own. Tenant 2's chain holds an untrusted app
 * and a verified one; which pool loaded each instance is read from {@code /metrics}.
 */
class TrustPoolsIT {
    private static final Duration ARRIVAL = Duration.ofMinutes(2);
    private static final WorkerLimits SMALL = new WorkerLimits(128, WorkerLimits.DEFAULT.stackKilobytes(), false);

    @TempDir
    static Path temp;

    private static ServerFixture fixture;
    private static TopicClient topics;
    private static AdminHttp admin;
    private static long stampApp;

    @BeforeAll
    static void startServer() throws Exception {
        TrustPoolSettings pools = new TrustPoolSettings(new PoolPlan(1, SMALL), new PoolPlan(1, SMALL),
                Map.of(7L, new PoolPlan(1, SMALL)));
        fixture = new ServerFixture(pools, DeliveryMode.AT_LEAST_ONCE);
        topics = new TopicClient(fixture.kafka());
        admin = fixture.admin();
        long hello = admin.install(Path.of("..", "examples", "hello-world"));
        stampApp = admin.install(stampApp(temp.resolve("stamp")));
        admin.send("PATCH", "/api/apps/" + stampApp, ServerFixture.JSON.createObjectNode().put("verified", true));
        for (long team : new long[] {2, 7}) {
            admin.configure(team, hello, 1, ServerFixture.config("greeting", "hi " + team));
            admin.configure(team, stampApp, 2, ServerFixture.JSON.createObjectNode());
        }
    }

    /** An app that stamps every event, to be marked verified. */
    private static Path stampApp(Path directory) throws Exception {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("plugin.json"), "{\"name\": \"Stamp\", \"main\": \"index.js\"}");
        Files.writeString(directory.resolve("index.js"),
                "export function processEvent(event) { event.properties.stamp = 'reviewed'; return event }\n");
        return directory;
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

    private static String event(long team, String uuid) {
        return "{\"uuid\":\"" + uuid + "\",\"event\":\"$pageview\",\"team_id\":" + team
                + ",\"distinct_id\":\"p\",\"properties\":{}}";
    }

    /** The gauge's value for {@code pool}, or -1 when /metrics does not show it. */
    private static double gauge(String name, String pool) throws Exception {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{pool=\"" + pool + "\"} ([0-9.]+)$")
                .matcher(admin.get("/metrics"));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    private static Map<String, JsonNode> awaitEvents(TopicClient.Reader output, int count) throws Exception {
        await().atMost(ARRIVAL).until(() -> output.poll().size() >= count);
        Map<String, JsonNode> byUuid = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : output.records) {
            JsonNode event = ServerFixture.JSON.readTree(record.value());
            byUuid.put(event.get("uuid").asText(), event);
        }
        return byUuid;
    }

    @Test
    void verifiedAndUntrustedAppsOfOneChainRunInDifferentPoolsAndADedicatedTenantOnlyInItsOwn() throws Exception {
        assertThat(gauge("appserver_pool_started", "verified")).as("started on first use").isZero();
        assertThat(admin.get("/_ready")).as("a pool not started yet is no reason to be unready").doesNotContain("workers");

        try (TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            topics.send("events_plugin_ingestion", "2:p", event(2, "a"));
            topics.send("events_plugin_ingestion", "7:p", event(7, "b"));
            topics.flush();
            Map<String, JsonNode> events = awaitEvents(output, 2);

            for (String uuid : new String[] {"a", "b"}) {
                JsonNode properties = events.get(uuid).get("properties");
                assertThat(properties.get("stamp").asText()).as(uuid).isEqualTo("reviewed");
                assertThat(properties.get("greeting").asText()).as(uuid).startsWith("hi ");
                assertThat(properties.get("$plugins_failed")).as(uuid).isEmpty();
            }
            // Tenant 2's untrusted app in the untrusted pool, its verified app in the verified pool;
            // tenant 7's whole chain in its own pool, and nothing of it anywhere else.
            assertThat(gauge("appserver_instances_loaded", "untrusted")).isEqualTo(1);
            assertThat(gauge("appserver_instances_loaded", "verified")).isEqualTo(1);
            assertThat(gauge("appserver_instances_loaded", "team-7")).isEqualTo(2);
            assertThat(gauge("appserver_workers_alive", "verified")).isEqualTo(1);
            assertThat(gauge("appserver_workers_alive", "team-7")).isEqualTo(1);

            // Unverified: tenant 2's chain moves wholly to the untrusted pool; the verified pool lets go.
            admin.send("PATCH", "/api/apps/" + stampApp, ServerFixture.JSON.createObjectNode().put("verified", false));
            topics.send("events_plugin_ingestion", "2:p", event(2, "c"));
            topics.flush();
            JsonNode moved = awaitEvents(output, 3).get("c");

            assertThat(moved.get("properties").get("stamp").asText()).isEqualTo("reviewed");
            assertThat(gauge("appserver_instances_loaded", "untrusted")).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> gauge("appserver_instances_loaded", "verified") == 0);
            assertThat(gauge("appserver_instances_loaded", "team-7")).isEqualTo(2);
        }
    }
}
