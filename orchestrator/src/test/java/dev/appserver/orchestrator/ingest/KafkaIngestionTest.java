package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppRepository;
import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingestion loop's pipelining (decision 0022) against Kafka's own {@link MockConsumer} and a
 * scripted {@link OutputDelivery}: the next batch is consumed and processed while the last one is
 * being delivered, a delivery is settled before the next starts, a failed delivery gives back the
 * batch consumed after it too, and a rebalance settles the delivery under way first. Events here
 * belong to a tenant without apps, so processing passes them through; the Kafka path as a whole is
 * covered by the integration tests (PipelineIT, ClusterModeIT, OrchestratorRestartIT).
 */
class KafkaIngestionTest {
    private static final String TOPIC = IngestTopics.DEFAULT.input();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final TeamChains chains = new TeamChains(new InMemoryAppRepository(clock), new InMemoryAppConfigRepository(clock),
            1_000, clock, Duration.ofMinutes(1));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final ScriptedDelivery delivery = new ScriptedDelivery();
    private final BatchLimits limits = new BatchLimits(3, 1 << 20, Duration.ZERO, 100, 1 << 20, 1 << 20);
    private KafkaIngestion ingestion;
    private final Map<TopicPartition, Long> offsets = new HashMap<>();

    /** Every start, commit and flush, in the order they happened. */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        IngestSettings settings = new IngestSettings("unused:9092", IngestSettings.DEFAULT_GROUP, IngestTopics.DEFAULT,
                DeliveryMode.AT_LEAST_ONCE, limits, "test", Duration.ofSeconds(5), false);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        });
        ingestion = new KafkaIngestion(settings, consumer, delivery,
                new BatchProcessor(chains, new FakeChainExecutor(json -> json, false), IngestTopics.DEFAULT, limits,
                        Admission.NONE),
                new CaptureQueue(IngestTopics.DEFAULT), new IngestMetrics(registry, new AppMetrics(registry, clock)))
                .start();
        await().atMost(WAIT).until(() -> !consumer.assignment().isEmpty());
    }

    @AfterEach
    void stop() {
        delivery.acknowledgeAll();
        ingestion.close();
    }

    @Test
    void theNextBatchIsConsumedAndProcessedWhileTheLastIsDelivered() throws Exception {
        add(P0, "a1", "a2", "a3");
        ScriptedDelivery.Started a = delivery.next();
        assertThat(values(a)).containsExactly("a1", "a2", "a3");

        add(P0, "b1", "b2", "b3");
        await().atMost(WAIT).until(this::consumed, n -> n == 6);
        assertThat(log).as("b was processed before a was acknowledged; b waits for a").containsExactly("start a1..a3");

        a.acknowledged().complete(null);
        ScriptedDelivery.Started b = delivery.next();
        assertThat(values(b)).containsExactly("b1", "b2", "b3");
        assertThat(log).containsExactly("start a1..a3", "commit {0=3} holding [0, 1]", "start b1..b3");

        b.acknowledged().complete(null);
        await().atMost(WAIT).until(() -> committed(P0) == 6);
        assertThat(log).endsWith("commit {0=6} holding [0, 1]");
    }

    @Test
    void aFailedDeliveryGivesBackItsBatchAndTheOneConsumedAfterIt() throws Exception {
        add(P0, "a1", "a2", "a3");
        ScriptedDelivery.Started a = delivery.next();
        add(Map.of(P0, List.of("b1", "b2", "b3"), P1, List.of("c1")));
        await().atMost(WAIT).until(this::consumed, n -> n == 7);

        a.acknowledged().completeExceptionally(new KafkaException("the broker went away"));

        await().atMost(WAIT).until(() -> consumer.position(P0) == 0 && consumer.position(P1) == 0);
        // MockConsumer hands out each record once; a broker would serve them again from there.
        offsets.clear();
        add(Map.of(P0, List.of("a1", "a2", "a3", "b1", "b2", "b3"), P1, List.of("c1")));
        ScriptedDelivery.Started again = delivery.next();
        assertThat(values(again)).as("a and b again, from a's first offset, in order; c's partition from b's")
                .containsExactlyInAnyOrder("a1", "a2", "a3", "b1", "b2", "b3", "c1");
        assertThat(values(again)).filteredOn(v -> v.startsWith("a") || v.startsWith("b"))
                .containsExactly("a1", "a2", "a3", "b1", "b2", "b3");
        assertThat(again.offsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(6), P1, new OffsetAndMetadata(1)));
        assertThat(log).as("b was never delivered on its own").hasSize(2).startsWith("start a1..a3");
        assertThat(registry.get("appserver.batches.rewound").counter().count()).isEqualTo(2);

        again.acknowledged().complete(null);
        await().atMost(WAIT).until(() -> committed(P0) == 6 && committed(P1) == 1);
    }

    @Test
    void aRebalanceSettlesTheDeliveryUnderWayBeforeThePartitionGoes() throws Exception {
        add(P0, "a1", "a2", "a3");
        ScriptedDelivery.Started a = delivery.next();
        AtomicBoolean rebalancing = new AtomicBoolean();
        consumer.schedulePollTask(() -> {
            rebalancing.set(true);
            consumer.rebalance(List.of(P1));
        });
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ingest-test")).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> rebalancing.get() && thread.getState() == Thread.State.WAITING);

        a.acknowledged().complete(null);

        await().atMost(WAIT).until(() -> consumer.assignment().equals(Set.of(P1)));
        assertThat(log).as("committed, and the commits made final, while the partition was still held")
                .containsExactly("start a1..a3", "commit {0=3} holding [0, 1]", "flush holding [0, 1]");
    }

    private void add(TopicPartition partition, String... values) {
        add(Map.of(partition, List.of(values)));
    }

    /** Adds the records in one go, as one fetch would bring them (from within a poll, on the ingestion thread). */
    private void add(Map<TopicPartition, List<String>> valuesByPartition) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        valuesByPartition.forEach((partition, values) -> {
            for (String value : values) {
                String event = "{\"event\":\"" + value + "\",\"team_id\":7,\"distinct_id\":\"x\"}";
                records.add(new ConsumerRecord<>(TOPIC, partition.partition(), offsetFor(partition), "k".getBytes(UTF_8),
                        event.getBytes(UTF_8)));
            }
        });
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    private long offsetFor(TopicPartition partition) {
        long offset = offsets.getOrDefault(partition, 0L);
        offsets.put(partition, offset + 1);
        return offset;
    }

    private double consumed() {
        return registry.get("appserver.events.consumed").counter().count();
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static List<String> values(ScriptedDelivery.Started started) {
        return started.records().stream().map(r -> name(r.value())).toList();
    }

    private static String name(byte[] json) {
        String text = new String(json, UTF_8);
        int start = text.indexOf("\"event\":\"") + 9;
        return text.substring(start, text.indexOf('"', start));
    }

    /** Records what ingestion asks of it; each delivery completes when the test says so. */
    private final class ScriptedDelivery implements OutputDelivery {
        record Started(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                CompletableFuture<Void> acknowledged) {}

        private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
        private final List<Started> all = Collections.synchronizedList(new ArrayList<>());

        @Override
        public CompletableFuture<Void> start(List<ProducerRecord<byte[], byte[]>> records,
                Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
            Started one = new Started(List.copyOf(records), Map.copyOf(offsets), new CompletableFuture<>());
            log.add("start " + name(records.getFirst().value()) + ".." + name(records.getLast().value()));
            all.add(one);
            started.add(one);
            return one.acknowledged();
        }

        @Override
        public void commit(Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<byte[], byte[]> consumer) {
            consumer.commitSync(offsets);
            Map<Integer, Long> byPartition = new TreeMap<>();
            offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset.offset()));
            log.add("commit " + byPartition + " holding "
                    + consumer.assignment().stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void flush(Consumer<byte[], byte[]> consumer) {
            log.add("flush holding " + consumer.assignment().stream().map(TopicPartition::partition).sorted().toList());
        }

        Started next() throws InterruptedException {
            Started next = started.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(next).as("a delivery started within " + WAIT).isNotNull();
            return next;
        }

        void acknowledgeAll() {
            all.forEach(one -> one.acknowledged().complete(null));
        }

        @Override
        public void close() {}
    }
}
