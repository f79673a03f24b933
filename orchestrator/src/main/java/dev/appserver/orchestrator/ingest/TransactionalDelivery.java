package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
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
 * ({@code sendOffsetsToTransaction} with the consumer's group metadata as it was when the batch
 * was handed over, so a consumer that lost its partitions in a rebalance since cannot commit
 * them). Transactions run on a thread of their own, one after another, so that committing one
 * (which waits for the broker) overlaps with the next batch's processing. A failed transaction is
 * aborted; a fenced or broken producer is replaced by a fresh one.
 */
final class TransactionalDelivery implements OutputDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalDelivery.class);
    /** How long close waits for a transaction under way: longer than the transaction timeout. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final ExecutorService thread;
    /** Used on {@link #thread} only once made; null after a failure until the next batch makes one. */
    private Producer<byte[], byte[]> producer;

    /**
     * @param producers makes a transactional producer (a {@code transactional.id} is set)
     * @param name names the thread transactions run on
     */
    TransactionalDelivery(Supplier<Producer<byte[], byte[]>> producers, String name) {
        this.producers = requireNonNull(producers, "producers is null");
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(name).factory());
        this.producer = fresh();
    }

    private Producer<byte[], byte[]> fresh() {
        Producer<byte[], byte[]> created = producers.get();
        created.initTransactions();
        return created;
    }

    @Override
    public CompletableFuture<Void> start(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        return CompletableFuture.runAsync(() -> transact(records, offsets, group), thread);
    }

    private void transact(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group) {
        try {
            if (producer == null) {
                producer = fresh();
            }
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
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
        producer.close(Duration.ZERO);
        producer = null; // A fresh one is made for the next batch: the broker may be away right now.
    }

    @Override
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<byte[], byte[]> consumer) {
        // The transaction committed the offsets with the outputs.
    }

    @Override
    public void flush(Consumer<byte[], byte[]> consumer) {
        // Nothing is left to commit: each transaction committed its offsets.
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a transaction was still under way after {}; closing its producer regardless", CLOSE_WAIT);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close();
        }
    }
}
