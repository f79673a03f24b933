package dev.appserver.orchestrator.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the command does before it talks to Kafka; sending is {@code SendEventsIT}'s. */
class SendEventsCommandTest {
    /** No broker listens here: a command that tried to send would fail with exit status 1, not 2. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    @TempDir
    Path temp;

    @Test
    void unusableLinesAreReportedAndNothingIsSent() throws Exception {
        Path events = Files.writeString(temp.resolve("events.jsonl"), "{\"event\":\"ok\"}\nnot json\n{\"event\":\"ok\",\"team_id\":-1}\n");

        CommandRun run = CommandRun.of("events", "send", events.toString(), "--kafka", NO_KAFKA);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(3).satisfiesExactly(
                line -> assertThat(line).startsWith("appserver events send: " + events + " line 2: not JSON: "),
                line -> assertThat(line).isEqualTo("appserver events send: " + events
                        + " line 3: \"team_id\" must be a positive integer, not -1"),
                line -> assertThat(line).isEqualTo("appserver events send: nothing was sent: 2 lines are unusable"));
    }

    @Test
    void aMissingFileIsAUsageError() {
        CommandRun run = CommandRun.of("events", "send", temp.resolve("missing.jsonl").toString(), "--kafka", NO_KAFKA);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("appserver events send: cannot read ").contains("missing.jsonl");
    }

    @Test
    void theDefaultTeamMustBePositive() {
        CommandRun run = CommandRun.of("events", "send", "-", "--team-id", "0", "--kafka", NO_KAFKA);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("appserver events send: --team-id must be a positive integer: 0\n");
    }

    @Test
    void withoutASubcommandPrintsTheUsage() {
        CommandRun run = CommandRun.of("events");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("send");
    }

    @Test
    void aMalformedKafkaAddressIsAUsageError() throws Exception {
        Path events = Files.writeString(temp.resolve("events.jsonl"), "{\"event\":\"ok\"}\n");

        CommandRun run = CommandRun.of("events", "send", events.toString(), "--kafka", "not-an-address");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("appserver events send: --kafka not-an-address: ");
    }
}
