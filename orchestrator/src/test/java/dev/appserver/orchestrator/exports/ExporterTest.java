package dev.appserver.orchestrator.exports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.jobs.InMemoryJobQueue;
import dev.appserver.orchestrator.jobs.Job;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Exporter}: each outcome of an attempt, retries through the in-memory job queue, a test clock. */
class ExporterTest {
    private static final InstanceSpec SPEC = new InstanceSpec(7, 1, 2, 3, "Exporter", "index.js", "", "", "{}", Map.of(), 0, false);
    private static final ExportRetrySettings RETRIES = new ExportRetrySettings(List.of(Duration.ofSeconds(6), Duration.ofSeconds(12)));

    private final MutableClock clock = new MutableClock();
    private final InMemoryJobQueue jobs = new InMemoryJobQueue();
    private final InMemoryAppLogRepository logs = new InMemoryAppLogRepository(100);
    private final Deque<CallOutcome.Status> outcomes = new ArrayDeque<>();
    private final List<AppCall.ExportEvents> calls = new CopyOnWriteArrayList<>();
    private final List<String> deadLetters = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final Exporter exporter = new Exporter((spec, call) -> {
        calls.add((AppCall.ExportEvents) call);
        return CompletableFuture.completedFuture(CallOutcome.of(outcomes.removeFirst(), "RetryError: busy"));
    }, jobs, (spec, batch, reason) -> {
        deadLetters.add(batch.id() + "/" + batch.attempt() + ": " + reason);
        return CompletableFuture.completedFuture(null);
    }, RETRIES, logs, new ExportListener() {
        @Override
        public void exported(InstanceSpec spec, int events) {
            heard.add("exported " + events);
        }

        @Override
        public void retried(InstanceSpec spec, int events) {
            heard.add("retried " + events);
        }

        @Override
        public void deadLettered(InstanceSpec spec, int events) {
            heard.add("dead-lettered " + events);
        }
    }, clock);

    private static ExportBatch batch() {
        return new ExportBatch("b-1", 0, List.of("{\"event\":\"a\",\"n\":1.50}".getBytes(UTF_8), "{\"event\":\"b\"}".getBytes(UTF_8)));
    }

    /** Claims the due retry and runs it, as the job runner would. */
    private void runRetry(Duration after) {
        assertThat(jobs.claim(clock.instant().plus(after).minusMillis(1), 10, Duration.ofMinutes(1))).isEmpty();
        clock.advance(after);
        List<Job> due = jobs.claim(clock.instant(), 10, Duration.ofMinutes(1));
        assertThat(due).hasSize(1);
        assertThat(due.get(0).job().kind()).isEqualTo(JobKind.EXPORT_RETRY);
        exporter.run(due.get(0), SPEC).join();
        jobs.finish(due.get(0).id());
    }

    @Test
    void aRetryErrorIsRetriedAfterEachBackoffWithTheSameBatchThenSucceeds() {
        outcomes.addAll(List.of(CallOutcome.Status.RETRY, CallOutcome.Status.RETRY, CallOutcome.Status.SUCCEEDED));

        exporter.export(SPEC, batch()).join();
        runRetry(Duration.ofSeconds(6));
        runRetry(Duration.ofSeconds(12));

        assertThat(calls).extracting(AppCall.ExportEvents::batchId).containsOnly("b-1");
        assertThat(calls).extracting(AppCall.ExportEvents::attempt).containsExactly(0, 1, 2);
        assertThat(calls.get(2).events()).extracting(bytes -> new String(bytes, UTF_8))
                .containsExactly("{\"event\":\"a\",\"n\":1.50}", "{\"event\":\"b\"}");
        assertThat(heard).containsExactly("retried 2", "retried 2", "exported 2");
        assertThat(deadLetters).isEmpty();
        assertThat(jobs.waiting(7)).isZero();
        assertThat(logs.recent(7, 10)).extracting(AppLogEntry::message).first().asString()
                .startsWith("exportEvents: RetryError: busy; batch b-1 (2 events) is retried in 6 s (retry 1 of 2)");
    }

    @Test
    void aBatchThatRunsOutOfRetriesIsDeadLettered() {
        outcomes.addAll(List.of(CallOutcome.Status.RETRY, CallOutcome.Status.RETRY, CallOutcome.Status.RETRY));

        exporter.export(SPEC, batch()).join();
        runRetry(Duration.ofSeconds(6));
        runRetry(Duration.ofSeconds(12));

        assertThat(deadLetters).containsExactly("b-1/2: exportEvents gave up after 2 retries: RetryError: busy");
        assertThat(heard).containsExactly("retried 2", "retried 2", "dead-lettered 2");
        assertThat(jobs.waiting(7)).isZero();
    }

    @Test
    void aFailureAndAnOpenBreakerDeadLetterAtOnce() {
        outcomes.addAll(List.of(CallOutcome.Status.FAILED, CallOutcome.Status.BREAKER_OPEN));

        exporter.export(SPEC, batch()).join();
        exporter.export(SPEC, batch()).join();

        assertThat(deadLetters).containsExactly("b-1/0: exportEvents failed: RetryError: busy",
                "b-1/0: the app's circuit breaker is open");
        assertThat(jobs.waiting(7)).isZero();
    }
}
