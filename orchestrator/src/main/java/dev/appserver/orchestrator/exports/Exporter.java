package dev.appserver.orchestrator.exports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.jobs.Job;
import dev.appserver.orchestrator.jobs.JobHandler;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.NewJob;
import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs {@code exportEvents} batches and sees each to an end: exported; after a {@code RetryError}
 * (or while the app's setup is failing, or when its worker died under it) queued in the
 * {@link JobQueue} as a {@link JobKind#EXPORT_RETRY} job due after the next backoff; or, when it
 * failed otherwise, ran out of retries, or the app's circuit breaker is open, sent to the export
 * dead-letter queue with the reason. Never dropped. Each step is in the app config's log.
 *
 * <p>It is also the {@link JobHandler} of the retries. Thread-safe.
 */
public final class Exporter implements JobHandler {
    // Numbers keep their text (1.50 stays 1.50) when a retry's events are read back.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final AppInvoker invoker;
    private final JobQueue jobs;
    private final ExportDeadLetters deadLetters;
    private final ExportRetrySettings retries;
    private final AppLogRepository logs;
    private final ExportListener listener;
    private final Clock clock;

    public Exporter(AppInvoker invoker, JobQueue jobs, ExportDeadLetters deadLetters, ExportRetrySettings retries,
            AppLogRepository logs, ExportListener listener, Clock clock) {
        this.invoker = requireNonNull(invoker, "invoker is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs one attempt of {@code batch}. Completes once the batch is exported, queued for its
     * retry or dead-lettered; exceptionally when it could not be run here (the pools are closing)
     * or its retry or dead letter could not be stored: then the batch is still the caller's.
     */
    public CompletableFuture<Void> export(InstanceSpec spec, ExportBatch batch) {
        return invoker.call(spec, new AppCall.ExportEvents(batch.events(), batch.id(), batch.attempt()))
                .thenCompose(outcome -> settle(spec, batch, outcome));
    }

    private CompletableFuture<Void> settle(InstanceSpec spec, ExportBatch batch, CallOutcome outcome) {
        int size = batch.events().size();
        return switch (outcome.status()) {
            case SUCCEEDED -> {
                listener.exported(spec, size);
                yield CompletableFuture.completedFuture(null);
            }
            case RETRY, NOT_LOADED -> batch.attempt() < retries.retries()
                    ? retryLater(spec, batch, outcome.error())
                    : deadLetter(spec, batch, "exportEvents gave up after " + retries.retries() + " retries: " + outcome.error());
            case FAILED -> deadLetter(spec, batch, "exportEvents failed: " + outcome.error());
            case BREAKER_OPEN -> deadLetter(spec, batch, "the app's circuit breaker is open");
            case NOT_EXPORTED -> deadLetter(spec, batch, "the app no longer exports exportEvents");
        };
    }

    private CompletableFuture<Void> retryLater(InstanceSpec spec, ExportBatch batch, String error) {
        Duration backoff = retries.backoffs().get(batch.attempt());
        ExportBatch next = batch.nextAttempt();
        jobs.enqueue(new NewJob(spec.configId(), JobKind.EXPORT_RETRY, "exportEvents", payload(next),
                clock.instant().plus(backoff)));
        listener.retried(spec, batch.events().size());
        log(spec, "WARN", "exportEvents: " + error + "; batch " + batch.id() + " (" + batch.events().size()
                + " events) is retried in " + backoff.toSeconds() + " s (retry " + next.attempt() + " of " + retries.retries() + ")");
        return CompletableFuture.completedFuture(null);
    }

    private CompletableFuture<Void> deadLetter(InstanceSpec spec, ExportBatch batch, String reason) {
        return deadLetters.send(spec, batch, reason).thenRun(() -> {
            listener.deadLettered(spec, batch.events().size());
            log(spec, "ERROR", reason + "; batch " + batch.id() + " (" + batch.events().size()
                    + " events) went to the export dead-letter queue");
        });
    }

    private void log(InstanceSpec spec, String type, String message) {
        logs.append(new AppLogEntry(spec.configId(), clock.instant(), type, "SYSTEM", message));
    }

    /** Runs a queued retry ({@link JobKind#EXPORT_RETRY}). */
    @Override
    public CompletableFuture<Void> run(Job job, InstanceSpec spec) {
        return export(spec, batchOf(job.job().payloadJson()));
    }

    /** A retry's payload: {@code {"batch_id": ..., "attempt": n, "events": [...]}}. */
    static String payload(ExportBatch batch) {
        ObjectNode head = JSON.createObjectNode().put("batch_id", batch.id()).put("attempt", batch.attempt());
        String text = head.toString();
        return text.substring(0, text.length() - 1) + ",\"events\":" + batch.eventsJson() + "}";
    }

    static ExportBatch batchOf(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            List<byte[]> events = new ArrayList<>();
            for (JsonNode event : node.path("events")) {
                events.add(JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
            }
            return new ExportBatch(node.path("batch_id").asText(), node.path("attempt").asInt(), events);
        } catch (IOException e) {
            throw new UncheckedIOException("an export retry's payload is not JSON", e);
        }
    }
}
