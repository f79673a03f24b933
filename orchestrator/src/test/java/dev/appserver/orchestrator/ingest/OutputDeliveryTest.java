package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Both delivery modes against Kafka's {@link MockProducer}: what completes a started delivery, and what fails it. */
class OutputDeliveryTest {
    private static final TopicPartition INPUT = new TopicPartition("events_plugin_ingestion", 0);
    private static final Map<TopicPartition, OffsetAndMetadata> OFFSETS = Map.of(INPUT, new OffsetAndMetadata(2));
    private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("appserver-ingestion");

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static List<ProducerRecord<byte[], byte[]>> records(String... values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String value : values) {
            records.add(new ProducerRecord<>("clickhouse_events_json", value.getBytes(UTF_8)));
        }
        return records;
    }

    @Test
    void atLeastOnceCompletesWhenEveryRecordIsAcknowledgedAndCommitsOnTheConsumer() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(false);
        AcknowledgedDelivery delivery = new AcknowledgedDelivery(producer);

        CompletableFuture<Void> started = delivery.start(records("a", "b"), OFFSETS, GROUP);

        assertThat(producer.history()).hasSize(2);
        assertThat(started).as("sent, not yet acknowledged").isNotDone();
        producer.completeNext();
        assertThat(started).isNotDone();
        producer.completeNext();
        assertThat(started).isCompleted();

        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(INPUT));
        delivery.commit(OFFSETS, consumer);
        assertThat(consumer.committed(Set.of(INPUT))).isEqualTo(OFFSETS);
    }

    @Test
    void atLeastOnceCommitsWithoutWaitingAndFlushCommitsTheNewestOffsetOfEveryPartition() {
        TopicPartition other = new TopicPartition(INPUT.topic(), 1);
        AsyncCommitsUnanswered consumer = new AsyncCommitsUnanswered(List.of(INPUT, other));
        AcknowledgedDelivery delivery = new AcknowledgedDelivery(producer(true));

        delivery.commit(Map.of(INPUT, new OffsetAndMetadata(2), other, new OffsetAndMetadata(5)), consumer);
        delivery.commit(Map.of(INPUT, new OffsetAndMetadata(4)), consumer);

        assertThat(consumer.sent).as("sent, and not waited for").hasSize(2);
        assertThat(consumer.committed(Set.of(INPUT, other)).values()).as("the broker has not answered yet")
                .allMatch(Objects::isNull);
        delivery.flush(consumer);
        assertThat(consumer.committed(Set.of(INPUT, other)))
                .isEqualTo(Map.of(INPUT, new OffsetAndMetadata(4), other, new OffsetAndMetadata(5)));
        assertThat(consumer.syncCommits).isEqualTo(1);

        delivery.flush(consumer);
        assertThat(consumer.syncCommits).as("nothing new to make final").isEqualTo(1);
    }

    @Test
    void atLeastOnceFlushCommitsWhatAFailedCommitDidNot() {
        AsyncCommitsUnanswered consumer = new AsyncCommitsUnanswered(List.of(INPUT));
        AcknowledgedDelivery delivery = new AcknowledgedDelivery(producer(true));
        delivery.commit(OFFSETS, consumer);

        consumer.sent.getFirst().fail(new KafkaException("the coordinator moved"));
        delivery.flush(consumer);

        assertThat(consumer.committed(Set.of(INPUT))).isEqualTo(OFFSETS);
    }

    @Test
    void atLeastOnceFlushForgetsOffsetsItCouldNotCommitSoThatAMovedPartitionIsNeverTakenBack() {
        AsyncCommitsUnanswered consumer = new AsyncCommitsUnanswered(List.of(INPUT));
        AcknowledgedDelivery delivery = new AcknowledgedDelivery(producer(true));
        delivery.commit(OFFSETS, consumer);
        consumer.failSyncCommits = true;

        assertThatThrownBy(() -> delivery.flush(consumer)).isInstanceOf(KafkaException.class);
        consumer.failSyncCommits = false;
        delivery.flush(consumer);

        assertThat(consumer.syncCommits).as("the failed flush only").isEqualTo(1);
        assertThat(consumer.committed(Set.of(INPUT)).values()).allMatch(Objects::isNull);
    }

    /** A consumer whose asynchronous commits the broker has not answered: the test answers them. */
    private static final class AsyncCommitsUnanswered extends MockConsumer<byte[], byte[]> {
        record Sent(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            void fail(Exception error) {
                callback.onComplete(offsets, error);
            }
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        int syncCommits;
        boolean failSyncCommits;

        AsyncCommitsUnanswered(List<TopicPartition> partitions) {
            super("earliest");
            assign(partitions);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            sent.add(new Sent(Map.copyOf(offsets), callback));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            syncCommits++;
            if (failSyncCommits) {
                throw new KafkaException("the group is rebalancing");
            }
            super.commitAsync(offsets, null); // MockConsumer's own commitSync goes through commitAsync, which answers at once.
        }
    }

    @Test
    void atLeastOnceFailsWhenARecordIsRefused() {
        MockProducer<byte[], byte[]> producer = producer(false);
        CompletableFuture<Void> started = new AcknowledgedDelivery(producer).start(records("a", "b"), OFFSETS, GROUP);

        producer.completeNext();
        producer.errorNext(new KafkaException("not enough replicas"));

        assertThat(started).isCompletedExceptionally();
        assertThatThrownBy(started::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(KafkaException.class);
    }

    @Test
    void anEmptyBatchIsDeliveredAtOnce() {
        assertThat(new AcknowledgedDelivery(producer(false)).start(List.of(), Map.of(), GROUP)).isCompleted();
    }

    @Test
    void exactlyOnceCommitsTheRecordsAndTheOffsetsInOneTransactionOnItsOwnThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                threads.add(Thread.currentThread().getName());
                super.commitTransaction();
            }
        };
        try (TransactionalDelivery delivery = new TransactionalDelivery(() -> producer, "delivery-test")) {
            delivery.start(records("a", "b"), OFFSETS, GROUP).get(10, TimeUnit.SECONDS);
        }

        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of("appserver-ingestion", OFFSETS));
        assertThat(threads).containsExactly("delivery-test");
    }

    @Test
    void aFailedCommitAbortsAndTheNextBatchTransactsAgain() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        try (TransactionalDelivery delivery = new TransactionalDelivery(() -> producer, "delivery-test")) {
            producer.commitTransactionException = new KafkaException("the coordinator went away");
            CompletableFuture<Void> failed = delivery.start(records("a"), OFFSETS, GROUP);
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(KafkaException.class);
            assertThat(producer.transactionAborted()).isTrue();

            producer.commitTransactionException = null;
            delivery.start(records("a"), OFFSETS, GROUP).get(10, TimeUnit.SECONDS);
            assertThat(producer.transactionCommitted()).isTrue();
            assertThat(producer.commitCount()).isEqualTo(1);
        }
    }

    @Test
    void aFencedProducerIsReplacedByAFreshOneForTheNextBatch() throws Exception {
        List<MockProducer<byte[], byte[]>> made = new ArrayList<>();
        try (TransactionalDelivery delivery = new TransactionalDelivery(() -> {
            MockProducer<byte[], byte[]> fresh = producer(true);
            made.add(fresh);
            return fresh;
        }, "delivery-test")) {
            made.getFirst().fenceProducer();
            CompletableFuture<Void> fenced = delivery.start(records("a"), OFFSETS, GROUP);
            assertThatThrownBy(() -> fenced.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);

            delivery.start(records("a"), OFFSETS, GROUP).get(10, TimeUnit.SECONDS);

            assertThat(made).hasSize(2);
            assertThat(made.getFirst().closed()).isTrue();
            assertThat(made.get(1).transactionCommitted()).isTrue();
        }
    }
}
