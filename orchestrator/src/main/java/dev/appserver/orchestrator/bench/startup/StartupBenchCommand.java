package dev.appserver.orchestrator.bench.startup;

import dev.appserver.orchestrator.WorkerLimitOptions;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.bench.GeneratedSection;
import dev.appserver.orchestrator.bench.Machine;
import dev.appserver.orchestrator.bench.ServerBench;
import dev.appserver.orchestrator.bench.sandbox.NodeRefOptions;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code appserver bench start-up}: cold starts of a worker with a chain in it, beside node-ref's
 * cold start on the same chain, and starts of the single-node server ({@link StartupBench}). Exit
 * status 0 when everything started, 1 when the bench failed (a worker or the server did not start,
 * an event did not come through, node-ref wrong), 2 for an unusable option.
 */
@Command(name = "start-up", sortOptions = false,
        description = "Worker spawn to ready, app chain load and first event (beside the Node reference's cold start),"
                + " single-node server start to ready.")
public final class StartupBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "5",
            description = "Cold starts of each chain, and node-ref runs of it (default: ${DEFAULT-VALUE}).")
    int coldStarts;

    @Option(names = "--server-runs", paramLabel = "S", defaultValue = "3",
            description = "Starts of the single-node server; 0 leaves it out (default: ${DEFAULT-VALUE}).")
    int serverStarts;

    @Mixin
    NodeRefOptions nodeRef = new NodeRefOptions();

    @Mixin
    WorkerLimitOptions workerLimits = new WorkerLimitOptions();

    @Mixin
    ServerBench server = new ServerBench();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        return server.run("appserver bench start-up", spec, unusableOption(), (launcher, scratch) -> {
            try (Cgroups cgroups = UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(),
                    warning -> err.println("appserver bench start-up: warning: " + warning))) {
                StartupBench.Settings settings = new StartupBench.Settings(coldStarts, serverStarts, nodeRef.directory(),
                        nodeRef.node(), WorkerDistribution.locate(), workerLimits.limits(), cgroups,
                        TypeScriptTranspiler.defaultCacheDirectory(), launcher, scratch, server.serverArguments());
                // Progress goes straight to standard error, as the workers' own lines do.
                StartupBench.Results results = new StartupBench(settings, System.err).run();
                return new StartupReport(settings, results, Machine.here(), GeneratedSection.commandLine(spec));
            }
        });
    }

    private String unusableOption() {
        if (coldStarts <= 0) {
            return "--runs must be a positive integer: " + coldStarts;
        }
        if (serverStarts < 0) {
            return "--server-runs must be zero or a positive integer: " + serverStarts;
        }
        try {
            workerLimits.limits(); // Only checked here; the bench takes them once it runs.
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return nodeRef.unusable();
    }
}
