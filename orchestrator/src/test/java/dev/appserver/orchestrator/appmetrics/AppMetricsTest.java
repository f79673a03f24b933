package dev.appserver.orchestrator.appmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.pool.EventOutcome;
import dev.appserver.orchestrator.testing.MutableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AppMetricsTest {
    private static final byte[] EVENT = "{}".getBytes();

    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AppMetrics metrics = new AppMetrics(registry, clock);

    @Test
    void countsWhatEachAppConfigOfAChainDidWithEachEvent() {
        ProcessEventTally tally = new ProcessEventTally();
        // Chain 1 -> 2 -> 3: kept by all; 2 failed; dropped by 2 (3 never saw it).
        tally.add(new EventOutcome(EVENT, List.of(), List.of(1L, 2L, 3L), OptionalLong.empty()));
        tally.add(new EventOutcome(EVENT, List.of(2L), List.of(1L, 3L), OptionalLong.empty()));
        tally.add(new EventOutcome(null, List.of(), List.of(1L), OptionalLong.of(2L)));

        metrics.add(tally);

        assertThat(values(1)).containsExactly(3L, 0L, 0L);
        assertThat(values(2)).containsExactly(1L, 1L, 1L);
        assertThat(values(3)).containsExactly(2L, 0L, 0L);
        assertThat(total("processEvent", "processed")).isEqualTo(6);
        assertThat(total("processEvent", "dropped")).isEqualTo(1);
        assertThat(total("processEvent", "failed")).isEqualTo(1);
    }

    @Test
    void countsCallsOfEveryOtherKindPerAppConfig() {
        metrics.onEvent(5, 10);
        metrics.exported(5, 8);
        metrics.exportRetried(5, 2);
        metrics.exportRetried(5, 2);
        metrics.exportDeadLettered(5, 2);
        metrics.taskRan(5, true);
        metrics.taskRan(5, false);
        metrics.jobRan(5, true);
        metrics.jobRan(6, false);

        AppConfigCounts counts = metrics.counts(5);

        assertThat(counts.get(AppCounter.ON_EVENT)).isEqualTo(10);
        assertThat(counts.get(AppCounter.EXPORTED)).isEqualTo(8);
        assertThat(counts.get(AppCounter.EXPORT_RETRIED)).isEqualTo(4);
        assertThat(counts.get(AppCounter.EXPORT_DLQ)).isEqualTo(2);
        assertThat(counts.taskRuns()).isEqualTo(2);
        assertThat(counts.get(AppCounter.TASK_FAILED)).isEqualTo(1);
        assertThat(counts.jobRuns()).isEqualTo(1);
        assertThat(counts.get(AppCounter.JOB_FAILED)).isZero();
        assertThat(metrics.counts(6).jobRuns()).isEqualTo(1);
        assertThat(total("job", "failed")).isEqualTo(1);
        assertThat(counts.since()).isEqualTo(clock.instant());
    }

    @Test
    void anAppConfigNothingWasCountedForHasZeros() {
        metrics.onEvent(1, 3);

        assertThat(metrics.counts(2).values()).hasSize(AppCounter.values().length).containsOnlyKeys(AppCounter.values())
                .allSatisfy((counter, value) -> assertThat(value).isZero());
        metrics.forget(1);
        assertThat(metrics.counts(1).get(AppCounter.ON_EVENT)).isZero();
        assertThat(total("onEvent", "handed")).as("the totals keep what a forgotten config did").isEqualTo(3);
    }

    @Test
    void prometheusSeriesAreFixedWhateverTheNumberOfAppConfigs() {
        for (long configId = 1; configId <= 1_000; configId++) {
            metrics.onEvent(configId, 1);
            metrics.taskRan(configId, configId % 2 == 0);
        }

        List<Meter> meters = registry.find("appserver.app.outcomes").meters().stream().toList();
        assertThat(meters).hasSize(AppCounter.values().length);
        assertThat(meters).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .extracting(tag -> tag.getKey()).containsExactlyInAnyOrder("kind", "outcome"));
        assertThat(total("onEvent", "handed")).isEqualTo(1_000);
    }

    @Test
    void countsNeverGoDown() {
        assertThatThrownBy(() -> metrics.exported(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<Long> values(long configId) {
        AppConfigCounts counts = metrics.counts(configId);
        return List.of(counts.get(AppCounter.PROCESSED), counts.get(AppCounter.DROPPED), counts.get(AppCounter.FAILED));
    }

    private double total(String kind, String outcome) {
        return registry.get("appserver.app.outcomes").tag("kind", kind).tag("outcome", outcome).counter().count();
    }
}
