package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.InstanceSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The async handlers: a consumer group of its own on the processed events that feeds each
 * tenant's {@code onEvent} and {@code exportEvents} app configs ({@link AsyncTargets}), apart
 * from ingestion, so a slow exporter never slows it. Each poll's events go, per tenant and in
 * order, to {@code onEvent} (one call per app config and poll) and into the app configs' export
 * buffers ({@link ExportBuffers}), whose batches the {@link Exporter} sees to an end. Offsets are
 * committed only when every event before them was handled ({@link CommitTracker}), and at most
 * once per {@link #COMMIT_INTERVAL} ({@link PendingCommits}), so a crash loses nothing: what was
 * not yet exported is consumed again.
 *
 * <p>On a rebalance and on {@link #close} every buffer is flushed and the exports in flight are
 * awaited (bounded) before committing. Calls for different app configs run in parallel in the
 * pools; this consumer pauses while {@code maxOpenBatches} polled batches wait. One thread of its own.
 */
public final class AsyncHandlers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncHandlers.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long work that could not be done waits before it is tried again. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);
    /** How often the handlers commit while they run; far below the exports' own buffering times. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    private final AsyncSettings settings;
    private final AsyncTargets targets;
    private final AppInvoker invoker;
    private final Exporter exporter;
    private final ExportListener listener;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CommitTracker offsets = new CommitTracker();
    private final PendingCommits committable;
    private final ExportBuffers buffers;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    private AsyncHandlers(AsyncSettings settings, AsyncTargets targets, AppInvoker invoker, Exporter exporter,
            ExportListener listener, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.targets = requireNonNull(targets, "targets is null");
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.exporter = requireNonNull(exporter, "exporter is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.buffers = new ExportBuffers(clock, this::export);
        this.committable = new PendingCommits(clock, COMMIT_INTERVAL);
        this.consumer = new KafkaConsumer<>(settings.consumerProperties());
        this.thread = Thread.ofPlatform().name("async-handlers").unstarted(this::run);
    }

    /** Subscribes and starts consuming on a thread of its own. */
    public static AsyncHandlers start(AsyncSettings settings, AsyncTargets targets, AppInvoker invoker, Exporter exporter,
            ExportListener listener, Clock clock) {
        AsyncHandlers handlers = new AsyncHandlers(settings, targets, invoker, exporter, listener, clock);
        handlers.consumer.subscribe(List.of(settings.topic()), handlers.new Rebalances());
        handlers.thread.start();
        return handlers;
    }

    private void run() {
        try {
            while (running) {
                pauseWhileBusy();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty() && !handle(records)) {
                    rewind(records);
                    Thread.sleep(RETRY_DELAY.toMillis());
                }
                buffers.flushDue();
                committable.add(offsets.takeCommittable());
                commitDue();
            }
        } catch (WakeupException e) {
            // close() woke the poll.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the async handlers stopped: {}", e.toString(), e);
        } finally {
            drain();
            consumer.close();
        }
    }

    private void pauseWhileBusy() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (offsets.openBatches() >= settings.maxOpenBatches()) {
            consumer.pause(assigned);
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Hands the records out. @return false when the tenants' app configs could not be read (the
     * store is unreachable): then nothing was handed out, and the records are to be polled again
     */
    private boolean handle(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<Long, List<ProcessedEvent>> byTeam = new LinkedHashMap<>();
        Map<Long, List<AsyncTargets.Target>> targetsByTeam = new HashMap<>();
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                Long headerTeam = ProcessedEvent.teamOf(record.headers());
                if (headerTeam != null && targetsByTeam.computeIfAbsent(headerTeam, targets::of).isEmpty()) {
                    continue; // Nothing of this tenant takes processed events: no need to read it.
                }
                ProcessedEvent event = ProcessedEvent.read(record.value());
                if (event != null) {
                    targetsByTeam.computeIfAbsent(event.teamId(), targets::of);
                    byTeam.computeIfAbsent(event.teamId(), team -> new ArrayList<>()).add(event);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the app configs of the processed events' tenants ({}); trying again in {} s",
                    e.toString(), RETRY_DELAY.toSeconds());
            return false;
        }
        long seq = offsets.open(next);
        try {
            byTeam.forEach((team, events) -> {
                for (AsyncTargets.Target target : targetsByTeam.get(team)) {
                    if (target.onEvent()) {
                        onEvents(target.spec(), events, seq);
                    }
                    if (target.exportEvents()) {
                        for (ProcessedEvent event : events) {
                            offsets.hold(seq);
                            if (!buffers.add(target.spec(), event.name(), new ExportBuffers.Held(event.json(), seq))) {
                                offsets.release(seq); // Ignored by the app's exportEventsToIgnore.
                            }
                        }
                    }
                }
            });
        } finally {
            offsets.release(seq);
        }
        return true;
    }

    /** Seeks each partition of {@code records} back to its first record, to poll them again. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void onEvents(InstanceSpec spec, List<ProcessedEvent> events, long seq) {
        offsets.hold(seq);
        callOnEvents(spec, events, seq);
    }

    private void callOnEvents(InstanceSpec spec, List<ProcessedEvent> events, long seq) {
        CompletableFuture<Void> call = invoker.call(spec, new AppCall.OnEvents(events.stream().map(ProcessedEvent::json).toList()))
                .thenAccept(outcome -> {
                    switch (outcome.status()) {
                        case SUCCEEDED -> listener.onEvents(spec, events.size(), outcome.failures());
                        case RETRY, FAILED, NOT_EXPORTED, NOT_LOADED, BREAKER_OPEN ->
                                LOG.debug("onEvent of app config {} did not run: {}", spec.configId(), outcome.error());
                    }
                    offsets.release(seq);
                });
        track(call, "onEvent of app config " + spec.configId(), () -> callOnEvents(spec, events, seq));
    }

    private void export(InstanceSpec spec, ExportBuffers.Flushed flushed) {
        CompletableFuture<Void> export = exporter.export(spec, flushed.batch())
                .thenRun(() -> flushed.seqs().forEach(offsets::release));
        track(export, "export batch " + flushed.batch().id() + " of app config " + spec.configId(), () -> export(spec, flushed));
    }

    /**
     * Keeps {@code work} until it completes. Work that could not be done (no worker could be
     * started; its retry or dead letter could not be stored) keeps its holds and is tried again
     * after {@link #RETRY_DELAY} while the handlers run; once they stop, its events stay
     * uncommitted and are consumed again after the restart.
     */
    private void track(CompletableFuture<?> work, String what, Runnable again) {
        inFlight.add(work);
        work.whenComplete((ignored, error) -> {
            inFlight.remove(work);
            if (error == null) {
                return;
            }
            if (running) {
                LOG.warn("{} did not complete ({}); trying again in {} s", what, error.toString(), RETRY_DELAY.toSeconds());
                CompletableFuture.delayedExecutor(RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(again);
            } else {
                LOG.warn("{} did not complete ({}); its events will be consumed again", what, error.toString());
            }
        });
    }

    private void commitDue() {
        Map<TopicPartition, OffsetAndMetadata> due = committable.takeDue();
        if (due.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(due);
        } catch (KafkaException e) {
            LOG.warn("could not commit the async handlers' offsets ({}); trying again in {} s", e.toString(),
                    COMMIT_INTERVAL.toSeconds());
            committable.giveBack(due);
        }
    }

    /** Flushes every buffer, waits (bounded) for the work in flight and commits what is done. */
    private void drain() {
        try {
            buffers.flushAll();
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("the async handlers stop with {} exports or onEvent calls unfinished; their events will be consumed again",
                    inFlight.size());
        }
        committable.add(offsets.takeCommittable());
        Map<TopicPartition, OffsetAndMetadata> last = committable.takeAll();
        try {
            if (!last.isEmpty()) {
                consumer.commitSync(last);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not commit the async handlers' last offsets: {}", e.toString());
        }
        buffers.clear();
        offsets.clear();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(settings.closeTimeout().plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Before partitions move, everything polled is seen to an end and committed. */
    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                drain();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    }
}
