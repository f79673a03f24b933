package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {
    private static final String RUN = "run-1";
    private static final String UUID_TEXT = "0194d2a0-0000-7000-8000-000000000001";

    private final OutputMatcher matcher = new OutputMatcher(RUN);

    @Test
    void readsTheUuidAndTheSendTimeOfThisRunsEvents() {
        OutputMatcher.Match match = matcher.match("{\"event\":\"$pageview\",\"uuid\":\"" + UUID_TEXT + "\",\"team_id\":1,"
                + "\"properties\":{\"bench_run\":\"run-1\",\"bench_sent_ns\":-123456789012,\"$plugins_succeeded\":[]}}");

        assertThat(match).isEqualTo(new OutputMatcher.Match(UUID.fromString(UUID_TEXT), -123456789012L));
    }

    @Test
    void ignoresOtherRunsAndOtherTraffic() {
        assertThat(matcher.match(event("\"run-2\"", "1", "\"" + UUID_TEXT + "\""))).isNull();
        assertThat(matcher.match("{\"event\":\"$pageview\",\"uuid\":\"" + UUID_TEXT + "\",\"properties\":{}}")).isNull();
        assertThat(matcher.match("{\"event\":\"$pageview\",\"uuid\":\"" + UUID_TEXT + "\"}")).isNull();
        assertThat(matcher.match("[1,2]")).isNull();
        assertThat(matcher.match("")).isNull();
        assertThat(matcher.match("not json")).isNull();
        assertThat(matcher.match(null)).as("a tombstone").isNull();
    }

    @Test
    void ignoresEventsWhoseMarksAreDamaged() {
        assertThat(matcher.match(event("\"run-1\"", "\"1\"", "\"" + UUID_TEXT + "\""))).as("a textual send time").isNull();
        assertThat(matcher.match(event("\"run-1\"", "1", "\"not-a-uuid\""))).isNull();
        assertThat(matcher.match(event("\"run-1\"", "1", "null"))).isNull();
    }

    private static String event(String run, String sent, String uuid) {
        return "{\"uuid\":" + uuid + ",\"properties\":{\"bench_run\":" + run + ",\"bench_sent_ns\":" + sent + "}}";
    }
}
