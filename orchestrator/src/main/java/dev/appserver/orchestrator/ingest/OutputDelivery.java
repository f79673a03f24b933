package dev.appserver.orchestrator.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Produces one batch's outputs and commits the input offsets they came from, only once the
 * outputs are acknowledged. A delivery is started on the ingestion thread and runs while the next
 * batch is consumed and processed ({@link KafkaIngestion}); the ingestion thread then settles it
 * with {@link #commit} before it starts the next one, so deliveries never overlap.
 */
interface OutputDelivery extends AutoCloseable {
    /**
     * Starts delivering {@code records}; {@code offsets} are the input offsets to commit for the
     * consumer group {@code group} once they are acknowledged. Returns without waiting for the
     * broker.
     *
     * @return completes when the records are acknowledged (with exactly-once: when the transaction
     *     holding them and the offsets committed); completes exceptionally with a {@link
     *     KafkaException} when the batch was not delivered as a whole, and the caller consumes it
     *     again from its first offsets (with exactly-once nothing of it is visible; with
     *     at-least-once some outputs may have been written)
     */
    CompletableFuture<Void> start(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group);

    /**
     * What is left to do on the consumer's own thread once a started delivery completed normally:
     * with at-least-once, committing {@code offsets}, possibly without waiting for the broker
     * ({@link #flush} waits); with exactly-once, nothing (the transaction committed them).
     *
     * @throws KafkaException when the offsets could not be committed; the caller consumes the
     *     batch again
     */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<byte[], byte[]> consumer);

    /**
     * Makes every commit {@link #commit} started final before partitions move or the consumer
     * closes: with at-least-once, commits the newest offsets synchronously; with exactly-once,
     * nothing.
     *
     * @throws KafkaException when they could not be committed; their events are consumed again
     */
    void flush(Consumer<byte[], byte[]> consumer);

    /** Waits (bounded by the producer's own timeouts) for a delivery under way, then closes the producer. */
    @Override
    void close();
}
