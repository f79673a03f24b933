package dev.appserver.orchestrator.applogs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.services.KafkaTopics;
import dev.appserver.orchestrator.services.SharedServices;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.store.NewAppConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Against the embedded broker ({@link SharedServices}); the topics are this test's own. */
class KafkaPublishingAppLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String kafka = SharedServices.endpoints().kafkaBootstrapServers();
    private final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(Clock.systemUTC());
    private final InMemoryAppLogRepository stored = new InMemoryAppLogRepository(100);

    @Test
    void publishesEveryStoredEntryKeyedByItsConfigInPostHogsFormat() throws Exception {
        String topic = "app-logs-published-" + UUID.randomUUID();
        createTopic(topic);
        AppConfig config = configs.create(new NewAppConfig(7, 3, true, 1, JSON.createObjectNode(), Map.of()));
        Instant at = Instant.parse("2026-01-01T00:00:00.000001Z");
        try (KafkaPublishingAppLogs logs = KafkaPublishingAppLogs.create(stored, kafka, topic, configs, "it-node",
                Clock.systemUTC(), new SimpleMeterRegistry())) {
            logs.append(new AppLogEntry(404, at, "ERROR", "SYSTEM", "of a config that is gone"));
            logs.append(new AppLogEntry(config.id(), at, "LOG", "CONSOLE", "first"));
            logs.append(new AppLogEntry(config.id(), at, "ERROR", "PLUGIN", "second"));

            assertThat(logs.recent(config.id(), 10)).extracting(AppLogEntry::message).containsExactly("first", "second");
            assertThat(stored.recent(404, 10)).hasSize(1);
            // Published in append order: had the entry of the config that is gone been published, it would come first.
            List<ConsumerRecord<String, String>> published = read(topic, 2);
            assertThat(published).extracting(ConsumerRecord::key).containsExactly("1", "1");
            JsonNode first = JSON.readTree(published.get(0).value());
            assertThat(first.path("team_id").asLong()).isEqualTo(7);
            assertThat(first.path("plugin_id").asLong()).isEqualTo(3);
            assertThat(first.path("plugin_config_id").asLong()).isEqualTo(config.id());
            assertThat(first.path("timestamp").asText()).isEqualTo("2026-01-01 00:00:00.000001");
            assertThat(first.path("source").asText()).isEqualTo("CONSOLE");
            assertThat(first.path("type").asText()).isEqualTo("LOG");
            assertThat(first.path("message").asText()).isEqualTo("first");
            assertThat(UUID.fromString(first.path("id").asText()).version()).isEqualTo(7);
            assertThat(first.path("instance_id").asText())
                    .isEqualTo(UUID.nameUUIDFromBytes("appserver-node:it-node".getBytes(UTF_8)).toString());
            assertThat(JSON.readTree(published.get(1).value()).path("message").asText()).isEqualTo("second");
            assertThat(logs.publishFailures()).isZero();
        }
    }

    @Test
    void appendNeverWaitsForKafkaAndCountsWhatItCouldNotPublish() throws Exception {
        AppConfig config = configs.create(new NewAppConfig(7, 3, true, 1, JSON.createObjectNode(), Map.of()));
        // A topic that does not exist (the broker creates none): each send waits for its metadata
        // until max.block.ms, on the publishing thread, whose queue holds one entry.
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500), new StringSerializer(), new ByteArraySerializer());
        ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        try (KafkaPublishingAppLogs logs = new KafkaPublishingAppLogs(stored, producer, "missing-" + UUID.randomUUID(),
                configs, "it-node", publisher, Clock.systemUTC(), new SimpleMeterRegistry())) {
            for (int i = 0; i < 50; i++) {
                logs.append(new AppLogEntry(config.id(), Instant.EPOCH, "LOG", "CONSOLE", "entry " + i));
            }

            assertThat(logs.publishFailures()).as("refused at once while the publisher waits").isGreaterThanOrEqualTo(48);
            assertThat(stored.recent(config.id(), 100)).hasSize(50);
            await().atMost(Duration.ofSeconds(30)).until(() -> logs.publishFailures() == 50);
        }
    }

    private void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            new KafkaTopics(admin).createMissing(List.of(new NewTopic(topic, 1, (short) 1)), Duration.ofSeconds(30));
        }
    }

    /** The topic from its start, once {@code expected} records came (or 30 s passed). */
    private List<ConsumerRecord<String, String>> read(String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
