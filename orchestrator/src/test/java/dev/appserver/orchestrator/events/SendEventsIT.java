package dev.appserver.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.services.KafkaTopics;
import dev.appserver.orchestrator.services.SharedServices;
import dev.appserver.orchestrator.testing.CommandRun;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appserver events send} against the embedded broker, shared JVM-wide ({@link SharedServices}). */
class SendEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers = SharedServices.endpoints().kafkaBootstrapServers();

    @TempDir
    Path temp;

    @Test
    void sendsEveryEventAsACaptureEnvelopeInFileOrder() throws Exception {
        String topic = newTopic("send-events-file");
        Path events = Files.writeString(temp.resolve("events.jsonl"), String.join("\n",
                "{\"event\":\"$pageview\",\"distinct_id\":\"user-1\",\"team_id\":7,\"properties\":{\"$ip\":\"203.0.113.9\"}}",
                "",
                "{\"event\":\"signup\",\"uuid\":\"0190c8e2-7c1a-7d4e-9b5f-3a2b1c0d9e8f\",\"distinct_id\":42}",
                "{\"event\":\"anonymous\"}",
                ""));
        Instant before = Instant.now();

        CommandRun run = CommandRun.of("events", "send", events.toString(),
                "--kafka", bootstrapServers, "--topic", topic, "--team-id", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("sent 3 events to " + topic + " on " + bootstrapServers + "\n");
        List<ConsumerRecord<String, String>> records = consume(topic, 3);
        assertThat(records).hasSize(3);

        JsonNode first = JSON.readTree(records.get(0).value());
        assertThat(records.get(0).key()).isEqualTo("7:user-1");
        assertThat(first.get("distinct_id").asText()).isEqualTo("user-1");
        assertThat(first.get("team_id").asLong()).isEqualTo(7);
        assertThat(first.get("ip").asText()).isEqualTo("203.0.113.9");
        assertThat(first.get("site_url").isNull()).isTrue();
        assertThat(first.get("token").isNull()).isTrue();
        assertThat(Instant.parse(first.get("now").asText())).isBetween(before.minusMillis(1), Instant.now());
        assertThat(first.get("sent_at")).isEqualTo(first.get("now"));
        UUID uuid = UUID.fromString(first.get("uuid").asText());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(first.get("data").asText()).isEqualTo("{\"event\":\"$pageview\",\"distinct_id\":\"user-1\",\"team_id\":7,"
                + "\"properties\":{\"$ip\":\"203.0.113.9\"},\"uuid\":\"" + uuid + "\"}");

        JsonNode second = JSON.readTree(records.get(1).value());
        assertThat(records.get(1).key()).isEqualTo("5:42");
        assertThat(second.get("uuid").asText()).isEqualTo("0190c8e2-7c1a-7d4e-9b5f-3a2b1c0d9e8f");
        assertThat(JSON.readTree(second.get("data").asText()).get("event").asText()).isEqualTo("signup");

        JsonNode third = JSON.readTree(records.get(2).value());
        String thirdUuid = third.get("uuid").asText();
        assertThat(records.get(2).key()).isEqualTo("5:" + thirdUuid);
        assertThat(third.get("distinct_id").asText()).isEqualTo(thirdUuid);
        assertThat(JSON.readTree(third.get("data").asText()).get("team_id").asLong()).isEqualTo(5);
    }

    @Test
    void readsStandardInputForADash() throws Exception {
        String topic = newTopic("send-events-stdin");
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("{\"event\":\"a\",\"distinct_id\":\"d\"}\n".getBytes(StandardCharsets.UTF_8)));
        CommandRun run;
        try {
            run = CommandRun.of("events", "send", "-", "--kafka", bootstrapServers, "--topic", topic);
        } finally {
            System.setIn(stdin);
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(consume(topic, 1)).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo("2:d"));
    }

    @Test
    void aMissingTopicIsOneLineAndExitsOne() throws Exception {
        Path events = Files.writeString(temp.resolve("events.jsonl"), "{\"event\":\"a\"}\n");

        CommandRun run = CommandRun.of("events", "send", events.toString(),
                "--kafka", bootstrapServers, "--topic", "no-such-topic");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("appserver events send: there is no topic no-such-topic on Kafka at " + bootstrapServers
                + " (it is created when the server starts; or use --topic)\n");
    }

    @Test
    void anUnreachableBrokerIsOneLineWithinFifteenSecondsAndExitsOne() throws Exception {
        Path events = Files.writeString(temp.resolve("events.jsonl"), "{\"event\":\"a\"}\n");
        String nowhere = "127.0.0.1:" + unusedPort();
        long started = System.nanoTime();

        CommandRun run = CommandRun.of("events", "send", events.toString(), "--kafka", nowhere);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("appserver events send: cannot reach Kafka at " + nowhere
                + " within 10 s (is it running? --kafka or APPSERVER_KAFKA says where)\n");
    }

    private String newTopic(String prefix) throws Exception {
        // One partition, so that the topic's order is the file's order.
        String topic = prefix + "-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new KafkaTopics(admin).createMissing(List.of(new NewTopic(topic, 1, (short) 1)), Duration.ofSeconds(30));
        }
        return topic;
    }

    /** The topic from the start, until {@code expected} records came or 30 s passed. */
    private List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
