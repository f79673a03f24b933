package dev.appserver.orchestrator.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.appserver.orchestrator.scheduling.TaskScheduler;
import dev.appserver.orchestrator.services.SingleNodeServices;
import dev.appserver.orchestrator.services.SingleNodeSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code runEveryMinute} with two orchestrators of one cluster, with a 2-second "minute": an
 * importer app runs once per period in the whole cluster, continues from the cursor its last run
 * stored, and keeps running on the other orchestrator when the leader leaves.
 */
class SchedulerIT {
    private static final long TEAM = 71;
    private static final Duration MINUTE = Duration.ofSeconds(2);
    private static final TaskScheduler.Settings SCHEDULER = new TaskScheduler.Settings(Duration.ofMillis(100),
            Duration.ofSeconds(3), TaskScheduler.Settings.periods(MINUTE));

    /** The importer's source API: item {@code since} and the next cursor; it notes when and what was asked. */
    private static final class Source implements AutoCloseable {
        final HttpServer server;
        final List<Long> askedAt = new CopyOnWriteArrayList<>();
        final List<Integer> since = new CopyOnWriteArrayList<>();

        Source() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/items";
        }

        private void handle(HttpExchange exchange) throws IOException {
            int from = Integer.parseInt(exchange.getRequestURI().getQuery().replace("since=", ""));
            askedAt.add(System.nanoTime());
            since.add(from);
            byte[] body = ("{\"items\":[{\"id\":" + from + ",\"user\":\"u" + from + "\"}],\"next\":" + (from + 1) + "}").getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void runEveryMinuteRunsOncePerPeriodInTheClusterAndGoesOnWhenTheLeaderLeaves() throws Exception {
        Path data = Files.createTempDirectory("appserver-scheduler-it-");
        try (SingleNodeServices services = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(data));
                Source source = new Source();
                TopicClient topics = new TopicClient(services.endpoints().kafkaBootstrapServers());
                TopicClient.Reader output = topics.reader("clickhouse_events_json")) {
            ServerFixture first = ServerFixture.clusterMember(services.endpoints(), "first", SCHEDULER);
            try {
                AdminHttp admin = first.admin();
                long app = admin.install(Path.of("src/test/resources/apps/page-importer"));
                admin.configure(TEAM, app, 1, ServerFixture.config("url", source.url()));
                await().atMost(Duration.ofSeconds(60)).until(() -> source.since.size() >= 2);

                try (ServerFixture second = ServerFixture.clusterMember(services.endpoints(), "second", SCHEDULER)) {
                    int before = source.since.size();
                    await().atMost(Duration.ofSeconds(30)).until(() -> source.since.size() >= before + 3);
                    first.close();
                    int atClose = source.since.size();
                    await().atMost(Duration.ofSeconds(30)).until(() -> source.since.size() >= atClose + 3);
                }
            } finally {
                first.close();
            }
            List<Integer> asked = List.copyOf(source.since);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                expected.add(i);
            }
            assertThat(asked).as("each run went on from the cursor the one before stored").isEqualTo(expected);
            // Once per period: no more runs than period starts in the span they cover. (A gap between
            // two runs can be shorter than a period: a run may start late in its period, the next
            // one early in the next.) Two orchestrators both running would double the count.
            long spanMillis = (source.askedAt.get(source.askedAt.size() - 1) - source.askedAt.get(0)) / 1_000_000;
            assertThat(asked.size() - 1).as("runs after the first, over %d ms", spanMillis)
                    .isLessThanOrEqualTo((int) (spanMillis / MINUTE.toMillis()) + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> importedItems(output.poll()).size() >= asked.size());
            assertThat(importedItems(output.records)).containsExactlyInAnyOrderElementsOf(asked);
        } finally {
            ServerFixture.delete(data);
        }
    }

    private static List<Integer> importedItems(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        List<Integer> items = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode event = ServerFixture.JSON.readTree(record.value());
            if (event.path("event").asText().equals("imported item") && event.path("team_id").asLong() == TEAM) {
                items.add(event.path("properties").path("item_id").asInt());
            }
        }
        return items;
    }
}
