package dev.appserver.orchestrator.bench.density;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.bench.BenchApps;
import dev.appserver.orchestrator.bench.BenchChain;
import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.BenchReport;
import dev.appserver.orchestrator.bench.BenchRun;
import dev.appserver.orchestrator.bench.BenchServer;
import dev.appserver.orchestrator.bench.BenchSettings;
import dev.appserver.orchestrator.bench.sandbox.NodeReference;
import dev.appserver.orchestrator.bench.sandbox.NodeReference.IdleMemory;
import dev.appserver.orchestrator.bench.sandbox.NodeReference.NodeReferenceException;
import dev.appserver.orchestrator.events.SendFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The density scenario. For each count N it starts a single-node server of its own, reads its
 * memory ({@link NodeMemory}, after a full GC in every JVM), gives teams 1..N one config each of
 * the hello-world app and reads it again, sends one event per team so that every config's
 * instance is loaded in a worker, waits until the workers hold N instances, and reads it a third
 * time. The instances then sit idle: what they cost is the difference. Beside it, when asked,
 * node-ref loads the app N times (a {@code vm} context each) and once, and is read the same way
 * ({@link NodeReference#idleMemory}).
 */
final class DensityBench {
    static final String APP = "hello-world";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param counts how many configs each server gets, in the order they run
     * @param timeout how long loading the instances may take
     * @param nodeRef node-ref's directory, or empty to leave it out
     */
    record Settings(List<Integer> counts, Duration timeout, Path launcher, Path scratch, List<String> serverArguments,
            Optional<Path> nodeRef, String node) {
        Settings {
            counts = List.copyOf(counts);
            serverArguments = List.copyOf(serverArguments);
            requireNonNull(timeout, "timeout is null");
            requireNonNull(launcher, "launcher is null");
            requireNonNull(scratch, "scratch is null");
            requireNonNull(nodeRef, "nodeRef is null");
        }
    }

    /**
     * node-ref with as many copies of the app loaded as there were configs, each in a
     * {@code vm} context of its own, beside the same with one.
     */
    record NodeRefResult(int apps, IdleMemory one, IdleMemory loaded) {
        double heapPerApp() {
            return (double) (loaded.heapUsedBytes() - one.heapUsedBytes()) / (apps - 1);
        }

        double rssPerApp() {
            return (double) (loaded.rssBytes() - one.rssBytes()) / (apps - 1);
        }
    }

    /**
     * @param nodeRef node-ref's figure for each count, in the same order; empty when it did not run
     * @param nodeNote why node-ref did not run, or empty
     */
    record Results(List<CountResult> counts, List<NodeRefResult> nodeRef, String nodeVersion, String nodeNote) {
        Results {
            counts = List.copyOf(counts);
            nodeRef = List.copyOf(nodeRef);
        }
    }

    /**
     * What one count measured.
     *
     * @param empty the server started, no configs
     * @param configured with the N configs, no instances
     * @param loaded with the N instances loaded and idle
     * @param instances the instances the workers reported holding
     * @param configureMillis how long creating the configs through the admin API took
     * @param loadMillis from the first event sent to the workers holding every instance
     */
    record CountResult(int configs, long readyMillis, NodeMemory empty, NodeMemory configured, NodeMemory loaded,
            long instances, long configureMillis, long loadMillis) {
        /** Worker heap per idle instance: what loading them added, over how many there are. */
        double workerHeapPerInstance() {
            return (double) (loaded.workersHeap() - configured.workersHeap()) / instances;
        }

        double workerRssPerInstance() {
            return (double) (loaded.workersRss() - configured.workersRss()) / instances;
        }

        /** Orchestrator heap per config, everything it holds for one included (its instance's bookkeeping too). */
        double orchestratorHeapPerConfig() {
            return (double) (loaded.orchestrator().heapBytes() - empty.orchestrator().heapBytes()) / configs;
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    DensityBench(Settings settings, PrintStream progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    Results run() throws BenchFailedException, IOException, InterruptedException {
        List<Path> app = BenchApps.write(settings.scratch().resolve("apps"), List.of(APP));
        NodeReference.Availability nodeRef = NodeReference.prepareIfAsked(settings.nodeRef(), settings.node(),
                settings.scratch(), progress::println);
        List<CountResult> results = new ArrayList<>();
        List<NodeRefResult> nodeResults = new ArrayList<>();
        IdleMemory oneApp = null;
        for (int count : settings.counts()) {
            results.add(runCount(count, app));
            if (nodeRef.reference().isPresent() && count > 1) {
                NodeReference node = nodeRef.reference().get();
                if (oneApp == null) {
                    oneApp = idleMemory(node, app);
                }
                NodeRefResult result = new NodeRefResult(count, oneApp, idleMemory(node, Collections.nCopies(count, app.getFirst())));
                nodeResults.add(result);
                say("%,d apps in node-ref: %.1f KiB of heap and %.1f KiB resident each", count, result.heapPerApp() / 1024,
                        result.rssPerApp() / 1024);
            }
        }
        return new Results(results, nodeResults, nodeRef.reference().map(NodeReference::version).orElse(""),
                nodeRef.note());
    }

    private IdleMemory idleMemory(NodeReference node, List<Path> apps) throws BenchFailedException, InterruptedException {
        try {
            return node.idleMemory(apps, settings.scratch());
        } catch (NodeReferenceException e) {
            throw new BenchFailedException("node-ref: " + e.getMessage());
        }
    }

    private CountResult runCount(int count, List<Path> app) throws BenchFailedException, IOException, InterruptedException {
        Path home = settings.scratch().resolve("configs-" + count);
        try (BenchServer server = BenchServer.start(settings.launcher(), home.resolve("data"), home.resolve("server.log"),
                settings.serverArguments(), START_TIMEOUT)) {
            say("%,d configs: server ready %,d ms after it was spawned (log: %s)", count, server.readyMillis(),
                    home.resolve("server.log"));
            NodeMemory empty = NodeMemory.of(server.pid());
            long began = System.nanoTime();
            BenchChain.install(server.adminUri(), app, count);
            long configureMillis = millisSince(began);
            say("%,d configs: created in %,d ms", count, configureMillis);
            NodeMemory configured = NodeMemory.of(server.pid());
            ServerMetrics metrics = new ServerMetrics(server.adminUri());
            began = System.nanoTime();
            loadInstances(server, metrics, count);
            long loadMillis = millisSince(began);
            long instances = metrics.instancesLoaded();
            say("%,d configs: %,d instances loaded in %,d ms", count, instances, loadMillis);
            NodeMemory loaded = NodeMemory.of(server.pid());
            server.stop(STOP_TIMEOUT);
            return new CountResult(count, server.readyMillis(), empty, configured, loaded, instances, configureMillis,
                    loadMillis);
        }
    }

    /** One event per team, through Kafka: each config's instance is loaded for its event. Then waits for all of them. */
    private void loadInstances(BenchServer server, ServerMetrics metrics, int count) throws BenchFailedException, InterruptedException {
        BenchReport report;
        try {
            report = new BenchRun(new BenchSettings(server.kafka(), "events_plugin_ingestion", "clickhouse_events_json", count,
                    count, 500, 0, settings.timeout(), false)).run();
        } catch (SendFailedException e) {
            throw new BenchFailedException(e.getMessage());
        }
        if (report.missing() > 0) {
            throw new BenchFailedException(String.format(Locale.ROOT, "%d of %d events did not arrive within %d s of the last"
                    + " send; the end of the server's log:%n%s", report.missing(), report.sent(),
                    settings.timeout().toSeconds(), server.logTail()));
        }
        // Every event came out of the chain, so every instance was loaded; the gauge may lag a little.
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (metrics.instancesLoaded() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new BenchFailedException("the workers hold " + metrics.instancesLoaded() + " instances, not " + count);
            }
            Thread.sleep(POLL);
        }
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    private void say(String format, Object... arguments) {
        progress.println("appserver bench density: " + String.format(Locale.ROOT, format, arguments));
        progress.flush();
    }
}
