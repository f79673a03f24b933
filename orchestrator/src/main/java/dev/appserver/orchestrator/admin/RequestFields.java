package dev.appserver.orchestrator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** Typed fields of a JSON request body and path parameters; every mistake is a 400 naming the field. */
final class RequestFields {
    private RequestFields() {}

    static void requireOnly(ObjectNode body, Set<String> allowed) {
        for (String name : (Iterable<String>) body::fieldNames) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    static long requiredId(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest("'" + name + "' is required");
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw ApiException.badRequest("'" + name + "' must be a positive integer");
        }
        return value.longValue();
    }

    static Optional<Boolean> optionalBoolean(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + name + "' must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    static Optional<Integer> optionalInt(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw ApiException.badRequest("'" + name + "' must be an integer");
        }
        return Optional.of(value.intValue());
    }

    static Optional<ObjectNode> optionalObject(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw ApiException.badRequest("'" + name + "' must be a JSON object");
        }
        return Optional.of((ObjectNode) value);
    }

    /** A positive integer path parameter, e.g. the {@code id} of {@code /api/configs/{id}}. */
    static long pathId(Context ctx, String name, String what) {
        String text = ctx.pathParam(name);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(what + " must be a positive integer, not '" + text + "'");
    }
}
