package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** What the command does before it talks to Kafka; runs are {@code BenchCommandIT}'s. */
class BenchCommandTest {
    /** No broker listens here: a command that tried to run would fail with exit status 1, not 2. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    @Test
    void unusableOptionsAreUsageErrors() {
        assertUsageError("--events must be a positive integer: 0", "--events", "0");
        assertUsageError("--rate must be a positive number of events per second: -5.0", "--rate", "-5");
        assertUsageError("--rate must be a positive number of events per second: NaN", "--rate", "NaN");
        assertUsageError("--teams must be a positive integer: 0", "--teams", "0");
        assertUsageError("--event-bytes must be a positive integer: -1", "--event-bytes", "-1");
        assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
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

    private static void assertUsageError(String message, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "bench";
        args[1] = "--kafka";
        args[2] = NO_KAFKA;
        System.arraycopy(options, 0, args, 3, options.length);

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("appserver bench: " + message + "\n");
    }
}
