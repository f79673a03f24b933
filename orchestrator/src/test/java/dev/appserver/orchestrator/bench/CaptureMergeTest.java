package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureMergeTest {
    @Test
    void laysTheEnvelopesFieldsOverTheEventInItsData() {
        String envelope = "{\"uuid\":\"u-envelope\",\"distinct_id\":\"d\",\"ip\":null,\"team_id\":2,"
                + "\"data\":\"{\\\"event\\\":\\\"e\\\",\\\"uuid\\\":\\\"u-event\\\",\\\"properties\\\":{\\\"a\\\":1}}\"}";

        assertThat(CaptureMerge.merge(envelope)).isEqualTo(
                "{\"event\":\"e\",\"uuid\":\"u-envelope\",\"properties\":{\"a\":1},\"distinct_id\":\"d\",\"ip\":null,\"team_id\":2}");
    }

    @Test
    void writesAnythingElseAsItCame() {
        for (String message : new String[] {
                "{\"event\":\"plain\",\"team_id\":2}",
                "{\"data\":42}",
                "{\"data\":\"not json\"}",
                "{\"data\":\"[1]\"}",
                "[1]",
                "not json"}) {
            assertThat(CaptureMerge.merge(message)).isEqualTo(message);
        }
        assertThat(CaptureMerge.merge(null)).as("a tombstone").isNull();
    }
}
