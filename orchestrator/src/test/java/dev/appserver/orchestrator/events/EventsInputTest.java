package dev.appserver.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.MutableClock;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventsInputTest {
    private final CaptureEnvelopes envelopes = new CaptureEnvelopes(2, new MutableClock(), UUID::randomUUID);

    @Test
    void readsOneEventPerLineSkippingBlankLines() throws Exception {
        EventsInput.Result result = read("{\"event\":\"a\",\"distinct_id\":\"x\"}\n\n  \n{\"event\":\"b\",\"distinct_id\":\"y\"}\n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.messages()).extracting(TopicMessage::line, TopicMessage::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "2:x"), org.assertj.core.groups.Tuple.tuple(4, "2:y"));
    }

    @Test
    void reportsEveryUnusableLineWithItsNumber() throws Exception {
        EventsInput.Result result = read(String.join("\n",
                "{\"event\":\"fine\"}",
                "{\"event\":",
                "[1, 2]",
                "{\"event\":\"a\"} {\"event\":\"b\"}",
                "{\"distinct_id\":\"no name\"}",
                "{\"event\":\"fine\"}"));

        assertThat(result.problems()).hasSize(4);
        assertThat(result.problems().get(0)).startsWith("line 2: not JSON: ");
        assertThat(result.problems().get(1)).isEqualTo("line 3: not a JSON object");
        assertThat(result.problems().get(2)).startsWith("line 4: not JSON: ");
        assertThat(result.problems().get(3)).startsWith("line 5: the event has no \"event\"");
    }

    private EventsInput.Result read(String text) throws Exception {
        return EventsInput.read(new BufferedReader(new StringReader(text)), envelopes);
    }
}
