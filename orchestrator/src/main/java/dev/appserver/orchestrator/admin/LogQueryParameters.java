package dev.appserver.orchestrator.admin;

import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.store.AppLogQuery;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The query parameters of {@code GET /api/configs/{id}/logs}: {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}), {@code before} (a positive entry id: the
 * {@code next} of the previous page), {@code type} and {@code source} (comma-separated names, or
 * the parameter repeated; any case). Every mistake is a 400 naming the parameter. Stateless.
 */
final class LogQueryParameters {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private LogQueryParameters() {}

    static AppLogQuery parse(Context ctx, long configId) {
        return new AppLogQuery(configId, limit(ctx.queryParam("limit")), before(ctx.queryParam("before")),
                names(ctx.queryParams("type"), "type", AppLogEntry.TYPES),
                names(ctx.queryParams("source"), "source", AppLogEntry.SOURCES));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit > 0 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ", not '" + text + "'");
    }

    private static OptionalLong before(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            long before = Long.parseLong(text);
            if (before > 0) {
                return OptionalLong.of(before);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'before' must be a positive log entry id (the 'next' of the previous page), not '"
                + text + "'");
    }

    private static Set<String> names(List<String> values, String parameter, List<String> known) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                String upper = name.strip().toUpperCase(Locale.ROOT);
                if (!known.contains(upper)) {
                    throw ApiException.badRequest("'" + parameter + "' must be one or more of " + String.join(",", known)
                            + ", comma-separated; '" + name + "' is none of them");
                }
                names.add(upper);
            }
        }
        return names;
    }
}
