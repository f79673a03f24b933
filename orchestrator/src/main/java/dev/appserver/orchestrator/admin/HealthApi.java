package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * {@code /_health} (the process answers), {@code /_ready} (200 once every component is ready,
 * else 503 naming those that are not) and {@code /metrics} (Prometheus text format). Thread-safe.
 */
final class HealthApi {
    private final Readiness readiness;
    private final PrometheusMeterRegistry registry;

    HealthApi(Readiness readiness, PrometheusMeterRegistry registry) {
        this.readiness = requireNonNull(readiness, "readiness is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    void register(RoutesConfig routes) {
        routes.get("/_health", ctx -> Json.send(ctx, 200, Json.NODES.objectNode().put("status", "ok")));
        routes.get("/_ready", this::ready);
        routes.get("/metrics", this::metrics);
    }

    private void ready(Context ctx) {
        List<String> notReady = List.copyOf(readiness.notReady());
        if (notReady.isEmpty()) {
            Json.send(ctx, 200, Json.NODES.objectNode().put("status", "ready"));
            return;
        }
        var body = Json.NODES.objectNode().put("error", "not ready: " + String.join(", ", notReady));
        notReady.forEach(body.putArray("not_ready")::add);
        Json.send(ctx, 503, body);
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
