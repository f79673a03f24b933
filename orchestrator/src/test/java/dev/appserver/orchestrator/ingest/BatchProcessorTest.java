package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.appmetrics.AppCounter;
import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.quota.Throttle;
import dev.appserver.orchestrator.routing.TeamChains;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.testing.MutableClock;
import dev.appserver.orchestrator.testing.StoredApps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
    private final MutableClock clock = new MutableClock();
    private final InMemoryAppRepository apps = new InMemoryAppRepository(clock);
    private final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(clock);
    private final TeamChains chains = new TeamChains(apps, configs, 1_000, clock, Duration.ofMinutes(1));
    private final InstalledApp app = StoredApps.install(apps, "app", "{\"name\":\"app\"}", "exports.processEvent = e => e");
    private long offset;

    /** Drops events named "drop", marks "fail" events as failed, and tags the rest. */
    private final FakeChainExecutor executor = new FakeChainExecutor(
            json -> json.contains("\"drop\"") ? null : json.replace("}", ",\"seen\":true}"), false);

    private BatchProcessor processor(BatchLimits limits) {
        return new BatchProcessor(chains, executor, IngestTopics.DEFAULT, limits, Admission.NONE);
    }

    private ConsumerRecord<byte[], byte[]> record(String value) {
        return new ConsumerRecord<>("events_plugin_ingestion", 0, offset++, "k".getBytes(UTF_8), value.getBytes(UTF_8));
    }

    private static String event(long team, String name, String distinctId) {
        return "{\"event\":\"" + name + "\",\"team_id\":" + team + ",\"distinct_id\":\"" + distinctId + "\"}";
    }

    /** Each record as "topic key value", with " team=N" when it carries the team_id header. */
    private static List<String> values(BatchOutput output) {
        List<String> out = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : output.records()) {
            var team = r.headers().lastHeader(IngestTopics.TEAM_ID_HEADER);
            out.add(r.topic() + " " + new String(r.key(), UTF_8) + " " + new String(r.value(), UTF_8)
                    + (team == null ? "" : " team=" + new String(team.value(), UTF_8)));
        }
        return out;
    }

    @Test
    void outputsFollowInputOrderAcrossTenantsWithDropsDeadLettersAndPassThrough() throws Exception {
        long configId = StoredApps.configure(configs, 2, app, 1, "{}").id();
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(
                record(event(2, "a", "x")),
                record(event(9, "b", "y")),
                record("{broken"),
                record(event(2, "drop", "x")),
                record(event(2, "fail", "z")),
                record(event(9, "c", "y")));

        BatchOutput output = processor(BatchLimits.DEFAULT).process(batch).get();

        assertThat(values(output)).containsExactly(
                "clickhouse_events_json 2:x " + event(2, "a", "x").replace("}", ",\"seen\":true}") + " team=2",
                "clickhouse_events_json 9:y " + event(9, "b", "y") + " team=9",
                "events_plugin_ingestion_dlq k {broken",
                "clickhouse_events_json 2:z " + event(2, "fail", "z").replace("}", ",\"seen\":true}") + " team=2",
                "clickhouse_events_json 9:y " + event(9, "c", "y") + " team=9");
        assertThat(output.dropped()).isEqualTo(1);
        assertThat(output.failed()).isEqualTo(1);
        assertThat(output.deadLettered()).isEqualTo(1);
        assertThat(executor.calls()).hasSize(1);
        assertThat(executor.calls().get(0).events()).hasSize(3);
        AppMetrics metrics = new AppMetrics(new SimpleMeterRegistry(), clock);
        metrics.add(output.appOutcomes());
        assertThat(metrics.counts(configId).values()).containsEntry(AppCounter.PROCESSED, 1L)
                .containsEntry(AppCounter.DROPPED, 1L).containsEntry(AppCounter.FAILED, 1L);
    }

    @Test
    void deadLettersCarryTheOriginalBytesAndTheReason() throws Exception {
        BatchOutput output = processor(BatchLimits.DEFAULT).process(List.of(record("{\"event\":\"e\"}"))).get();

        ProducerRecord<byte[], byte[]> dead = output.records().get(0);
        assertThat(new String(dead.value(), UTF_8)).isEqualTo("{\"event\":\"e\"}");
        assertThat(new String(dead.headers().lastHeader("error").value(), UTF_8)).isEqualTo("no team_id");
        assertThat(new String(dead.headers().lastHeader("error_location").value(), UTF_8))
                .isEqualTo(BatchProcessor.DECODE_LOCATION);
    }

    @Test
    void aProcessedEventTooLargeToProduceIsADeadLetterNotAStuckBatch() throws Exception {
        StoredApps.configure(configs, 2, app, 1, "{}");
        String small = event(2, "small", "x");
        String large = event(2, "a-much-larger-event", "x");
        int limit = small.length() + ",\"seen\":true".length();
        BatchLimits limits = new BatchLimits(100, 1 << 20, Duration.ZERO, 100, 1 << 20, limit);

        BatchOutput output = processor(limits).process(List.of(record(small), record(large))).get();

        assertThat(output.records()).hasSize(2);
        assertThat(output.records().get(0).topic()).isEqualTo("clickhouse_events_json");
        ProducerRecord<byte[], byte[]> dead = output.records().get(1);
        assertThat(dead.topic()).isEqualTo("events_plugin_ingestion_dlq");
        assertThat(new String(dead.value(), UTF_8)).as("the original input").isEqualTo(large);
        assertThat(new String(dead.headers().lastHeader("error").value(), UTF_8))
                .isEqualTo("the processed event is " + (large.length() + ",\"seen\":true".length()) + " bytes, more than the "
                        + limit + " an output may have");
        assertThat(new String(dead.headers().lastHeader("error_location").value(), UTF_8))
                .isEqualTo(BatchProcessor.OUTPUT_LOCATION);
        assertThat(output.deadLettered()).isEqualTo(1);
    }

    @Test
    void aTenantsEventsAreCutIntoWorkerBatchesByCountAndBytes() throws Exception {
        StoredApps.configure(configs, 2, app, 1, "{}");
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(record(event(2, "e" + i, "x")));
        }

        processor(new BatchLimits(100, 1 << 20, Duration.ZERO, 3, 1 << 20, 1 << 20)).process(batch).get();
        assertThat(executor.calls()).extracting(call -> call.events().size()).containsExactly(3, 3, 1);

        int size = event(2, "e0", "x").length();
        processor(new BatchLimits(100, 1 << 20, Duration.ZERO, 100, 2L * size, 1 << 20)).process(batch).get();
        assertThat(executor.calls().subList(3, executor.calls().size()))
                .extracting(call -> call.events().size()).containsExactly(2, 2, 2, 1);
    }

    @Test
    void theBatchCompletesOnlyWhenEveryTenantsWorkDid() {
        FakeChainExecutor manual = new FakeChainExecutor(json -> json, true);
        InstalledApp other = StoredApps.install(apps, "other", "{\"name\":\"other\"}", "exports.processEvent = e => e");
        StoredApps.configure(configs, 2, app, 1, "{}");
        StoredApps.configure(configs, 3, other, 1, "{}");
        BatchProcessor processor = new BatchProcessor(chains, manual, IngestTopics.DEFAULT, BatchLimits.DEFAULT, Admission.NONE);

        CompletableFuture<BatchOutput> done = processor.process(List.of(record(event(2, "a", "x")), record(event(3, "b", "y"))));

        assertThat(manual.calls()).hasSize(2);
        manual.complete(1);
        assertThat(done).isNotDone();
        manual.complete(0);
        assertThat(done).isCompleted();
    }

    @Test
    void aThrottledTenantsEventsGoUnchangedToTheOverflowTopicWhileTheOthersRun() throws Exception {
        StoredApps.configure(configs, 2, app, 1, "{}");
        StoredApps.configure(configs, 3, app, 1, "{}");
        TenantQuotas quotas = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(60), 2, 100, 100), clock,
                new SimpleMeterRegistry());
        BatchProcessor processor =
                new BatchProcessor(chains, executor, IngestTopics.DEFAULT, BatchLimits.DEFAULT, new Admission.Defer(quotas));

        // Three events in one batch: past the quota of 2 per second, so the next batch of tenant 2 waits.
        processor.process(List.of(record(event(2, "a", "x")), record(event(2, "b", "x")), record(event(2, "c", "x")))).get();
        BatchOutput output = processor.process(List.of(
                record(event(2, "d", "x")), record(event(3, "e", "y")), record(event(9, "f", "z")), record(event(2, "g", "w")))).get();

        assertThat(values(output)).containsExactly(
                "events_plugin_ingestion_overflow 2:x " + event(2, "d", "x"),
                "clickhouse_events_json 3:y " + event(3, "e", "y").replace("}", ",\"seen\":true}") + " team=3",
                "clickhouse_events_json 9:z " + event(9, "f", "z") + " team=9",
                "events_plugin_ingestion_overflow 2:w " + event(2, "g", "w"));
        assertThat(new String(output.records().get(0).headers().lastHeader(BatchProcessor.THROTTLED_HEADER).value(), UTF_8))
                .isEqualTo("events");
        assertThat(output.overflowed()).isEqualTo(2);
        assertThat(quotas.backlog(2)).isEqualTo(2);

        clock.advance(Duration.ofSeconds(5));
        BatchOutput later = processor.process(List.of(record(event(2, "h", "x")))).get();
        assertThat(values(later)).as("within its quota again, but behind its waiting events: it waits too")
                .containsExactly("events_plugin_ingestion_overflow 2:x " + event(2, "h", "x"));
    }

    @Test
    void theOverflowConsumerRunsATenantsEventsOnceItsQuotaHasRoomAndCountsOffTheBacklog() throws Exception {
        StoredApps.configure(configs, 2, app, 1, "{}");
        TenantQuotas quotas = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(60), 1_000, 100, 100),
                java.time.Clock.systemUTC(), new SimpleMeterRegistry());
        quotas.deferred(2, 2, new Throttle("events", Duration.ZERO));
        // 100 ms of debt against a quota of 1,000 events per second.
        quotas.chargeEvents(2, 1_100);
        BatchProcessor processor =
                new BatchProcessor(chains, executor, IngestTopics.DEFAULT, BatchLimits.DEFAULT, new Admission.Wait(quotas));

        long began = System.nanoTime();
        BatchOutput output = processor.process(List.of(record(event(2, "a", "x")), record(event(2, "b", "x")))).get();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("waited for the quota").isGreaterThanOrEqualTo(Duration.ofMillis(90));
        assertThat(values(output)).containsExactly(
                "clickhouse_events_json 2:x " + event(2, "a", "x").replace("}", ",\"seen\":true}") + " team=2",
                "clickhouse_events_json 2:x " + event(2, "b", "x").replace("}", ",\"seen\":true}") + " team=2");
        assertThat(quotas.backlog(2)).isZero();
    }

    @Test
    void aTenantThatHoldsUpTheBatchPastTheDeadlineGoesOnFromTheOverflowTopic() throws Exception {
        FakeChainExecutor manual = new FakeChainExecutor(json -> json.replace("}", ",\"seen\":true}"), true);
        InstalledApp other = StoredApps.install(apps, "other", "{\"name\":\"other\"}", "exports.processEvent = e => e");
        StoredApps.configure(configs, 2, app, 1, "{}");
        StoredApps.configure(configs, 3, other, 1, "{}");
        TenantQuotas quotas = new TenantQuotas(QuotaSettings.DEFAULT, clock, new SimpleMeterRegistry());
        BatchProcessor processor = new BatchProcessor(chains, manual, IngestTopics.DEFAULT, BatchLimits.DEFAULT,
                new Admission.Defer(quotas, Duration.ofMillis(200)));

        CompletableFuture<BatchOutput> done = processor.process(List.of(
                record(event(2, "stuck", "x")), record(event(3, "quick", "y")), record(event(2, "stuck-too", "x"))));
        manual.complete(1); // tenant 3's part; tenant 2's never comes back

        BatchOutput output = done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(values(output)).containsExactly(
                "events_plugin_ingestion_overflow 2:x " + event(2, "stuck", "x"),
                "clickhouse_events_json 3:y " + event(3, "quick", "y").replace("}", ",\"seen\":true}") + " team=3",
                "events_plugin_ingestion_overflow 2:x " + event(2, "stuck-too", "x"));
        assertThat(new String(output.records().get(0).headers().lastHeader(BatchProcessor.THROTTLED_HEADER).value(), UTF_8))
                .isEqualTo("slow");
        assertThat(quotas.backlog(2)).isEqualTo(2);
        assertThat(quotas.throttle(2)).as("its next events queue behind these").isPresent();
    }
}
