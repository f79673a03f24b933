package dev.appserver.orchestrator.bench.startup;

import dev.appserver.orchestrator.bench.BenchUsageErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command refuses before it starts anything; runs are {@code StartupBenchIT}'s. */
class StartupBenchCommandTest {
    private final BenchUsageErrors usage = new BenchUsageErrors(List.of("bench", "start-up"), "appserver bench start-up");

    @Test
    void unusableOptionsAreUsageErrors() {
        usage.assertUsageError("--runs must be a positive integer: 0", "--runs", "0");
        usage.assertUsageError("--server-runs must be zero or a positive integer: -1", "--server-runs", "-1");
        usage.assertUsageError("--node-ref and --no-node-ref exclude each other", "--node-ref", "/tmp", "--no-node-ref");
        usage.assertUsageError("--worker-heap must be at least 64 MB, not 10", "--worker-heap", "10");
    }
}
