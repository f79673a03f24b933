package dev.appserver.orchestrator.runapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.AppLoadException;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.LoadedApp;
import dev.appserver.orchestrator.apps.MetaConfig;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.hostservices.AppHostServices;
import dev.appserver.orchestrator.hostservices.FetchHostService;
import dev.appserver.orchestrator.hostservices.fetch.EgressPolicy;
import dev.appserver.orchestrator.hostservices.fetch.FetchSettings;
import dev.appserver.orchestrator.hostservices.fetch.HttpFetcher;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import dev.appserver.orchestrator.hostservices.geoip.MaxMindGeoIpLocator;
import dev.appserver.orchestrator.hostservices.InMemoryAppCache;
import dev.appserver.orchestrator.hostservices.InMemoryAppStorage;
import dev.appserver.orchestrator.hostservices.InstanceBinding;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.proto.v1.AppAttachment;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code appserver run-app}: the app author's harness. Reads the apps, config and events, starts
 * one real sandbox worker, runs the phases through the same gRPC contract the server uses with
 * in-memory host services, and writes one line per input event to standard output.
 *
 * <p>Exit status: 0 when the run completed (an app that threw is a recorded failure, not a
 * crash); 2 for an unusable app or argument, with a one-line reason on standard error; 1
 * otherwise.
 */
public final class RunApp {
    private final WorkerDistribution dist;
    private final WorkerLimits limits;
    private final Cgroups cgroups;
    private final Path transpileCache;
    private final Clock clock;

    /** Workers start with {@code limits}, each in a group of {@code cgroups} (which the caller closes). */
    public RunApp(WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path transpileCache, Clock clock) {
        this.dist = requireNonNull(dist, "dist is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.cgroups = requireNonNull(cgroups, "cgroups is null");
        this.transpileCache = requireNonNull(transpileCache, "transpileCache is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public int run(RunAppOptions options, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        try {
            return runOrThrow(options, stdin, stdout, stderr);
        } catch (UsageException e) {
            stderr.println(e.getMessage());
            return 2;
        } catch (WorkerStartException e) {
            stderr.println("appserver: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            stderr.println("appserver: " + e);
            return 1;
        }
    }

    private int runOrThrow(RunAppOptions options, InputStream stdin, PrintStream stdout, PrintStream stderr)
            throws UsageException, WorkerStartException, IOException {
        if (options.apps().isEmpty()) {
            throw new UsageException("run-app needs at least one APP");
        }
        List<ObjectNode> overrides = RunAppInputs.configOverrides(options);
        List<List<AppAttachment>> attachments = RunAppInputs.attachments(options);
        List<HarnessApp> apps = loadApps(options.apps(), overrides, attachments, options.teamId(), transpileCache);
        List<EventsFile.InputEvent> events = readEvents(options, stdin);
        // Opened before the fetcher and its threads, so that an unusable file leaves nothing open.
        MaxMindGeoIpLocator geoIpDatabase = openGeoIpDatabase(options.geoIpDatabase());

        Map<Long, String> names = new HashMap<>();
        InstanceDirectory directory = new InstanceDirectory();
        for (HarnessApp app : apps) {
            names.put(app.configId(), app.name() + " (" + app.configId() + ")");
            directory.bind(app.configId(), new InstanceBinding(app.configId(), app.configId(), options.teamId(), app.name()));
        }
        RunLog log = new RunLog(stderr, options.logs() != null, names);
        List<String> captured = new CopyOnWriteArrayList<>();
        ConcurrentLinkedDeque<RunAppSession.QueuedJob> jobs = new ConcurrentLinkedDeque<>();
        ExecutorService fetchThreads = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("fetch-", 1).factory());
        HttpFetcher fetcher = HttpFetcher.create(EgressPolicy.withAllowedHosts(options.allowHosts()), FetchSettings.defaults(),
                fetchThreads);
        AppHostServices hostServices = new AppHostServices(directory, new InMemoryAppCache(clock), new InMemoryAppStorage(),
                (from, eventJson) -> captured.add(eventJson),
                (from, name, payload, runAt) -> jobs.add(new RunAppSession.QueuedJob(from.configId(), name, payload, null, 0)),
                new FetchHostService(fetcher), geoIpDatabase == null ? GeoIpLocator.NONE : geoIpDatabase, clock);

        // A null resource (no --geoip-db) is skipped on close.
        try (fetcher; geoIpDatabase; HarnessWorker worker = new HarnessWorker(dist, limits, cgroups, hostServices,
                line -> stderr.println("[worker] " + line))) {
            worker.start();
            RunAppSession session = new RunAppSession(worker, apps, log, clock, options.timeout().toMillis(), jobs);
            session.load();
            List<String> inputs = new ArrayList<>(events.size());
            events.forEach(e -> inputs.add(e.json()));
            List<String> results = session.process(inputs);
            writeResults(results, stdout);
            List<String> survivors = new ArrayList<>();
            List<String> survivorNames = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) != null) {
                    survivors.add(results.get(i));
                    survivorNames.add(events.get(i).name());
                }
            }
            session.deliver(survivors, survivorNames);
            session.runTasks(options.runTasks());
            session.runJobs();
            session.teardown();
        } finally {
            fetchThreads.shutdownNow();
            if (options.logs() != null) {
                writeLines(options.logs(), log.lines());
            }
            if (options.captured() != null) {
                writeLines(options.captured(), captured);
            }
        }
        return 0;
    }

    /**
     * Reads {@code apps} (transpiling TypeScript) into harness apps with config ids 1..N, each
     * config its manifest's defaults under {@code overrides}. @throws UsageException naming the app
     */
    static List<HarnessApp> loadApps(List<Path> apps, List<ObjectNode> overrides, List<List<AppAttachment>> attachments,
            long teamId, Path transpileCache) throws UsageException {
        List<HarnessApp> loaded = new ArrayList<>();
        try (TypeScriptTranspiler transpiler = new TypeScriptTranspiler(transpileCache)) {
            AppLoader loader = new AppLoader(transpiler);
            for (int i = 0; i < apps.size(); i++) {
                LoadedApp app;
                try {
                    app = loader.load(apps.get(i));
                } catch (AppLoadException e) {
                    throw new UsageException(e.getMessage());
                }
                ObjectNode config = MetaConfig.of(app.manifest(), overrides.get(i));
                loaded.add(new HarnessApp(app, i + 1, teamId, config, attachments.get(i)));
            }
        }
        return loaded;
    }

    /** {@code --geoip-db}: null without it; an unusable file is a usage error (exit 2). */
    private static MaxMindGeoIpLocator openGeoIpDatabase(Path database) throws UsageException {
        if (database == null) {
            return null;
        }
        try {
            return MaxMindGeoIpLocator.openFlag(database);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<EventsFile.InputEvent> readEvents(RunAppOptions options, InputStream stdin)
            throws UsageException, IOException {
        if (options.events() == null) {
            return EventsFile.read(stdin, options.teamId());
        }
        try (InputStream in = Files.newInputStream(options.events())) {
            return EventsFile.read(in, options.teamId());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--events " + options.events() + ": no such file");
        }
    }

    private static void writeResults(List<String> results, PrintStream stdout) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        for (String r : results) {
            out.write(r == null ? "null" : r);
            out.write('\n');
        }
        out.flush();
    }

    private static void writeLines(Path file, List<String> lines) throws IOException {
        Files.write(file, lines.isEmpty() ? Collections.emptyList() : lines, StandardCharsets.UTF_8);
    }
}
