package dev.appserver.orchestrator.runapp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.InMemoryAppCache;
import dev.appserver.orchestrator.hostservices.InMemoryAppStorage;
import dev.appserver.orchestrator.hostservices.InstanceBinding;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerStartException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One sandbox worker with a chain of apps loaded, kept running so that batch after batch goes
 * through it: what {@code run-app} does with its events, without the start-up, for benchmarks.
 * Apps get their default config and in-memory cache and storage; {@code fetch},
 * {@code posthog.capture} and jobs are refused.
 *
 * <p>Not thread-safe: one caller drives it.
 */
public final class WarmChain implements AutoCloseable {
    private final HarnessWorker worker;
    private final RunAppSession session;
    private final Duration workerStart;
    private final Duration load;

    private WarmChain(HarnessWorker worker, RunAppSession session, Duration workerStart, Duration load) {
        this.worker = worker;
        this.session = session;
        this.workerStart = workerStart;
        this.load = load;
    }

    /**
     * Starts a worker with {@code limits} in a group of {@code cgroups} and loads {@code apps} into
     * it, in chain order, for team {@code teamId}.
     *
     * @throws UsageException when an app cannot be read or loaded
     */
    public static WarmChain start(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path transpileCache,
            List<Path> apps, long teamId, Duration timeout, PrintStream stderr)
            throws UsageException, WorkerStartException, IOException {
        List<HarnessApp> loaded = RunApp.loadApps(apps, Collections.nCopies(apps.size(), JsonNodeFactory.instance.objectNode()),
                Collections.nCopies(apps.size(), List.of()), teamId, transpileCache);
        InstanceDirectory directory = new InstanceDirectory();
        for (HarnessApp app : loaded) {
            directory.bind(app.configId(), new InstanceBinding(app.configId(), app.configId(), teamId, app.name()));
        }
        Clock clock = Clock.systemUTC();
        AppHostServices hostServices = new AppHostServices(directory, new InMemoryAppCache(clock), new InMemoryAppStorage(),
                (from, eventJson) -> {
                    throw new IllegalStateException("posthog.capture is off in a warm chain");
                },
                (from, name, payload, runAt) -> {
                    throw new IllegalStateException("jobs are off in a warm chain");
                },
                (binding, call) -> CompletableFuture.failedFuture(new IllegalStateException("fetch is off in a warm chain")),
                GeoIpLocator.NONE, clock);
        HarnessWorker worker = new HarnessWorker(dist, limits, cgroups, hostServices, line -> stderr.println("[worker] " + line));
        try {
            long started = System.nanoTime();
            worker.start();
            long ready = System.nanoTime();
            RunAppSession session = new RunAppSession(worker, loaded, new RunLog(stderr, false, java.util.Map.of()), clock,
                    timeout.toMillis(), new ConcurrentLinkedDeque<>());
            session.load();
            return new WarmChain(worker, session, Duration.ofNanos(ready - started), Duration.ofNanos(System.nanoTime() - ready));
        } catch (UsageException | WorkerStartException | RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /** From spawning the worker process to its answering {@code Health} as ready. */
    public Duration workerStart() {
        return workerStart;
    }

    /** How long loading the whole chain took ({@code LoadInstance} for each app, setupPlugin included). */
    public Duration load() {
        return load;
    }

    /** The JS runtime the worker reports ("GraalVM CE" when optimizing). */
    public String jsRuntime() {
        return worker.jsRuntime();
    }

    /** One result per event (JSON, or null when dropped), as run-app writes them. */
    public List<String> process(List<String> events) throws WorkerStartException {
        return session.process(events);
    }

    @Override
    public void close() {
        worker.close();
    }
}
