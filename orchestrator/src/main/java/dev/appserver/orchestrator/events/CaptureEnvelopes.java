package dev.appserver.orchestrator.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Completes an event and wraps it in PostHog's capture envelope
 * {@code {uuid, distinct_id, ip, site_url, team_id, now, sent_at, token, data}}, {@code data} being
 * the event's JSON as a string, keyed {@code team_id:distinct_id} (DESIGN.md, Kafka topics).
 *
 * <p>The event needs a non-empty string {@code event}. Where it lacks them it gets, appended after
 * its own fields: {@code team_id} (the default), {@code uuid} (a new version 7 UUID) and
 * {@code distinct_id} (the event's uuid: each such event is its own person). The envelope's
 * {@code ip} is {@code properties.$ip} and {@code token} the event's {@code token}, {@code api_key}
 * or {@code properties.token}, each null when absent; {@code site_url} is null (no site sent it);
 * {@code now} and {@code sent_at} are both the time of wrapping, so PostHog's clock-skew correction
 * leaves the event's own {@code timestamp} as it is. Numbers and key order in {@code data} are kept.
 *
 * <p>Used by {@code events send} and by {@code bench}, which builds its events itself. Thread-safe
 * when the UUID supplier is.
 */
public final class CaptureEnvelopes {
    /** Reads one event per line, keeping every number exactly as written. */
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final long defaultTeamId;
    private final Clock clock;
    private final Supplier<UUID> uuids;

    public CaptureEnvelopes(long defaultTeamId, Clock clock, Supplier<UUID> uuids) {
        if (defaultTeamId <= 0) {
            throw new IllegalArgumentException("defaultTeamId must be positive: " + defaultTeamId);
        }
        this.defaultTeamId = defaultTeamId;
        this.clock = requireNonNull(clock, "clock is null");
        this.uuids = requireNonNull(uuids, "uuids is null");
    }

    /** Checks and completes {@code event} (in place), then wraps it. */
    public TopicMessage wrap(int line, ObjectNode event) throws InvalidEventException {
        requireEventName(event);
        long teamId = teamId(event);
        String givenDistinctId = distinctId(event);
        String uuid = uuid(event);
        if (isAbsent(event.get("team_id"))) {
            event.put("team_id", teamId);
        }
        if (isAbsent(event.get("uuid"))) {
            event.put("uuid", uuid);
        }
        String distinctId = givenDistinctId == null ? uuid : givenDistinctId;
        if (givenDistinctId == null) {
            event.put("distinct_id", distinctId);
        }
        String now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode envelope = EXACT.createObjectNode()
                .put("uuid", uuid)
                .put("distinct_id", distinctId)
                .put("ip", text(event.path("properties").get("$ip")))
                .put("site_url", (String) null)
                .put("team_id", teamId)
                .put("now", now)
                .put("sent_at", now)
                .put("token", token(event))
                .put("data", json(event));
        return new TopicMessage(line, teamId + ":" + distinctId, json(envelope));
    }

    private static void requireEventName(ObjectNode event) throws InvalidEventException {
        JsonNode name = event.get("event");
        if (isAbsent(name)) {
            throw new InvalidEventException("the event has no \"event\" (its name, e.g. \"$pageview\")");
        }
        if (!name.isTextual() || name.asText().isEmpty()) {
            throw new InvalidEventException("\"event\" must be a non-empty string, not " + name);
        }
    }

    private long teamId(ObjectNode event) throws InvalidEventException {
        JsonNode team = event.get("team_id");
        if (isAbsent(team)) {
            return defaultTeamId;
        }
        if (!team.isIntegralNumber() || !team.canConvertToLong() || team.longValue() <= 0) {
            throw new InvalidEventException("\"team_id\" must be a positive integer, not " + team);
        }
        return team.longValue();
    }

    /** @return the given distinct id as text, or null when there is none */
    private static String distinctId(ObjectNode event) throws InvalidEventException {
        JsonNode distinctId = event.get("distinct_id");
        if (isAbsent(distinctId)) {
            return null;
        }
        if (!distinctId.isTextual() && !distinctId.isIntegralNumber() || distinctId.asText().isBlank()) {
            throw new InvalidEventException("\"distinct_id\" must be a non-empty string or an integer, not " + distinctId);
        }
        return distinctId.asText();
    }

    private String uuid(ObjectNode event) throws InvalidEventException {
        JsonNode uuid = event.get("uuid");
        if (isAbsent(uuid)) {
            return uuids.get().toString();
        }
        if (!uuid.isTextual() || !CANONICAL_UUID.matcher(uuid.asText()).matches()) {
            throw new InvalidEventException("\"uuid\" must be a UUID like \"0190c8e2-7c1a-7d4e-9b5f-3a2b1c0d9e8f\", not " + uuid);
        }
        return uuid.asText();
    }

    private static String token(ObjectNode event) {
        for (JsonNode candidate : new JsonNode[] {event.get("token"), event.get("api_key"), event.path("properties").get("token")}) {
            String token = text(candidate);
            if (token != null) {
                return token;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String json(JsonNode node) {
        try {
            return EXACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
    }
}
