package dev.appserver.orchestrator.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients the bench and its pass-through use, set up in one place. */
final class BenchClients {
    private BenchClients() {
    }

    /** {@code acks=all} and idempotent, as a capture endpoint's producer is; batches sized for throughput. */
    static KafkaProducer<String, String> producer(String bootstrapServers, String clientId, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                // Must cover linger.ms + request.timeout.ms; past it an unacknowledged send fails.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis + 5_000),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * A consumer of every partition of {@code topic}, from its current end: nothing produced after
     * this returns is missed. No group (nothing is committed); {@code read_committed}, so that only
     * what a transactional server committed counts, as a downstream reader would see it.
     */
    static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String clientId, String topic,
            Duration timeout) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis())),
                new StringDeserializer(), new StringDeserializer());
        try {
            assignAtEnd(consumer, topic, timeout);
            return consumer;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static void assignAtEnd(Consumer<?, ?> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: asking for the positions fixes them now, before anything is sent.
        partitions.forEach(partition -> consumer.position(partition, timeout));
    }
}
