package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Ingestion's counters and batch latency, for {@code /metrics}. Labels are fixed (no tenant or
 * app label), so the series stay bounded however many tenants there are; what each app config's
 * {@code processEvent} did goes to {@link AppMetrics}. Thread-safe.
 */
public final class IngestMetrics {
    private final Counter consumed;
    private final Counter produced;
    private final Counter dropped;
    private final Counter failed;
    private final Counter deadLettered;
    private final Counter captured;
    private final Counter rewound;
    private final Timer batches;
    private final AppMetrics apps;

    public IngestMetrics(MeterRegistry registry, AppMetrics apps) {
        this.apps = requireNonNull(apps, "apps is null");
        consumed = Counter.builder("appserver.events.consumed").description("input messages consumed").register(registry);
        produced = Counter.builder("appserver.events.produced").description("processed events produced").register(registry);
        dropped = Counter.builder("appserver.events.dropped").description("events a chain dropped").register(registry);
        failed = Counter.builder("appserver.events.failed")
                .description("events on which at least one app failed (the event went on without it)").register(registry);
        deadLettered = Counter.builder("appserver.events.dlq")
                .description("input messages sent to the dead-letter topic").register(registry);
        captured = Counter.builder("appserver.events.captured")
                .description("events apps captured, produced to the input topic").register(registry);
        rewound = Counter.builder("appserver.batches.rewound")
                .description("batches given back to be consumed again (delivery failed, rebalance, shutdown)")
                .register(registry);
        batches = Timer.builder("appserver.batch.latency")
                .description("time from a batch's first message to its outputs acknowledged (exactly-once: committed with its offsets)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void consumed(int count) {
        consumed.increment(count);
    }

    /** Counts a delivered batch's outcomes. */
    void delivered(BatchOutput output) {
        produced.increment(output.records().size() - output.deadLettered() - output.overflowed());
        dropped.increment(output.dropped());
        failed.increment(output.failed());
        deadLettered.increment(output.deadLettered());
        apps.add(output.appOutcomes());
    }

    void captured(int count) {
        captured.increment(count);
    }

    void rewound() {
        rewound.increment();
    }

    void batch(Duration latency) {
        batches.record(latency);
    }
}
