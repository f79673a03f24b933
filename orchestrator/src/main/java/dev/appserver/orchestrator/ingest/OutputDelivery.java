package dev.appserver.orchestrator.ingest;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Produces one batch's outputs and commits the input offsets they came from, only once the
 * outputs are acknowledged. Used from the ingestion thread only.
 */
interface OutputDelivery extends AutoCloseable {
    /**
     * Delivers {@code records} and commits {@code offsets} for {@code consumer}'s group.
     *
     * @throws KafkaException when the batch was not delivered as a whole; the caller consumes it
     *     again from its first offsets (with exactly-once nothing of it is visible; with
     *     at-least-once some outputs may have been written)
     */
    void deliver(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            Consumer<byte[], byte[]> consumer);

    @Override
    void close();
}
