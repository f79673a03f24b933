package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.pool.ChainExecutor;
import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.routing.TeamChains;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one batch of input messages into the records to produce: decodes each message, runs each
 * tenant's events through its chain (tenants in parallel, each tenant's events in order, cut into
 * worker batches by {@link BatchLimits}), and lists the outputs in input order: a processed event
 * for the output topic, nothing for a dropped one, the original bytes with an {@code error} header
 * for the dead-letter topic. Tenants without enabled apps pass through unchanged.
 *
 * <p>Thread-safe; holds no state between batches.
 */
final class BatchProcessor {
    static final String ERROR_HEADER = "error";
    static final String ERROR_LOCATION_HEADER = "error_location";
    static final String DECODE_LOCATION = "appserver:ingestion:decode";
    static final String OUTPUT_LOCATION = "appserver:ingestion:output";

    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final TeamChains chains;
    private final ChainExecutor executor;
    private final IngestTopics topics;
    private final BatchLimits limits;

    BatchProcessor(TeamChains chains, ChainExecutor executor, IngestTopics topics, BatchLimits limits) {
        this.chains = requireNonNull(chains, "chains is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.topics = requireNonNull(topics, "topics is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Starts the batch. The future fails only when a chain could not be read or the executor is
     * closed; the caller then processes the batch again.
     */
    CompletableFuture<BatchOutput> process(List<ConsumerRecord<byte[], byte[]>> records) {
        Decoded[] decoded = new Decoded[records.size()];
        EventOutcome[] outcomes = new EventOutcome[records.size()];
        Map<Long, List<Integer>> byTeam = new LinkedHashMap<>();
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = decoder.decode(records.get(i).value());
            if (decoded[i] instanceof Decoded.Event(InputEvent event)) {
                byTeam.computeIfAbsent(event.teamId(), team -> new ArrayList<>()).add(i);
            }
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Map.Entry<Long, List<Integer>> team : byTeam.entrySet()) {
            List<InstanceSpec> chain = chains.chainOf(team.getKey());
            if (chain.isEmpty()) {
                for (int i : team.getValue()) {
                    outcomes[i] = new EventOutcome(((Decoded.Event) decoded[i]).event().json(), List.of());
                }
                continue;
            }
            for (List<Integer> slice : slices(team.getValue(), decoded)) {
                List<byte[]> events = slice.stream().map(i -> ((Decoded.Event) decoded[i]).event().json()).toList();
                running.add(executor.process(chain, events).thenAccept(results -> {
                    for (int k = 0; k < slice.size(); k++) {
                        outcomes[slice.get(k)] = results.get(k);
                    }
                }));
            }
        }
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .thenApply(done -> outputs(records, decoded, outcomes));
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

    /** The input message as it came, with why it went no further. */
    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, String location) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(new RecordHeader(ERROR_HEADER, reason.getBytes(UTF_8)));
        headers.add(new RecordHeader(ERROR_LOCATION_HEADER, location.getBytes(UTF_8)));
        return new ProducerRecord<>(topics.deadLetters(), null, record.key(), record.value(), headers);
    }

    private BatchOutput outputs(List<ConsumerRecord<byte[], byte[]>> records, Decoded[] decoded, EventOutcome[] outcomes) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.size());
        int dropped = 0;
        int failed = 0;
        int deadLettered = 0;
        for (int i = 0; i < decoded.length; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            switch (decoded[i]) {
                case Decoded.Rejected(String reason) -> {
                    deadLettered++;
                    out.add(deadLetter(record, reason, DECODE_LOCATION));
                }
                case Decoded.Event(InputEvent event) -> {
                    EventOutcome outcome = outcomes[i];
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
                        out.add(new ProducerRecord<>(topics.output(), event.key().getBytes(UTF_8), outcome.event()));
                    }
                }
            }
        }
        return new BatchOutput(out, dropped, failed, deadLettered);
    }
}
