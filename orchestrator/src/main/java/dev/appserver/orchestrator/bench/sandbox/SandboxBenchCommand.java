package dev.appserver.orchestrator.bench.sandbox;

import dev.appserver.orchestrator.WorkerLimitOptions;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.orchestrator.runapp.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver bench sandbox}: events through chains of apps in a warm sandbox worker, no
 * Kafka, beside node-ref on the same events ({@link SandboxBench}). Exit status 0 when every
 * scenario ran, 1 when one failed (an app error, a worker that died, node-ref wrong), 2 for an
 * unusable option.
 */
@Command(name = "sandbox", sortOptions = false,
        description = "Events through app chains in a warm sandbox worker, no Kafka, beside the Node reference.")
public final class SandboxBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "100000",
            description = "Events per run (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3",
            description = "Runs per scenario; the report gives their median (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the worker runs batches before the runs are timed (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--scenario", arity = "1..*", paramLabel = "NAME",
            description = "Only these: one-app, chain-2, chain-3, cpu-heavy (default: all).")
    List<String> scenarios = new ArrayList<>();

    @Mixin
    NodeRefOptions nodeRef = new NodeRefOptions();

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--write-docs", paramLabel = "FILE",
            description = "Also write the report into FILE's generated sandbox section (docs/benchmarks.md).")
    Path docs;

    @Mixin
    WorkerLimitOptions workerLimits = new WorkerLimitOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        String unusable = unusableOption();
        if (unusable != null) {
            err.println("appserver bench sandbox: " + unusable);
            return 2;
        }
        List<SandboxScenario> chosen = new ArrayList<>();
        for (String name : scenarios.isEmpty() ? SandboxScenario.ALL.stream().map(SandboxScenario::name).toList() : scenarios) {
            Optional<SandboxScenario> scenario = SandboxScenario.named(name);
            if (scenario.isEmpty()) {
                err.println("appserver bench sandbox: no scenario " + name + "; there are one-app, chain-2, chain-3, cpu-heavy");
                return 2;
            }
            chosen.add(scenario.get());
        }
        WorkerLimits limits;
        try {
            limits = sameCoresAsNode(workerLimits.limits());
        } catch (IllegalArgumentException e) {
            err.println("appserver bench sandbox: " + e.getMessage());
            return 2;
        }
        try (Cgroups cgroups = UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(),
                warning -> err.println("appserver bench sandbox: warning: " + warning))) {
            SandboxBench.Settings settings = new SandboxBench.Settings(events, runs, Duration.ofSeconds(warmupSeconds), chosen,
                    nodeRef.directory(), nodeRef.node(), WorkerDistribution.locate(), limits, cgroups, TypeScriptTranspiler.defaultCacheDirectory());
            // Progress goes straight to standard error, as the worker's own lines do.
            SandboxBench.Results results = new SandboxBench(settings, System.err).run();
            SandboxReport report = new SandboxReport(settings, results, Machine.here(), GeneratedSection.commandLine(spec));
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.json() : report.table());
            out.flush();
            if (docs != null) {
                report.writeInto(docs);
                err.println("wrote the report into " + docs);
                err.flush();
            }
            return 0;
        } catch (BenchFailedException | UsageException | WorkerStartException e) {
            err.println("appserver bench sandbox: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("appserver bench sandbox: " + e);
            return 1;
        }
    }

    /** Unless --worker-cpus was given, the worker may use every core, as node-ref may. */
    private WorkerLimits sameCoresAsNode(WorkerLimits limits) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--worker-cpus")) {
            return limits;
        }
        CgroupLimits cgroup = limits.cgroup();
        return new WorkerLimits(limits.heapMegabytes(), limits.stackKilobytes(), limits.allowInterpreter(),
                new CgroupLimits(cgroup.memoryBytes(), Runtime.getRuntime().availableProcessors(), cgroup.pids()));
    }

    private String unusableOption() {
        if (events <= 0) {
            return "--events must be a positive integer: " + events;
        }
        if (runs <= 0) {
            return "--runs must be a positive integer: " + runs;
        }
        if (warmupSeconds < 0) {
            return "--warmup must be zero or more seconds: " + warmupSeconds;
        }
        return nodeRef.unusable();
    }
}
