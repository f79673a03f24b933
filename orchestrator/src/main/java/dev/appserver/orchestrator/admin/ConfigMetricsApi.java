package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.appmetrics.AppConfigCounts;
import dev.appserver.orchestrator.appmetrics.AppCounter;
import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.store.AppConfigRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/configs/{id}/metrics}: the app config's counters on this orchestrator since
 * {@code since} ({@link AppMetrics}): {@code processed}, {@code dropped}, {@code failed} (events
 * its {@code processEvent} returned, dropped, failed on), {@code on_event} (events handed to
 * {@code onEvent}), {@code exported}, {@code export_retried}, {@code export_dlq} (events),
 * {@code task_runs}, {@code task_failures}, {@code job_runs}, {@code job_failures} (runs, failed
 * ones included in the runs). A cluster's figures are the sum over its orchestrators. 404 for an
 * unknown app config. Thread-safe.
 */
final class ConfigMetricsApi {
    private final AppConfigRepository configs;
    private final AppMetrics metrics;

    ConfigMetricsApi(AppConfigRepository configs, AppMetrics metrics) {
        this.configs = requireNonNull(configs, "configs is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    void register(RoutesConfig routes) {
        routes.get("/api/configs/{id}/metrics", this::metrics);
    }

    private void metrics(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app config id");
        if (configs.get(id).isEmpty()) {
            throw ApiException.notFound("no app config with id " + id);
        }
        AppConfigCounts counts = metrics.counts(id);
        ObjectNode body = Json.NODES.objectNode()
                .put("config_id", id)
                .put("since", counts.since().toString())
                .put("processed", counts.get(AppCounter.PROCESSED))
                .put("dropped", counts.get(AppCounter.DROPPED))
                .put("failed", counts.get(AppCounter.FAILED))
                .put("on_event", counts.get(AppCounter.ON_EVENT))
                .put("exported", counts.get(AppCounter.EXPORTED))
                .put("export_retried", counts.get(AppCounter.EXPORT_RETRIED))
                .put("export_dlq", counts.get(AppCounter.EXPORT_DLQ))
                .put("task_runs", counts.taskRuns())
                .put("task_failures", counts.get(AppCounter.TASK_FAILED))
                .put("job_runs", counts.jobRuns())
                .put("job_failures", counts.get(AppCounter.JOB_FAILED));
        Json.send(ctx, 200, body);
    }
}
