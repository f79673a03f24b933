package dev.appserver.orchestrator.bench.startup;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.bench.BenchApps;
import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.BenchServer;
import dev.appserver.orchestrator.bench.sandbox.NodeReference;
import dev.appserver.orchestrator.bench.sandbox.NodeReference.NodeReferenceException;
import dev.appserver.orchestrator.bench.sandbox.SandboxEvents;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.orchestrator.runapp.UsageException;
import dev.appserver.orchestrator.runapp.WarmChain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start-up scenario, three parts in one invocation:
 *
 * <ul>
 *   <li>cold starts of a chain: a sandbox worker spawned as the server's pool spawns it (its
 *       limits, its cgroup, two cores until {@code READY}), the chain loaded into it, one event
 *       through it; beside node-ref running the same chain on the same one event as a whole
 *       process, which is node's cold start to its first event out;
 *   <li>single-node server starts: {@code ./appserver start} spawned to {@code appserver ready},
 *       and when each step's line arrived ({@link ServerMilestones}).
 * </ul>
 */
final class StartupBench {
    /** The chains started cold: one app, and the 3-app chain of the end-to-end scenario. */
    static final List<Chain> CHAINS = List.of(
            new Chain("one-app", "Hello World, the app of conformance case 01", List.of("hello-world")),
            new Chain("chain-3", "case 14's apps and a third like them", List.of("app-a", "app-b", "app-c")));
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVER_START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SERVER_STOP_TIMEOUT = Duration.ofSeconds(60);

    record Chain(String name, String description, List<String> apps) {}

    /**
     * @param coldStarts cold starts of each chain (and node-ref runs of it)
     * @param serverStarts single-node server starts
     * @param nodeRef node-ref's directory, or empty to leave it out
     */
    record Settings(int coldStarts, int serverStarts, Optional<Path> nodeRef, String node, WorkerDistribution dist,
            WorkerLimits limits, Cgroups cgroups, Path transpileCache, Path launcher, Path scratch,
            List<String> serverArguments) {
        Settings {
            requireNonNull(nodeRef, "nodeRef is null");
            requireNonNull(limits, "limits is null");
            serverArguments = List.copyOf(serverArguments);
        }
    }

    /**
     * One cold start of a chain, in milliseconds.
     *
     * @param workerReady from spawning the worker to its {@code READY}
     * @param load loading the chain into it, setupPlugin included
     * @param firstEvent the first event through the loaded chain
     * @param jsRuntime the JS runtime the worker reported
     */
    record ColdStart(double workerReady, double load, double firstEvent, String jsRuntime) {
        double total() {
            return workerReady + load + firstEvent;
        }
    }

    /** @param nodeSeconds node-ref's whole process on one event, each run; empty when it did not run */
    record ChainResult(Chain chain, List<ColdStart> starts, List<Double> nodeSeconds) {
        ChainResult {
            starts = List.copyOf(starts);
            nodeSeconds = List.copyOf(nodeSeconds);
        }
    }

    /** @param milestones when each step's line arrived, in milliseconds after the spawn */
    record ServerStart(long readyMillis, Map<ServerMilestones, Long> milestones) {
        ServerStart {
            milestones = Map.copyOf(milestones);
        }
    }

    /** @param nodeNote why node-ref did not run, or empty */
    record Results(List<ChainResult> chains, List<ServerStart> servers, String jsRuntime, String nodeVersion,
            String nodeNote) {}

    private final Settings settings;
    private final PrintStream progress;

    StartupBench(Settings settings, PrintStream progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    Results run() throws BenchFailedException, IOException, InterruptedException {
        NodeReference.Availability nodeRef = NodeReference.prepareIfAsked(settings.nodeRef(), settings.node(),
                settings.scratch(), progress::println);
        NodeReference node = nodeRef.reference().orElse(null);
        String nodeNote = nodeRef.note();
        Path oneEvent = settings.scratch().resolve("one-event.jsonl");
        List<String> events = SandboxEvents.make(1);
        SandboxEvents.write(oneEvent, events);

        List<ChainResult> chains = new ArrayList<>();
        String jsRuntime = "";
        for (Chain chain : CHAINS) {
            List<Path> apps = BenchApps.write(settings.scratch().resolve("apps-" + chain.name()), chain.apps());
            List<ColdStart> starts = new ArrayList<>();
            List<Double> nodeSeconds = new ArrayList<>();
            for (int run = 1; run <= settings.coldStarts(); run++) {
                ColdStart start = coldStart(apps, events);
                starts.add(start);
                say("%s: cold start %d: worker ready %,.0f ms, chain loaded %,.0f ms, first event %,.0f ms",
                        chain.name(), run, start.workerReady(), start.load(), start.firstEvent());
                if (node != null) {
                    try {
                        double seconds = node.seconds(apps, oneEvent, 1, true, settings.scratch());
                        nodeSeconds.add(seconds);
                        say("%s: node-ref on one event, whole process: %,.0f ms", chain.name(), seconds * 1000);
                    } catch (NodeReferenceException e) {
                        throw new BenchFailedException(chain.name() + ": " + e.getMessage());
                    }
                }
            }
            jsRuntime = starts.getLast().jsRuntime();
            chains.add(new ChainResult(chain, starts, nodeSeconds));
        }

        List<ServerStart> servers = new ArrayList<>();
        for (int run = 1; run <= settings.serverStarts(); run++) {
            servers.add(serverStart(run));
        }
        return new Results(chains, servers, jsRuntime, node == null ? "" : node.version(), nodeNote);
    }

    private ColdStart coldStart(List<Path> apps, List<String> events) throws BenchFailedException, IOException {
        try (WarmChain chain = WarmChain.start(settings.dist(), settings.limits(), settings.cgroups(),
                settings.transpileCache(), apps, 2, LOAD_TIMEOUT, progress)) {
            long sent = System.nanoTime();
            List<String> out = chain.process(events);
            double firstEvent = (System.nanoTime() - sent) / 1e6;
            if (out.size() != 1 || out.getFirst() == null || out.getFirst().contains("\"$plugins_failed\":[\"")) {
                throw new BenchFailedException("the chain did not pass its first event through: " + out);
            }
            return new ColdStart(chain.workerStart().toNanos() / 1e6, chain.load().toNanos() / 1e6, firstEvent,
                    chain.jsRuntime());
        } catch (UsageException | WorkerStartException e) {
            throw new BenchFailedException(e.getMessage());
        }
    }

    private ServerStart serverStart(int run) throws BenchFailedException, IOException, InterruptedException {
        Path home = settings.scratch().resolve("server-" + run);
        try (BenchServer server = BenchServer.start(settings.launcher(), home.resolve("data"), home.resolve("server.log"),
                settings.serverArguments(), SERVER_START_TIMEOUT)) {
            Map<ServerMilestones, Long> milestones = ServerMilestones.of(server.startLines());
            say("server start %d: ready %,d ms after it was spawned (log: %s)", run, server.readyMillis(),
                    home.resolve("server.log"));
            server.stop(SERVER_STOP_TIMEOUT);
            return new ServerStart(server.readyMillis(), milestones);
        }
    }

    private void say(String format, Object... arguments) {
        progress.println("appserver bench start-up: " + String.format(Locale.ROOT, format, arguments));
        progress.flush();
    }
}
