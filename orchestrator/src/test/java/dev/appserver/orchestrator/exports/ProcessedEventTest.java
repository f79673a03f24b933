package dev.appserver.orchestrator.exports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.ingest.IngestTopics;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ProcessedEventTest {
    private static RecordHeaders headers(String team) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("other", "x".getBytes(UTF_8)));
        if (team != null) {
            headers.add(new RecordHeader(IngestTopics.TEAM_ID_HEADER, team.getBytes(UTF_8)));
        }
        return headers;
    }

    @Test
    void theTeamComesFromTheHeaderIngestionWrites() {
        assertThat(ProcessedEvent.teamOf(headers("42"))).isEqualTo(42L);
    }

    @Test
    void aRecordWithoutAUsableHeaderHasNoTeamThatWay() {
        assertThat(ProcessedEvent.teamOf(headers(null))).isNull();
        assertThat(ProcessedEvent.teamOf(headers("forty-two"))).isNull();
        assertThat(ProcessedEvent.teamOf(headers(""))).isNull();
    }

    @Test
    void theEventItselfIsReadForItsTeamAndName() {
        ProcessedEvent event = ProcessedEvent.read("{\"event\":\"e\",\"team_id\":7}".getBytes(UTF_8));

        assertThat(event.teamId()).isEqualTo(7L);
        assertThat(event.name()).isEqualTo("e");
        assertThat(ProcessedEvent.read("{\"event\":\"e\"}".getBytes(UTF_8))).isNull();
        assertThat(ProcessedEvent.read("not json".getBytes(UTF_8))).isNull();
    }
}
