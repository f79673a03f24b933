package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** The embedded broker, shared JVM-wide ({@link SharedServices}), is a usable transactional Kafka. */
class EmbeddedKafkaIT {
    private final String bootstrapServers = SharedServices.endpoints().kafkaBootstrapServers();

    @Test
    void readCommittedConsumersSeeCommittedTransactionsOnly() throws Exception {
        String topic = "transactions";
        KafkaTestClients.createTopic(bootstrapServers, topic);
        try (KafkaProducer<String, String> producer = KafkaTestClients.transactionalProducer(bootstrapServers)) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", "committed"));
            producer.commitTransaction();
        }

        assertThat(KafkaTestClients.readCommitted(bootstrapServers, topic, 1)).containsExactly("committed");
    }

    @Test
    void creatingTopicsIsIdempotent() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            KafkaTopics topics = new KafkaTopics(admin);
            List<NewTopic> wanted = List.of(new NewTopic("idempotent-a", 3, (short) 1), new NewTopic("idempotent-b", 1, (short) 1));

            assertThat(topics.createMissing(wanted, Duration.ofSeconds(30))).containsExactlyInAnyOrder("idempotent-a", "idempotent-b");
            assertThat(topics.createMissing(wanted, Duration.ofSeconds(30))).isEmpty();
            assertThat(admin.describeTopics(Set.of("idempotent-a")).allTopicNames().get().get("idempotent-a").partitions())
                    .hasSize(3);
        }
    }

    @Test
    void topicsAreNeverCreatedAutomatically() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(KafkaBrokerConfig.NODE_ID));
            Config config = admin.describeConfigs(Set.of(broker)).all().get().get(broker);

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("transaction.state.log.replication.factor").value()).isEqualTo("1");
        }
    }
}
