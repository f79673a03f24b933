package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once delivery: each batch is one transaction holding its outputs and its input offsets
 * ({@code sendOffsetsToTransaction} with the consumer's group metadata, so a consumer that lost
 * its partitions in a rebalance cannot commit them). A failed transaction is aborted; a fenced or
 * broken producer is replaced by a fresh one.
 */
final class TransactionalDelivery implements OutputDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalDelivery.class);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private Producer<byte[], byte[]> producer;

    /** @param producers makes a transactional producer (a {@code transactional.id} is set) */
    TransactionalDelivery(Supplier<Producer<byte[], byte[]>> producers) {
        this.producers = requireNonNull(producers, "producers is null");
        this.producer = fresh();
    }

    private Producer<byte[], byte[]> fresh() {
        Producer<byte[], byte[]> created = producers.get();
        created.initTransactions();
        return created;
    }

    @Override
    public void deliver(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            Consumer<byte[], byte[]> consumer) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            replace(e);
            throw e;
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                replace(abortFailed);
            }
            throw e;
        }
    }

    private void replace(KafkaException cause) {
        LOG.warn("the ingestion producer can no longer transact ({}); replacing it", cause.toString());
        producer.close(java.time.Duration.ZERO);
        producer = fresh();
    }

    @Override
    public void close() {
        producer.close();
    }
}
