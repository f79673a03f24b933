package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command does before it talks to Kafka; runs are {@code BenchCommandIT}'s. */
class BenchCommandTest {
    /** No broker listens here: a command that tried to run would fail with exit status 1, not 2. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    private final BenchUsageErrors usage = new BenchUsageErrors(List.of("bench", "--kafka", NO_KAFKA), "appserver bench");

    @Test
    void unusableOptionsAreUsageErrors() {
        usage.assertUsageError("--events must be a positive integer: 0", "--events", "0");
        usage.assertUsageError("--rate must be a positive number of events per second: -5.0", "--rate", "-5");
        usage.assertUsageError("--rate must be a positive number of events per second: NaN", "--rate", "NaN");
        usage.assertUsageError("--teams must be a positive integer: 0", "--teams", "0");
        usage.assertUsageError("--event-bytes must be a positive integer: -1", "--event-bytes", "-1");
        usage.assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
    }

    @Test
    void aMalformedKafkaAddressIsAUsageError() {
        CommandRun run = CommandRun.of("bench", "--kafka", "not-an-address");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("appserver bench: --kafka not-an-address: ");
    }

    @Test
    void theHelpNamesEveryOption() {
        CommandRun run = CommandRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--kafka", "--events", "--rate", "--teams", "--event-bytes", "--timeout",
                "--passthrough", "--input-topic", "--output-topic", "--json");
    }
}
