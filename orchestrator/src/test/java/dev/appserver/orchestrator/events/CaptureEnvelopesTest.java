package dev.appserver.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaptureEnvelopesTest {
    private static final String NEW_UUID = "0194d2a0-0000-7000-8000-000000000001";

    private final CaptureEnvelopes envelopes = new CaptureEnvelopes(2, new MutableClock(), () -> UUID.fromString(NEW_UUID));

    @Test
    void wrapsAnEventInPostHogsCaptureEnvelope() throws Exception {
        String event = "{\"event\":\"$pageview\",\"distinct_id\":\"user-1\",\"team_id\":7,"
                + "\"uuid\":\"0190c8e2-7c1a-7d4e-9b5f-3a2b1c0d9e8f\",\"properties\":{\"$ip\":\"203.0.113.9\",\"price\":1.10},"
                + "\"timestamp\":\"2025-12-31T23:59:59Z\",\"api_key\":\"phc_abc\"}";

        TopicMessage message = envelopes.wrap(4, parse(event));

        assertThat(message.line()).isEqualTo(4);
        assertThat(message.key()).isEqualTo("7:user-1");
        assertThat(message.value()).isEqualTo("{\"uuid\":\"0190c8e2-7c1a-7d4e-9b5f-3a2b1c0d9e8f\",\"distinct_id\":\"user-1\","
                + "\"ip\":\"203.0.113.9\",\"site_url\":null,\"team_id\":7,\"now\":\"2026-01-01T00:00:00Z\","
                + "\"sent_at\":\"2026-01-01T00:00:00Z\",\"token\":\"phc_abc\",\"data\":" + quoted(event) + "}");
    }

    @Test
    void completesAnEventAfterItsOwnFields() throws Exception {
        TopicMessage message = envelopes.wrap(1, parse("{\"event\":\"signup\",\"properties\":{\"n\":1.10,\"big\":12345678901234567890}}"));

        JsonNode envelope = parse(message.value());
        assertThat(envelope.get("data").asText()).isEqualTo(
                "{\"event\":\"signup\",\"properties\":{\"n\":1.10,\"big\":12345678901234567890},\"team_id\":2,\"uuid\":\"" + NEW_UUID + "\",\"distinct_id\":\"" + NEW_UUID + "\"}");
        assertThat(envelope.get("uuid").asText()).isEqualTo(NEW_UUID);
        assertThat(envelope.get("distinct_id").asText()).isEqualTo(NEW_UUID);
        assertThat(envelope.get("team_id").asLong()).isEqualTo(2);
        assertThat(envelope.get("ip").isNull()).isTrue();
        assertThat(envelope.get("token").isNull()).isTrue();
        assertThat(message.key()).isEqualTo("2:" + NEW_UUID);
    }

    @Test
    void anIntegerDistinctIdIsKeyedAsTextAndKeptAsANumberInTheEvent() throws Exception {
        TopicMessage message = envelopes.wrap(1, parse("{\"event\":\"e\",\"distinct_id\":42,\"token\":\"t\"}"));

        assertThat(message.key()).isEqualTo("2:42");
        assertThat(parse(message.value()).get("distinct_id").asText()).isEqualTo("42");
        assertThat(parse(message.value()).get("data").asText()).contains("\"distinct_id\":42");
        assertThat(parse(message.value()).get("token").asText()).isEqualTo("t");
    }

    @Test
    void envelopeFieldsComeInTheDocumentedOrder() throws Exception {
        List<String> fields = new ArrayList<>();
        parse(envelopes.wrap(1, parse("{\"event\":\"e\"}")).value()).fieldNames().forEachRemaining(fields::add);

        assertThat(fields).containsExactly("uuid", "distinct_id", "ip", "site_url", "team_id", "now", "sent_at", "token", "data");
    }

    @Test
    void refusesEventsThePipelineCouldNotUse() {
        assertRefused("{\"distinct_id\":\"u\"}", "the event has no \"event\"");
        assertRefused("{\"event\":\"\"}", "\"event\" must be a non-empty string, not \"\"");
        assertRefused("{\"event\":7}", "\"event\" must be a non-empty string, not 7");
        assertRefused("{\"event\":\"e\",\"team_id\":\"2\"}", "\"team_id\" must be a positive integer, not \"2\"");
        assertRefused("{\"event\":\"e\",\"team_id\":0}", "\"team_id\" must be a positive integer, not 0");
        assertRefused("{\"event\":\"e\",\"team_id\":2.5}", "\"team_id\" must be a positive integer, not 2.5");
        assertRefused("{\"event\":\"e\",\"distinct_id\":{\"id\":1}}", "\"distinct_id\" must be a non-empty string or an integer");
        assertRefused("{\"event\":\"e\",\"distinct_id\":\" \"}", "\"distinct_id\" must be a non-empty string or an integer");
        assertRefused("{\"event\":\"e\",\"uuid\":\"1-1-1-1-1\"}", "\"uuid\" must be a UUID");
    }

    private void assertRefused(String event, String reason) {
        assertThatThrownBy(() -> envelopes.wrap(1, parse(event))).as(event)
                .isInstanceOf(InvalidEventException.class).hasMessageStartingWith(reason);
    }

    private static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) CaptureEnvelopes.EXACT.readTree(json);
    }

    private static String quoted(String text) throws Exception {
        return CaptureEnvelopes.EXACT.writeValueAsString(text);
    }
}
