package dev.appserver.orchestrator.bench.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.bench.BenchUsageErrors;
import dev.appserver.orchestrator.testing.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command refuses before it starts a server; runs are {@code EndToEndBenchIT}'s. */
class EndToEndBenchCommandTest {
    private final BenchUsageErrors usage = new BenchUsageErrors(List.of("bench", "end-to-end"), "appserver bench end-to-end");

    @Test
    void unusableOptionsAreUsageErrors() {
        usage.assertUsageError("--events must be a positive integer: 0", "--events", "0");
        usage.assertUsageError("--runs must be a positive integer: 0", "--runs", "0");
        usage.assertUsageError("--warmup must be zero or more seconds: -1", "--warmup", "-1");
        usage.assertUsageError("--latency-rate must be a positive number of events per second: 0.0", "--latency-rate", "0");
        usage.assertUsageError("--latency-events must be zero or more: -3", "--latency-events", "-3");
        usage.assertUsageError("--teams must be a positive integer: 0", "--teams", "0");
        usage.assertUsageError("--event-bytes must be a positive integer: 0", "--event-bytes", "0");
        usage.assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
        usage.assertUsageError("--delivery must be at-least-once or exactly-once: twice", "--delivery", "twice");
        usage.assertUsageError("--delivery names a mode twice: [exactly-once, exactly-once]", "--delivery", "exactly-once",
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
}
