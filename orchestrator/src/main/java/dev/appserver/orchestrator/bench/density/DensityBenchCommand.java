package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.ServerBench;
import dev.appserver.orchestrator.bench.sandbox.NodeRefOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver bench density}: heap and resident memory per idle app instance and per app
 * config, in a single-node server of the bench's own per count ({@link DensityBench}). Exit status
 * 0 when every count was measured, 1 when the bench failed (the server did not start, events went
 * missing, instances did not load), 2 for an unusable option.
 */
@Command(name = "density", sortOptions = false,
        description = "Heap and RSS per idle app instance, with 1,000 and 10,000 app configs, in a server of the bench's own,"
                + " beside the Node reference with as many apps loaded.")
public final class DensityBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", split = ",", paramLabel = "N", defaultValue = "1000,10000",
            description = "How many configs (and idle instances) each server gets (default: ${DEFAULT-VALUE}).")
    List<Integer> counts = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long loading the instances may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    // 10,000 idle instances take about 1.6 GB of heap: more than two workers of the server's default 512 MB hold.
    @Option(names = "--worker-heap", paramLabel = "MB", defaultValue = "2048",
            description = "Each worker's heap in the bench's server, large enough for the instances (default: ${DEFAULT-VALUE}).")
    int workerHeap;

    @Mixin
    NodeRefOptions nodeRef = new NodeRefOptions();

    @Mixin
    ServerBench server = new ServerBench();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        return server.run("appserver bench density", spec, unusableOption(), (launcher, scratch) -> {
            List<String> arguments = new ArrayList<>(List.of("--worker-heap", Integer.toString(workerHeap)));
            arguments.addAll(server.serverArguments());
            DensityBench.Settings settings = new DensityBench.Settings(counts, Duration.ofSeconds(timeoutSeconds), launcher,
                    scratch, arguments, nodeRef.directory(), nodeRef.node());
            return new DensityReport(new DensityBench(settings, System.err).run(), Machine.here(),
                    GeneratedSection.commandLine(spec));
        });
    }

    private String unusableOption() {
        if (counts.isEmpty() || counts.stream().anyMatch(count -> count == null || count <= 0)) {
            return "--configs must be positive integers: " + counts;
        }
        if (timeoutSeconds <= 0) {
            return "--timeout must be a positive number of seconds: " + timeoutSeconds;
        }
        if (workerHeap <= 0) {
            return "--worker-heap must be a positive number of megabytes: " + workerHeap;
        }
        return nodeRef.unusable();
    }
}
