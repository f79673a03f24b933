package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.appserver.orchestrator.hostservices.geoip.TestCityDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host services of {@code appserver start}: {@code meta.storage} (a cursor) in PostgreSQL and
 * {@code meta.cache} in Redis count on across a restart of the server on the same data directory,
 * and {@code --geoip-db} backs {@code meta.geoip.locate}. The {@code counts-events} fixture writes
 * what it saw into each event.
 */
class ServerHostServicesIT {
    private static final long TEAM = 51;

    @TempDir
    Path data;

    @Test
    void storageAndCacheCountOnAfterARestartAndGeoipReadsTheGivenDatabase() throws Exception {
        Path geoIp = TestCityDatabase.write(data.resolve("city.mmdb"));
        List<String> flags = List.of("--data-dir", data.resolve("server").toString(), "--kafka-port", "0",
                "--postgres-port", "0", "--redis-port", "0", "--http-port", "0", "--workers", "1",
                "--geoip-db", geoIp.toString());
        try (ServerProcess server = ServerProcess.start(flags)) {
            AdminHttp admin = new AdminHttp(server.adminUri);
            long app = admin.install(Path.of("src/test/resources/apps/counts-events"));
            admin.configure(TEAM, app, 1, ServerFixture.JSON.createObjectNode());

            assertThat(run(server.kafka, "before-1", "before-2")).containsExactly(
                    "before-1: stored 1, cached 1, city Link\u00f6ping", "before-2: stored 2, cached 2, city Link\u00f6ping");
            server.stopCleanly(Duration.ofMinutes(1));
        }
        try (ServerProcess server = ServerProcess.start(flags)) {
            assertThat(run(server.kafka, "after")).containsExactly("after: stored 3, cached 3, city Link\u00f6ping");
            server.stopCleanly(Duration.ofMinutes(1));
        }
    }

    /** Sends events named {@code names}, in order, and describes what came out for each of them. */
    private static List<String> run(String kafka, String... names) {
        try (TopicClient topics = new TopicClient(kafka); TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            for (String name : names) {
                topics.send("events_plugin_ingestion", TEAM + ":d", "{\"event\":\"" + name + "\",\"distinct_id\":\"d\","
                        + "\"team_id\":" + TEAM + ",\"properties\":{\"$ip\":\"89.160.20.130\"}}");
            }
            topics.flush();
            Map<String, String> seen = new TreeMap<>();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : output.poll()) {
                    JsonNode event = read(record.value());
                    JsonNode p = event.get("properties");
                    seen.put(event.get("event").asText(), event.get("event").asText() + ": stored " + p.path("stored").asText()
                            + ", cached " + p.path("cached").asText() + ", city " + p.path("city").asText());
                }
                return seen.keySet().containsAll(List.of(names));
            });
            return List.of(names).stream().map(seen::get).toList();
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return ServerFixture.JSON.readTree(new String(json, UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
