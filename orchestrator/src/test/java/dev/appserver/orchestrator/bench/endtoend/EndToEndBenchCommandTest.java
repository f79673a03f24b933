package dev.appserver.orchestrator.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** What the command refuses before it starts a server; runs are {@code EndToEndBenchIT}'s. */
class EndToEndBenchCommandTest {
    @Test
    void unusableOptionsAreUsageErrors() {
        assertUsageError("--events must be a positive integer: 0", "--events", "0");
        assertUsageError("--runs must be a positive integer: 0", "--runs", "0");
        assertUsageError("--warmup must be zero or more seconds: -1", "--warmup", "-1");
        assertUsageError("--latency-rate must be a positive number of events per second: 0.0", "--latency-rate", "0");
        assertUsageError("--latency-events must be zero or more: -3", "--latency-events", "-3");
        assertUsageError("--teams must be a positive integer: 0", "--teams", "0");
        assertUsageError("--event-bytes must be a positive integer: 0", "--event-bytes", "0");
        assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
        assertUsageError("--delivery must be at-least-once or exactly-once: twice", "--delivery", "twice");
        assertUsageError("--delivery names a mode twice: [exactly-once, exactly-once]", "--delivery", "exactly-once",
                "exactly-once");
    }

    @Test
    void theHelpNamesEveryOption() {
        CommandRun run = CommandRun.of("bench", "end-to-end", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--events", "--runs", "--warmup", "--latency-rate", "--latency-events", "--teams",
                "--event-bytes", "--delivery", "--no-passthrough", "--timeout", "--server-arg", "--keep", "--json",
                "--write-docs");
    }

    private static void assertUsageError(String message, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "end-to-end";
        System.arraycopy(options, 0, args, 2, options.length);

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("appserver bench end-to-end: " + message + "\n");
    }
}
