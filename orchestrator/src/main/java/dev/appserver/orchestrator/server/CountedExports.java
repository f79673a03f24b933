package dev.appserver.orchestrator.server;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.exports.ExportListener;
import dev.appserver.orchestrator.pool.InstanceSpec;

/** Counts what the async handlers did in each app config's counters. Thread-safe. */
final class CountedExports implements ExportListener {
    private final AppMetrics metrics;

    CountedExports(AppMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void exported(InstanceSpec spec, int events) {
        metrics.exported(spec.configId(), events);
    }

    @Override
    public void retried(InstanceSpec spec, int events) {
        metrics.exportRetried(spec.configId(), events);
    }

    @Override
    public void deadLettered(InstanceSpec spec, int events) {
        metrics.exportDeadLettered(spec.configId(), events);
    }

    @Override
    public void onEvents(InstanceSpec spec, int events, int failures) {
        metrics.onEvent(spec.configId(), events);
    }
}
