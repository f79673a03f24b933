package dev.appserver.orchestrator.bench.density;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import org.junit.jupiter.api.Test;

/** What the command refuses before it starts a server; runs are {@code DensityBenchIT}'s. */
class DensityBenchCommandTest {
    @Test
    void unusableOptionsAreUsageErrors() {
        assertUsageError("--configs must be positive integers: [1000, 0]", "--configs", "1000,0");
        assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
        assertUsageError("--worker-heap must be a positive number of megabytes: 0", "--worker-heap", "0");
    }

    private static void assertUsageError(String message, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "density";
        System.arraycopy(options, 0, args, 2, options.length);

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("appserver bench density: " + message + "\n");
    }
}
