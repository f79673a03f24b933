package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.BenchUsageErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the command refuses before it starts a server; runs are {@code DensityBenchIT}'s. */
class DensityBenchCommandTest {
    private final BenchUsageErrors usage = new BenchUsageErrors(List.of("bench", "density"), "appserver bench density");

    @Test
    void unusableOptionsAreUsageErrors() {
        usage.assertUsageError("--configs must be positive integers: [1000, 0]", "--configs", "1000,0");
        usage.assertUsageError("--timeout must be a positive number of seconds: 0", "--timeout", "0");
        usage.assertUsageError("--worker-heap must be a positive number of megabytes: 0", "--worker-heap", "0");
        usage.assertUsageError("--node-ref and --no-node-ref exclude each other", "--node-ref", "/tmp", "--no-node-ref");
    }
}
