package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.events.CaptureEnvelopes;
import dev.appserver.orchestrator.events.InvalidEventException;
import dev.appserver.orchestrator.events.TopicMessage;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The events of one run, as capture envelopes for the input topic ({@link CaptureEnvelopes}, as
 * {@code events send} makes them). Event {@code i} is a {@code $pageview} of team
 * {@code i % teams + 1} by one of {@value #PERSONS} persons per team, so keys spread over
 * partitions as real traffic does; it has a fresh uuid, and its properties carry the run id and
 * the time it was sent, which {@link OutputMatcher} reads back, and padding that brings the
 * message to about the requested size.
 *
 * <p>Thread-safe when the UUID supplier is.
 */
final class BenchEvents {
    static final String RUN_PROPERTY = "bench_run";
    /** The sending process's {@link System#nanoTime}: only the same process can make sense of it. */
    static final String SENT_PROPERTY = "bench_sent_ns";
    static final String PADDING_PROPERTY = "bench_padding";
    static final int PERSONS = 1000;

    private final String runId;
    private final int teams;
    private final CaptureEnvelopes envelopes;
    private final Supplier<UUID> uuids;
    private final String padding;

    /** @param messageBytes about how long each message's value should be; shorter than the bare event means no padding */
    BenchEvents(String runId, int teams, int messageBytes, CaptureEnvelopes envelopes, Supplier<UUID> uuids) {
        if (teams <= 0) {
            throw new IllegalArgumentException("teams must be positive: " + teams);
        }
        this.runId = requireNonNull(runId, "runId is null");
        this.teams = teams;
        this.envelopes = requireNonNull(envelopes, "envelopes is null");
        this.uuids = requireNonNull(uuids, "uuids is null");
        // Measured on the widest event (largest team, 19-digit time); the rest are a few bytes shorter.
        int bare = wrap(teams - 1, Long.MAX_VALUE, new UUID(0, 0), "").value().length();
        this.padding = "x".repeat(Math.max(0, messageBytes - bare));
    }

    /** @return event {@code index} (from 0), stamped as sent at {@code sentNanos} */
    TopicMessage event(int index, long sentNanos) {
        return wrap(index, sentNanos, uuids.get(), padding);
    }

    private TopicMessage wrap(int index, long sentNanos, UUID uuid, String padding) {
        int team = index % teams + 1;
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("event", "$pageview")
                .put("distinct_id", "person-" + index / teams % PERSONS)
                .put("team_id", team)
                .put("uuid", uuid.toString());
        event.putObject("properties")
                .put("$lib", "appserver-bench")
                .put(RUN_PROPERTY, runId)
                .put(SENT_PROPERTY, sentNanos)
                .put(PADDING_PROPERTY, padding);
        try {
            return envelopes.wrap(index + 1, event);
        } catch (InvalidEventException e) {
            throw new IllegalStateException("a bench event is always valid: " + e.getMessage(), e);
        }
    }
}
