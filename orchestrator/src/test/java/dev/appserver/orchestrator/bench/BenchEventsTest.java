package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.events.CaptureEnvelopes;
import dev.appserver.orchestrator.events.TopicMessage;
import dev.appserver.orchestrator.testing.MutableClock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BenchEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong next = new AtomicLong(1);
    private final Supplier<UUID> uuids = () -> new UUID(0x0194d2a000007000L, 0x8000000000000000L | next.getAndIncrement());
    private final CaptureEnvelopes envelopes = new CaptureEnvelopes(1, new MutableClock(), uuids);

    @Test
    void eachEventIsACaptureEnvelopeMarkedWithTheRunAndItsSendTime() throws Exception {
        BenchEvents events = new BenchEvents("run-1", 3, 500, envelopes, uuids);

        TopicMessage message = events.event(4, 987654321L);

        JsonNode envelope = JSON.readTree(message.value());
        JsonNode event = JSON.readTree(envelope.get("data").textValue());
        assertThat(message.key()).isEqualTo("2:person-1");
        assertThat(envelope.get("team_id").asLong()).isEqualTo(2);
        assertThat(envelope.get("uuid").asText()).isEqualTo(event.get("uuid").asText());
        assertThat(event.get("event").asText()).isEqualTo("$pageview");
        assertThat(event.path("properties").get("bench_run").asText()).isEqualTo("run-1");
        assertThat(event.path("properties").get("bench_sent_ns").asLong()).isEqualTo(987654321L);
        assertThat(new OutputMatcher("run-1").match(CaptureMerge.merge(message.value())))
                .isEqualTo(new OutputMatcher.Match(UUID.fromString(envelope.get("uuid").asText()), 987654321L));
    }

    @Test
    void teamsTakeTurnsAndEachHasAThousandPersons() {
        BenchEvents events = new BenchEvents("run-1", 3, 1, envelopes, uuids);
        Set<String> keys = new HashSet<>();

        for (int i = 0; i < 6_000; i++) {
            keys.add(events.event(i, 0).key());
        }

        assertThat(events.event(0, 0).key()).isEqualTo("1:person-0");
        assertThat(events.event(1, 0).key()).isEqualTo("2:person-0");
        assertThat(events.event(3, 0).key()).isEqualTo("1:person-1");
        assertThat(events.event(3 * 1000, 0).key()).isEqualTo("1:person-0");
        assertThat(keys).hasSize(3 * BenchEvents.PERSONS);
    }

    @Test
    void everyEventHasItsOwnUuid() throws Exception {
        BenchEvents events = new BenchEvents("run-1", 2, 1, envelopes, uuids);
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            seen.add(JSON.readTree(events.event(i, i).value()).get("uuid").asText());
        }

        assertThat(seen).hasSize(100);
    }

    @Test
    void paddingBringsMessagesToAboutTheRequestedSize() {
        for (int bytes : new int[] {500, 2_000}) {
            BenchEvents events = new BenchEvents("run-" + bytes, 3, bytes, envelopes, uuids);

            assertThat(events.event(0, 1).value().length()).isBetween(bytes - 30, bytes);
            assertThat(events.event(2, Long.MAX_VALUE).value().length()).isEqualTo(bytes);
        }
    }

    @Test
    void aSizeBelowTheBareEventMeansNoPadding() throws Exception {
        BenchEvents events = new BenchEvents("run-1", 3, 1, envelopes, uuids);

        JsonNode event = JSON.readTree(JSON.readTree(events.event(0, 1).value()).get("data").textValue());

        assertThat(event.path("properties").get("bench_padding").asText()).isEmpty();
    }
}
