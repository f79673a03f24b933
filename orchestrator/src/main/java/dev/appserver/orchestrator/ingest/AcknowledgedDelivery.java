package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once delivery: produce every output ({@code acks=all}, idempotent producer); once each
 * is acknowledged, the ingestion thread commits the input offsets synchronously. Sending needs no
 * thread of its own: the producer's I/O thread does the waiting.
 */
final class AcknowledgedDelivery implements OutputDelivery {
    private final Producer<byte[], byte[]> producer;

    AcknowledgedDelivery(Producer<byte[], byte[]> producer) {
        this.producer = requireNonNull(producer, "producer is null");
    }

    @Override
    public CompletableFuture<Void> start(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (records.isEmpty()) {
            acknowledged.complete(null);
            return acknowledged;
        }
        AtomicInteger waiting = new AtomicInteger(records.size());
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        acknowledged.completeExceptionally(error instanceof KafkaException k ? k : new KafkaException(error));
                    } else if (waiting.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            }
        } catch (KafkaException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @Override
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<byte[], byte[]> consumer) {
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
