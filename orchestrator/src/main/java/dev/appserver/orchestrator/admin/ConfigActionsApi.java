package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogPage;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.StoredAppLogEntry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * {@code /api/configs/{id}/logs} and {@code /api/configs/{id}/jobs/{name}} (runs one of the app's
 * jobs: 202 once the {@link JobTrigger} took it). Thread-safe.
 *
 * <p>Logs are read a page at a time, from the newest entry back: a page holds the newest
 * {@code limit} entries matching {@code type} and {@code source} whose id is smaller than
 * {@code before} (all of them without it), listed oldest first, each with its {@code id}; when older
 * matching entries exist the answer has {@code next}, the {@code before} of the next page
 * ({@link LogQueryParameters}).
 */
final class ConfigActionsApi {
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
        AppLogPage page = logs.query(LogQueryParameters.parse(ctx, config.id()));
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode entries = body.putArray("logs");
        for (StoredAppLogEntry stored : page.entries()) {
            AppLogEntry entry = stored.entry();
            entries.addObject()
                    .put("id", stored.id())
                    .put("timestamp", entry.timestamp().toString())
                    .put("type", entry.type())
                    .put("source", entry.source())
                    .put("message", entry.message());
        }
        page.next().ifPresent(next -> body.put("next", next));
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
}
