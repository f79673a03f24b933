package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogRepository;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * {@code /api/configs/{id}/logs} (the newest log entries, oldest first; {@code ?limit=N}, at most
 * {@value #MAX_LOG_LIMIT}) and {@code /api/configs/{id}/jobs/{name}} (runs one of the app's jobs:
 * 202 once the {@link JobTrigger} took it). Thread-safe.
 */
final class ConfigActionsApi {
    static final int DEFAULT_LOG_LIMIT = 100;
    static final int MAX_LOG_LIMIT = 1000;
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,199}");

    private final AppConfigRepository configs;
    private final AppLogRepository logs;
    private final JobTrigger jobs;

    ConfigActionsApi(AppConfigRepository configs, AppLogRepository logs, JobTrigger jobs) {
        this.configs = requireNonNull(configs, "configs is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    void register(RoutesConfig routes) {
        routes.get("/api/configs/{id}/logs", this::logs);
        routes.post("/api/configs/{id}/jobs/{name}", this::runJob);
    }

    private void logs(Context ctx) {
        AppConfig config = existing(ctx);
        int limit = limit(ctx.queryParam("limit"));
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode entries = body.putArray("logs");
        for (AppLogEntry entry : logs.recent(config.id(), limit)) {
            entries.addObject()
                    .put("timestamp", entry.timestamp().toString())
                    .put("type", entry.type())
                    .put("source", entry.source())
                    .put("message", entry.message());
        }
        Json.send(ctx, 200, body);
    }

    private void runJob(Context ctx) {
        AppConfig config = existing(ctx);
        String name = ctx.pathParam("name");
        if (!JOB_NAME.matcher(name).matches()) {
            throw ApiException.badRequest("'" + name + "' is not a job name: jobs are named like JavaScript identifiers");
        }
        ObjectNode payload = ctx.bodyAsBytes().length == 0 ? Json.NODES.objectNode() : Json.readObject(ctx);
        if (!config.enabled()) {
            throw ApiException.conflict("app config " + config.id() + " is disabled: enable it to run its jobs");
        }
        jobs.trigger(config, name, payload);
        Json.send(ctx, 202, Json.NODES.objectNode().put("config_id", config.id()).put("job", name).put("status", "queued"));
    }

    private AppConfig existing(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app config id");
        return configs.get(id).orElseThrow(() -> ApiException.notFound("no app config with id " + id));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LOG_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit > 0 && limit <= MAX_LOG_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'limit' must be an integer from 1 to " + MAX_LOG_LIMIT + ", not '" + text + "'");
    }
}
