package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once delivery: produce every output ({@code acks=all}, idempotent producer); once each
 * is acknowledged, the ingestion thread commits the input offsets without waiting for the broker
 * ({@code commitAsync}), and synchronously, for every partition at once, before partitions move
 * and at the end ({@link #flush}). A commit that failed costs no event: a later commit covers its
 * offsets, and without one its events are consumed again. Sending needs no thread of its own: the
 * producer's I/O thread does the waiting. Used on the ingestion thread only.
 */
final class AcknowledgedDelivery implements OutputDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgedDelivery.class);

    private final Producer<byte[], byte[]> producer;
    /** The newest acknowledged offset of each partition since the last {@link #flush}: what it commits. */
    private final Map<TopicPartition, OffsetAndMetadata> sinceFlush = new HashMap<>();

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

    /**
     * Commits without waiting: a synchronous commit here would hold the next batch back by a broker
     * round trip (3 ms on average, 64 ms at worst at 10,000 events/s on a 2-core node).
     */
    @Override
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<byte[], byte[]> consumer) {
        if (offsets.isEmpty()) {
            return;
        }
        sinceFlush.putAll(offsets);
        consumer.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                LOG.warn("input offsets {} were not committed ({}); a later commit covers them, or their events are "
                        + "consumed again", committed, error.toString());
            }
        });
    }

    /**
     * Forgets the offsets even when the commit fails: partitions may be moving, and committing a
     * moved partition's old offset later would take its new owner back.
     */
    @Override
    public void flush(Consumer<byte[], byte[]> consumer) {
        if (sinceFlush.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(sinceFlush);
        } finally {
            sinceFlush.clear();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
