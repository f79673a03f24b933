package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.routing.TeamChains;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingestion consumer group member: one thread that consumes a batch, has it processed, starts
 * delivering its outputs with its offsets ({@link OutputDelivery}), and consumes and processes the
 * next batch while that delivery is under way (decision 0022). A batch's delivery is settled (its
 * outputs acknowledged, its offsets committed; with at-least-once the commit is sent without
 * waiting, and made final before partitions move and at the end) before the next one starts, so
 * at most two batches are held: one being delivered, one in the workers. While a batch is
 * processed the consumer is paused and keeps polling (nothing comes back) so it stays in the group
 * however slow the apps are.
 *
 * <p>A batch is consumed again from its first offsets when its delivery fails, when a rebalance
 * took one of its partitions, or when processing fails (the store is unreachable: then after a
 * pause). When a delivery fails, the batch consumed after it is not delivered either: both are
 * consumed again, in order. Before partitions move, the delivery under way is settled. Lifecycle:
 * {@link #start} once, {@link #close} from any thread.
 */
public final class KafkaIngestion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestion.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration KEEP_ALIVE = Duration.ofMillis(200);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final IngestSettings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final OutputDelivery delivery;
    private final BatchProcessor processor;
    private final CaptureQueue captures;
    private final IngestMetrics metrics;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean assigned;
    /** The batch in the workers, if any. Fields below are used on {@link #thread} only (callbacks included). */
    private InFlightBatch inFlight;
    /** The batch whose delivery was started and not yet settled, if any. */
    private Delivering delivering;
    /** Where to seek each partition before the next batch is consumed: the lowest first offset of the batches given back. */
    private final Map<TopicPartition, Long> rewinds = new HashMap<>();
    /** A batch was given back since the batch in flight was consumed: that one must be given back too, not delivered. */
    private boolean stale;

    /** A batch being delivered, with what to count or give back once it is settled. */
    private record Delivering(InFlightBatch batch, BatchOutput output, List<ProducerRecord<byte[], byte[]>> captured,
            CompletableFuture<Void> acknowledged) {}

    KafkaIngestion(IngestSettings settings, Consumer<byte[], byte[]> consumer, OutputDelivery delivery,
            BatchProcessor processor, CaptureQueue captures, IngestMetrics metrics) {
        this.settings = requireNonNull(settings, "settings is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.delivery = requireNonNull(delivery, "delivery is null");
        this.processor = requireNonNull(processor, "processor is null");
        this.captures = requireNonNull(captures, "captures is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.thread = Thread.ofPlatform().name("ingest-" + settings.nodeName()).unstarted(this::run);
    }

    /** Connects to Kafka with {@code settings}: a consumer, and a producer for the chosen delivery mode. */
    public static KafkaIngestion create(IngestSettings settings, TeamChains chains, ChainExecutor executor,
            CaptureQueue captures, IngestMetrics metrics) {
        return create(settings, chains, executor, captures, metrics, Admission.NONE);
    }

    /**
     * The input consumer ({@code quotas} defer a throttled tenant's events to the overflow topic),
     * or, for {@link IngestSettings#forOverflow settings for overflow}, the overflow consumer
     * (which runs them once the tenant's quotas have room).
     */
    public static KafkaIngestion create(IngestSettings settings, TeamChains chains, ChainExecutor executor,
            CaptureQueue captures, IngestMetrics metrics, TenantQuotas quotas) {
        requireNonNull(quotas, "quotas is null");
        return create(settings, chains, executor, captures, metrics,
                settings.overflow() ? new Admission.Wait(quotas) : new Admission.Defer(quotas));
    }

    private static KafkaIngestion create(IngestSettings settings, TeamChains chains, ChainExecutor executor,
            CaptureQueue captures, IngestMetrics metrics, Admission admission) {
        Supplier<KafkaProducer<byte[], byte[]>> producers = switch (settings.mode()) {
            case EXACTLY_ONCE -> () -> new KafkaProducer<>(KafkaClientConfigs.transactionalProducer(settings));
            case AT_LEAST_ONCE -> () -> new KafkaProducer<>(KafkaClientConfigs.producer(settings));
        };
        Function<Supplier<KafkaProducer<byte[], byte[]>>, OutputDelivery> deliveries = switch (settings.mode()) {
            case EXACTLY_ONCE -> made -> new TransactionalDelivery(made::get, "ingest-delivery-" + settings.nodeName());
            case AT_LEAST_ONCE -> made -> new AcknowledgedDelivery(made.get());
        };
        OutputDelivery delivery = deliveries.apply(producers);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientConfigs.consumer(settings));
        return new KafkaIngestion(settings, consumer, delivery,
                new BatchProcessor(chains, executor, settings.topics(), settings.limits(), admission), captures, metrics);
    }

    public KafkaIngestion start() {
        thread.start();
        return this;
    }

    /** Whether the consumer holds partitions (for readiness). */
    public boolean assigned() {
        return assigned;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(settings.overflow() ? settings.topics().overflow() : settings.topics().input()),
                    new Rebalances());
            while (running) {
                List<ConsumerRecord<byte[], byte[]>> records = nextBatch();
                if (delivering != null && delivering.acknowledged().isDone()) {
                    settle();
                }
                if (!records.isEmpty() || !captures.isEmpty()) {
                    handle(new InFlightBatch(records, System.nanoTime()));
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            LOG.error("ingestion stopped: {}", e.toString(), e);
        } finally {
            try {
                settle();
            } catch (RuntimeException e) {
                LOG.warn("the last delivery was not settled ({}); its batch will be consumed again", e.toString());
            }
            flushCommits();
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("the ingestion consumer did not close cleanly: {}", e.toString());
            }
            delivery.close();
            stopped.countDown();
        }
    }

    /** Polls until the batch is full (events or bytes) or its linger time has passed since its first message. */
    private List<ConsumerRecord<byte[], byte[]>> nextBatch() {
        applyRewinds();
        BatchLimits limits = settings.limits();
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        long bytes = 0;
        long deadline = 0;
        while (running) {
            Duration wait = batch.isEmpty() ? IDLE_POLL : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(wait);
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                batch.add(record);
                bytes += record.serializedValueSize();
            }
            if (batch.isEmpty()) {
                return batch;
            }
            if (deadline == 0) {
                deadline = System.nanoTime() + limits.linger().toNanos();
            }
            if (batch.size() >= limits.maxEvents() || bytes >= limits.maxBytes() || System.nanoTime() >= deadline) {
                break;
            }
        }
        return batch;
    }

    private void handle(InFlightBatch batch) {
        metrics.consumed(batch.records().size());
        if (stale) {
            giveBack(batch); // Consumed after a batch that was given back since: it follows that one.
            return;
        }
        inFlight = batch;
        BatchOutput output;
        try {
            output = awaitPaused(processor.process(batch.records()));
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("a batch of {} messages could not be processed ({}); consuming it again in {}",
                    batch.records().size(), cause.toString(), RETRY_PAUSE, cause);
            giveBack(batch);
            pauseFor(RETRY_PAUSE);
            return;
        } finally {
            inFlight = null;
        }
        settle();
        if (stale || output == null || batch.revoked()) {
            giveBack(batch);
            return;
        }
        List<ProducerRecord<byte[], byte[]>> captured = captures.drain();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(output.records().size() + captured.size());
        records.addAll(output.records());
        records.addAll(captured);
        CompletableFuture<Void> acknowledged = delivery.start(records, batch.commitOffsets(), consumer.groupMetadata());
        acknowledged.thenRun(() -> {
            if (!batch.records().isEmpty()) {
                metrics.batch(Duration.ofNanos(System.nanoTime() - batch.startedNanos()));
            }
        });
        delivering = new Delivering(batch, output, captured, acknowledged);
    }

    /**
     * Waits for the delivery under way, if any, and finishes it on this thread (at-least-once
     * commits its offsets here). A delivery that failed gives its batch and its captures back.
     */
    private void settle() {
        Delivering settling = delivering;
        if (settling == null) {
            return;
        }
        delivering = null;
        try {
            settling.acknowledged().get();
            delivery.commit(settling.batch().commitOffsets(), consumer);
        } catch (ExecutionException | KafkaException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("a batch of {} messages was not delivered ({}); consuming it again", settling.batch().records().size(),
                    cause.toString());
            captures.giveBack(settling.captured());
            giveBack(settling.batch());
            return;
        }
        metrics.delivered(settling.output());
        metrics.captured(settling.captured().size());
    }

    /** Makes the commits started so far final (before partitions move, and at the end). */
    private void flushCommits() {
        try {
            delivery.flush(consumer);
        } catch (KafkaException e) {
            LOG.warn("the delivered batches' offsets were not committed ({}); their events will be consumed again",
                    e.toString());
        }
    }

    /**
     * Waits for the batch with the consumer paused, polling now and then so that the group does
     * not think this member is stuck. Returns null when shutdown's grace ran out first.
     */
    private BatchOutput awaitPaused(CompletableFuture<BatchOutput> pending) throws ExecutionException {
        long graceEnd = Long.MAX_VALUE;
        try {
            while (true) {
                try {
                    return pending.get(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!running && graceEnd == Long.MAX_VALUE) {
                        graceEnd = System.nanoTime() + settings.shutdownGrace().toNanos();
                    }
                    if (System.nanoTime() > graceEnd) {
                        LOG.warn("shutting down with a batch still in the workers; it is handed back uncommitted");
                        return null;
                    }
                    keepAlive();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    private void keepAlive() {
        consumer.pause(consumer.assignment());
        ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ZERO);
        // Partitions assigned during this very poll are not paused yet: give back what they returned.
        for (TopicPartition partition : unexpected.partitions()) {
            consumer.seek(partition, unexpected.records(partition).get(0).offset());
        }
    }

    private void pauseFor(Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        try {
            while (running && System.nanoTime() < end) {
                keepAlive();
                Thread.sleep(Math.min(KEEP_ALIVE.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Gives a batch back: before the next batch is consumed, each of its partitions this consumer
     * still holds is sought back to the batch's first offset there (or to an earlier batch's, when
     * that one was given back too). A batch consumed before this is given back as well.
     */
    private void giveBack(InFlightBatch batch) {
        metrics.rewound();
        batch.firstOffsets().forEach((partition, offset) -> rewinds.merge(partition, offset, Math::min));
        stale = true;
    }

    private void applyRewinds() {
        var assignment = consumer.assignment();
        rewinds.forEach((partition, offset) -> {
            if (assignment.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        rewinds.clear();
        stale = false;
    }

    /** Stops consuming: the batch in flight is finished and delivered within the shutdown grace, or handed back. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!stopped.await(settings.shutdownGrace().plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                consumer.wakeup();
                stopped.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            lost(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lost(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("ingestion assigned {}", partitions);
            assigned = !consumer.assignment().isEmpty();
            if (inFlight != null) {
                consumer.pause(partitions);
            }
        }

        private void lost(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                // Its offsets are committed (or it fails) while this consumer still holds them.
                settle();
                flushCommits();
            }
            // What the new owner consumes is up to it: this consumer's seeks there no longer apply.
            rewinds.keySet().removeAll(partitions);
            assigned = !consumer.assignment().isEmpty();
            if (!partitions.isEmpty()) {
                LOG.info("ingestion gives up {}", partitions);
            }
            if (inFlight != null) {
                inFlight.partitionsLost(partitions);
            }
        }
    }
}
