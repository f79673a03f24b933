package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.BenchScratch;
import dev.appserver.orchestrator.bench.BenchServer;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.events.QuietKafkaLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
        description = "Heap and RSS per idle app instance, with 1,000 and 10,000 app configs, in a server of the bench's own.")
public final class DensityBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", split = ",", paramLabel = "N", defaultValue = "1000,10000",
            description = "How many configs (and idle instances) each server gets (default: ${DEFAULT-VALUE}).")
    List<Integer> counts = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "How long loading the instances may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--server-arg", paramLabel = "ARG",
            description = "An argument for the bench's `appserver start`, e.g. --server-arg=--worker-heap=2048 (repeatable).")
    List<String> serverArguments = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the servers' data and logs (they are deleted otherwise).")
    boolean keep;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--write-docs", paramLabel = "FILE",
            description = "Also write the report into FILE's generated density section (docs/benchmarks.md).")
    Path docs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String unusable = unusableOption();
        if (unusable != null) {
            err.println("appserver bench density: " + unusable);
            return 2;
        }
        Path launcher = BenchServer.launcher();
        if (!Files.isExecutable(launcher)) {
            err.println("appserver bench density: cannot find the appserver launcher at " + launcher);
            return 2;
        }
        try (QuietKafkaLogs quiet = QuietKafkaLogs.open();
                BenchScratch scratch = BenchScratch.create("appserver bench density", keep, err)) {
            DensityBench.Settings settings = new DensityBench.Settings(counts, Duration.ofSeconds(timeoutSeconds), launcher,
                    scratch.path(), serverArguments);
            List<DensityBench.CountResult> results = new DensityBench(settings, System.err).run();
            DensityReport report = new DensityReport(results, Machine.here(), commandLine());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.json() : report.table());
            out.flush();
            if (docs != null) {
                report.writeInto(docs);
                err.println("wrote the report into " + docs);
            }
            return 0;
        } catch (BenchFailedException e) {
            err.println("appserver bench density: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("appserver bench density: " + e);
            return 1;
        } finally {
            err.flush();
        }
    }

    private String commandLine() {
        return "./appserver " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private String unusableOption() {
        if (counts.isEmpty() || counts.stream().anyMatch(count -> count == null || count <= 0)) {
            return "--configs must be positive integers: " + counts;
        }
        if (timeoutSeconds <= 0) {
            return "--timeout must be a positive number of seconds: " + timeoutSeconds;
        }
        return null;
    }
}
