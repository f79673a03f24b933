package dev.appserver.orchestrator.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The input messages of one batch, by partition: where each partition's part begins (to consume
 * it again) and the offsets to commit once it is delivered. Also notes whether a rebalance took
 * one of its partitions away while it was processed. Used from the ingestion thread only.
 */
final class InFlightBatch {
    private final List<ConsumerRecord<byte[], byte[]>> records;
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> commitOffsets = new HashMap<>();
    private final long startedNanos;
    private boolean revoked;

    InFlightBatch(List<ConsumerRecord<byte[], byte[]>> records, long startedNanos) {
        this.records = List.copyOf(records);
        this.startedNanos = startedNanos;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(partition, record.offset());
            commitOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
    }

    List<ConsumerRecord<byte[], byte[]>> records() {
        return records;
    }

    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    Map<TopicPartition, OffsetAndMetadata> commitOffsets() {
        return commitOffsets;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Notes partitions taken away; the batch must then be consumed again, not committed. */
    void partitionsLost(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (firstOffsets.containsKey(partition)) {
                revoked = true;
            }
        }
    }

    boolean revoked() {
        return revoked;
    }
}
