package dev.appserver.orchestrator.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvelopeDecoderTest {
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();

    private Decoded decode(String message) {
        return decoder.decode(message.getBytes(UTF_8));
    }

    private static InputEvent event(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Event.class);
        return ((Decoded.Event) decoded).event();
    }

    private static String reason(Decoded decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) decoded).reason();
    }

    @Test
    void envelopeFieldsAreLaidOverTheDataLikePostHogDoes() {
        String data = "{\\\"event\\\":\\\"$pageview\\\",\\\"distinct_id\\\":\\\"inner\\\",\\\"properties\\\":{\\\"a\\\":1.50}}";
        InputEvent event = event(decode("{\"uuid\":\"u1\",\"distinct_id\":\"d1\",\"ip\":null,\"site_url\":\"https://x\","
                + "\"team_id\":7,\"now\":\"2026-01-01T00:00:00Z\",\"sent_at\":null,\"token\":\"tok\",\"data\":\"" + data + "\"}"));

        assertThat(event.teamId()).isEqualTo(7);
        assertThat(event.distinctId()).isEqualTo("d1");
        assertThat(event.key()).isEqualTo("7:d1");
        // Data's keys first (the envelope's value in place), then the envelope's other keys; 1.50 keeps its text.
        assertThat(new String(event.json(), UTF_8)).isEqualTo("{\"event\":\"$pageview\",\"distinct_id\":\"d1\","
                + "\"properties\":{\"a\":1.50},\"uuid\":\"u1\",\"ip\":null,\"site_url\":\"https://x\",\"team_id\":7,"
                + "\"now\":\"2026-01-01T00:00:00Z\",\"sent_at\":null,\"token\":\"tok\"}");
    }

    @Test
    void aPlainEventPassesAsItsOriginalBytes() {
        byte[] message = "{\"event\":\"e\",\"team_id\":2,\"distinct_id\":42,\"properties\":{\"n\":1e3}}".getBytes(UTF_8);

        InputEvent event = event(decoder.decode(message));

        assertThat(event.json()).isSameAs(message);
        assertThat(event.key()).isEqualTo("2:42");
    }

    @Test
    void anEventWithoutDistinctIdIsKeyedByTeamAlone() {
        assertThat(event(decode("{\"event\":\"e\",\"team_id\":2}")).key()).isEqualTo("2:");
    }

    @Test
    void messagesThatAreNotEventsAreRejectedWithAReason() {
        assertThat(reason(decoder.decode(new byte[0]))).isEqualTo("empty message");
        assertThat(reason(decode("not json"))).startsWith("not JSON");
        assertThat(reason(decode("{\"event\":\"e\",\"team_id\":2} trailing"))).startsWith("not JSON");
        assertThat(reason(decode("[1,2]"))).isEqualTo("not a JSON object");
        assertThat(reason(decode("{\"event\":\"e\"}"))).isEqualTo("no team_id");
        assertThat(reason(decode("{\"event\":\"e\",\"team_id\":null}"))).isEqualTo("no team_id");
        assertThat(reason(decode("{\"event\":\"e\",\"team_id\":\"2\"}"))).isEqualTo("team_id is not an integer: \"2\"");
        assertThat(reason(decode("{\"event\":\"e\",\"team_id\":2.5}"))).isEqualTo("team_id is not an integer: 2.5");
        assertThat(reason(decode("{\"team_id\":2}"))).isEqualTo("no event name");
        assertThat(reason(decode("{\"team_id\":2,\"event\":\"\"}"))).isEqualTo("no event name");
        assertThat(reason(decode("{\"team_id\":2,\"data\":{}}"))).contains("not a string");
        assertThat(reason(decode("{\"team_id\":2,\"data\":\"{oops\"}"))).startsWith("the envelope's data is not JSON");
        assertThat(reason(decode("{\"team_id\":2,\"data\":\"[]\"}"))).isEqualTo("the envelope's data is not a JSON object");
    }

    @Test
    void theTeamMayComeFromTheDataAlone() {
        InputEvent event = event(decode("{\"uuid\":\"u\",\"data\":\"{\\\"event\\\":\\\"e\\\",\\\"team_id\\\":3}\"}"));

        assertThat(event.teamId()).isEqualTo(3);
    }
}
