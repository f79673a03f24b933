package dev.appserver.orchestrator.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error": "..."}}: refusals keep their status and message,
 * anything unexpected is a 500 {@code internal error} whose detail goes to the server log only.
 */
final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    static void register(RoutesConfig routes, long maxRequestBytes) {
        routes.exception(ApiException.class, (e, ctx) -> Json.sendError(ctx, e.status(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> javalinRefusal(e, ctx, maxRequestBytes));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("admin API: {} {} failed", ctx.method(), ctx.path(), e);
            Json.sendError(ctx, 500, "internal error");
        });
    }

    /** Javalin's own refusals: no route (404), wrong method (405), body too large (413). */
    private static void javalinRefusal(HttpResponseException e, Context ctx, long maxRequestBytes) {
        String request = ctx.method().name() + " " + ctx.path();
        switch (e.getStatus()) {
            case 404 -> Json.sendError(ctx, 404, "no such endpoint: " + request);
            case 405 -> {
                String allowed = e.getDetails().getOrDefault("availableMethods", "");
                ctx.header("Allow", allowed);
                Json.sendError(ctx, 405, "method not allowed: " + request + " (allowed: " + allowed + ")");
            }
            case 413 -> Json.sendError(ctx, 413, "request body larger than " + maxRequestBytes + " bytes");
            default -> Json.sendError(ctx, e.getStatus(), e.getMessage());
        }
    }
}
