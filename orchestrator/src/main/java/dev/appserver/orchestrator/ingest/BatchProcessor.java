package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.ProcessEventTally;
import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.quota.Throttle;
import dev.appserver.orchestrator.routing.TeamChains;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one batch of input messages into the records to produce: decodes each message, runs each
 * tenant's events through its chain (tenants in parallel, each tenant's events in order, cut into
 * worker batches by {@link BatchLimits}), and lists the outputs in input order: a processed event
 * for the output topic, nothing for a dropped one, the original bytes with an {@code error} header
 * for the dead-letter topic, the original bytes for the overflow topic when the tenant is past a
 * quota and its events must wait ({@link Admission}). Tenants without enabled apps pass through
 * unchanged.
 *
 * <p>Thread-safe; holds no state between batches.
 */
final class BatchProcessor {
    static final String ERROR_HEADER = "error";
    static final String ERROR_LOCATION_HEADER = "error_location";
    /** On an event in the overflow topic: the quota its tenant was past. */
    static final String THROTTLED_HEADER = "throttled";
    static final String DECODE_LOCATION = "appserver:ingestion:decode";
    static final String OUTPUT_LOCATION = "appserver:ingestion:output";

    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final TeamChains chains;
    private final ChainExecutor executor;
    private final IngestTopics topics;
    private final BatchLimits limits;
    private final Admission admission;

    BatchProcessor(TeamChains chains, ChainExecutor executor, IngestTopics topics, BatchLimits limits, Admission admission) {
        this.chains = requireNonNull(chains, "chains is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.admission = requireNonNull(admission, "admission is null");
    }

    /**
     * Starts the batch. The future fails only when a chain could not be read or the executor is
     * closed; the caller then processes the batch again.
     */
    CompletableFuture<BatchOutput> process(List<ConsumerRecord<byte[], byte[]>> records) {
        Decoded[] decoded = new Decoded[records.size()];
        EventOutcome[] outcomes = new EventOutcome[records.size()];
        String[] deferred = new String[records.size()];
        Map<Long, List<Integer>> byTeam = new LinkedHashMap<>();
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = decoder.decode(records.get(i).value());
            if (decoded[i] instanceof Decoded.Event(InputEvent event)) {
                byTeam.computeIfAbsent(event.teamId(), team -> new ArrayList<>()).add(i);
            }
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> team : byTeam.entrySet()) {
            long teamId = team.getKey();
            List<InstanceSpec> chain = chains.chainOf(teamId);
            if (chain.isEmpty()) {
                // No app code, nothing to limit: a tenant without apps passes through.
                for (int i : team.getValue()) {
                    outcomes[i] = new EventOutcome(((Decoded.Event) decoded[i]).event().json(), List.of());
                }
                continue;
            }
            List<List<Integer>> slices = slices(team.getValue(), decoded);
            switch (admission) {
                case Admission.Unlimited unlimited -> slices.forEach(slice -> running.add(run(chain, slice, decoded, outcomes)));
                case Admission.Defer(TenantQuotas quotas, Duration deadline) -> {
                    Optional<Throttle> throttle = quotas.throttle(teamId);
                    if (throttle.isPresent()) {
                        team.getValue().forEach(i -> deferred[i] = throttle.get().quota());
                        quotas.deferred(teamId, team.getValue().size(), throttle.get());
                    } else {
                        quotas.chargeEvents(teamId, team.getValue().size());
                        CompletableFuture<?>[] parts = slices.stream().map(slice -> run(chain, slice, decoded, outcomes))
                                .toArray(CompletableFuture[]::new);
                        running.add(CompletableFuture.allOf(parts).thenApply(done -> true).completeOnTimeout(false,
                                deadline.toNanos(), TimeUnit.NANOSECONDS).thenAccept(inTime -> {
                                    if (!inTime) {
                                        Throttle slow = new Throttle(Throttle.SLOW, Duration.ZERO);
                                        team.getValue().forEach(i -> deferred[i] = slow.quota());
                                        quotas.deferred(teamId, team.getValue().size(), slow);
                                    }
                                }));
                    }
                }
                case Admission.Wait(TenantQuotas quotas) -> running.add(runWhenAllowed(quotas, teamId, chain, slices, decoded, outcomes));
            }
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> outputs(records, decoded, outcomes, deferred));
    }

    /** Runs one worker batch of a tenant's events through its chain; its outcomes land in {@code outcomes}. */
    private CompletableFuture<Void> run(List<InstanceSpec> chain, List<Integer> slice, Decoded[] decoded, EventOutcome[] outcomes) {
        List<byte[]> events = slice.stream().map(i -> ((Decoded.Event) decoded[i]).event().json()).toList();
        return executor.process(chain, events).thenAccept(results -> {
            for (int k = 0; k < slice.size(); k++) {
                outcomes[slice.get(k)] = results.get(k);
            }
        });
    }

    /**
     * Runs a tenant's worker batches one after another, each once the tenant's quotas have room,
     * and counts them off its backlog.
     */
    private CompletableFuture<Void> runWhenAllowed(TenantQuotas quotas, long teamId, List<InstanceSpec> chain,
            List<List<Integer>> slices, Decoded[] decoded, EventOutcome[] outcomes) {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (List<Integer> slice : slices) {
            done = done.thenCompose(ignored -> afterWait(quotas.readyIn(teamId))).thenCompose(ignored -> {
                quotas.chargeEvents(teamId, slice.size());
                return run(chain, slice, decoded, outcomes);
            }).thenRun(() -> quotas.caughtUp(teamId, slice.size()));
        }
        return done;
    }

    private static CompletableFuture<Void> afterWait(Duration wait) {
        if (wait.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The tenant's events cut into worker batches, each within the count and byte limits. */
    private List<List<Integer>> slices(List<Integer> indexes, Decoded[] decoded) {
        List<List<Integer>> slices = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int i : indexes) {
            int size = ((Decoded.Event) decoded[i]).event().json().length;
            if (!current.isEmpty() && (current.size() >= limits.workerBatchEvents() || bytes + size > limits.workerBatchBytes())) {
                slices.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(i);
            bytes += size;
        }
        if (!current.isEmpty()) {
            slices.add(current);
        }
        return slices;
    }

    /**
     * The input message as it came, for the overflow topic, keyed {@code team_id:distinct_id} so
     * that one person's events stay in order there, with the quota that made it wait.
     */
    private ProducerRecord<byte[], byte[]> overflow(ConsumerRecord<byte[], byte[]> record, InputEvent event, String quota) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(THROTTLED_HEADER);
        headers.add(new RecordHeader(THROTTLED_HEADER, quota.getBytes(UTF_8)));
        return new ProducerRecord<>(topics.overflow(), null, event.key().getBytes(UTF_8), record.value(), headers);
    }

    /** The input message as it came, with why it went no further. */
    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, String location) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(new RecordHeader(ERROR_HEADER, reason.getBytes(UTF_8)));
        headers.add(new RecordHeader(ERROR_LOCATION_HEADER, location.getBytes(UTF_8)));
        return new ProducerRecord<>(topics.deadLetters(), null, record.key(), record.value(), headers);
    }

    /** A processed event for the output topic, keyed as its input was, with its tenant in a header. */
    private ProducerRecord<byte[], byte[]> processed(InputEvent event, byte[] json) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(IngestTopics.TEAM_ID_HEADER, Long.toString(event.teamId()).getBytes(UTF_8)));
        return new ProducerRecord<>(topics.output(), null, event.key().getBytes(UTF_8), json, headers);
    }

    private BatchOutput outputs(List<ConsumerRecord<byte[], byte[]>> records, Decoded[] decoded, EventOutcome[] outcomes,
            String[] deferred) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        int dropped = 0;
        int failed = 0;
        int deadLettered = 0;
        int overflowed = 0;
        ProcessEventTally appOutcomes = new ProcessEventTally();
        for (int i = 0; i < decoded.length; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            String deferredBy = deferred[i];
            switch (decoded[i]) {
                case Decoded.Rejected(String reason) -> {
                    deadLettered++;
                    out.add(deadLetter(record, reason, DECODE_LOCATION));
                }
                case Decoded.Event(InputEvent event) when deferredBy != null -> {
                    overflowed++;
                    out.add(overflow(record, event, deferredBy));
                }
                case Decoded.Event(InputEvent event) -> {
                    EventOutcome outcome = outcomes[i];
                    appOutcomes.add(outcome);
                    if (!outcome.failedConfigIds().isEmpty()) {
                        failed++;
                    }
                    if (outcome.dropped()) {
                        dropped++;
                    } else if (outcome.event().length > limits.maxOutputBytes()) {
                        deadLettered++;
                        out.add(deadLetter(record, "the processed event is " + outcome.event().length + " bytes, more than the "
                                + limits.maxOutputBytes() + " an output may have", OUTPUT_LOCATION));
                    } else {
                        out.add(processed(event, outcome.event()));
                    }
                }
            }
        }
        return new BatchOutput(out, dropped, failed, deadLettered, overflowed, appOutcomes);
    }
}
