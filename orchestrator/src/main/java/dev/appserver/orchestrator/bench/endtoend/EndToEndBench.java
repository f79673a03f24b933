package dev.appserver.orchestrator.bench.endtoend;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.bench.BenchApps;
import dev.appserver.orchestrator.bench.BenchChain;
import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.BenchReport;
import dev.appserver.orchestrator.bench.BenchRun;
import dev.appserver.orchestrator.bench.BenchServer;
import dev.appserver.orchestrator.bench.BenchSettings;
import dev.appserver.orchestrator.bench.BenchTopics;
import dev.appserver.orchestrator.bench.Median;
import dev.appserver.orchestrator.events.SendFailedException;
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
 * The end-to-end scenario. For each delivery mode it starts a single-node server of its own
 * ({@link BenchServer}), gives teams 1..K the 3-app chain ({@link BenchChain}), warms it up with
 * flat-out runs, then alternates a raw Kafka pass-through run on the same broker (topics of its
 * own) with a run through the server, and ends with a run paced at the latency rate. Progress goes
 * to the given stream, a line per step.
 */
final class EndToEndBench {
    static final List<String> APPS = List.of("app-a", "app-b", "app-c");
    static final String INPUT = "events_plugin_ingestion";
    static final String OUTPUT = "clickhouse_events_json";
    static final String PASSTHROUGH_INPUT = "bench_passthrough_in";
    static final String PASSTHROUGH_OUTPUT = "bench_passthrough_out";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param runs timed runs per delivery mode, each {@code events} long
     * @param warmup how long flat-out runs go on before the timed ones
     * @param latencyRate events/s offered in the paced run
     * @param latencyEvents how long the paced run is; 0 leaves it out
     * @param deliveries {@code at-least-once}, {@code exactly-once}, or both, in the order they run
     * @param passthrough whether pass-through runs alternate with the server's
     * @param launcher the {@code appserver} script that starts the server
     * @param scratch where each server keeps its data and log
     * @param serverArguments more arguments for {@code appserver start}
     */
    record Settings(int events, int runs, Duration warmup, double latencyRate, int latencyEvents, int teams, int eventBytes,
            List<String> deliveries, boolean passthrough, Duration timeout, Path launcher, Path scratch,
            List<String> serverArguments) {
        Settings {
            deliveries = List.copyOf(deliveries);
            serverArguments = List.copyOf(serverArguments);
            requireNonNull(warmup, "warmup is null");
            requireNonNull(timeout, "timeout is null");
            requireNonNull(launcher, "launcher is null");
            requireNonNull(scratch, "scratch is null");
        }
    }

    /**
     * What one delivery mode measured.
     *
     * @param readyMillis from spawning the server to its ready line
     * @param warmupRates events/s of each warm-up run
     * @param paced the run at the latency rate, when there was one
     * @param processed per app, how many events its configs processed over the whole session
     * @param sent events sent to the server over the whole session, warm-up included
     */
    record ModeResult(String delivery, long readyMillis, List<Double> warmupRates, List<BenchReport> runs,
            List<BenchReport> passthroughRuns, Optional<BenchReport> paced, Map<String, Long> processed, long sent) {
        double perSecond() {
            return Median.of(runs.stream().map(BenchReport::eventsPerSecond).toList());
        }

        double passthroughPerSecond() {
            return Median.of(passthroughRuns.stream().map(BenchReport::eventsPerSecond).toList());
        }

        /** @return the median run's share of the median pass-through; NaN without pass-through runs */
        double ofPassthrough() {
            return perSecond() / passthroughPerSecond();
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    EndToEndBench(Settings settings, PrintStream progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    List<ModeResult> run() throws BenchFailedException, IOException, InterruptedException {
        List<Path> apps = BenchApps.write(settings.scratch().resolve("apps"), APPS);
        List<ModeResult> results = new ArrayList<>();
        for (String delivery : settings.deliveries()) {
            results.add(runMode(delivery, apps));
        }
        return results;
    }

    private ModeResult runMode(String delivery, List<Path> apps) throws BenchFailedException, IOException, InterruptedException {
        Path home = settings.scratch().resolve(delivery);
        List<String> arguments = new ArrayList<>(settings.serverArguments());
        arguments.addAll(List.of("--delivery", delivery));
        try (BenchServer server = BenchServer.start(settings.launcher(), home.resolve("data"), home.resolve("server.log"),
                arguments, START_TIMEOUT)) {
            say("%s: server ready %,d ms after it was spawned (log: %s)", delivery, server.readyMillis(),
                    home.resolve("server.log"));
            BenchChain chain = BenchChain.install(server.adminUri(), apps, settings.teams());
            if (settings.passthrough()) {
                createPassthroughTopics(server.kafka());
            }
            Session session = new Session(server, delivery);
            List<Double> warmupRates = new ArrayList<>();
            long warmupEnds = System.nanoTime() + settings.warmup().toNanos();
            if (settings.passthrough() && !settings.warmup().isZero()) {
                // The copier runs in this JVM: its JIT warms up too before its runs count.
                say("%s: warm-up pass-through run, %,.0f events/s", delivery, session.throughPassthrough().eventsPerSecond());
            }
            while (System.nanoTime() - warmupEnds < 0) {
                BenchReport warm = session.throughServer(settings.events(), 0);
                warmupRates.add(warm.eventsPerSecond());
                say("%s: warm-up run, %,.0f events/s", delivery, warm.eventsPerSecond());
            }
            List<BenchReport> runs = new ArrayList<>();
            List<BenchReport> passthroughRuns = new ArrayList<>();
            for (int i = 0; i < settings.runs(); i++) {
                if (settings.passthrough()) {
                    BenchReport copied = session.throughPassthrough();
                    passthroughRuns.add(copied);
                    say("%s: pass-through run %d, %,.0f events/s", delivery, i + 1, copied.eventsPerSecond());
                }
                BenchReport run = session.throughServer(settings.events(), 0);
                runs.add(run);
                say("%s: run %d, %,.0f events/s, p99 %,d ms", delivery, i + 1, run.eventsPerSecond(),
                        run.latency().p99() / 1_000_000);
            }
            Optional<BenchReport> paced = Optional.empty();
            if (settings.latencyEvents() > 0) {
                BenchReport run = session.throughServer(settings.latencyEvents(), settings.latencyRate());
                paced = Optional.of(run);
                say("%s: %,.0f events/s offered, p50 %,d ms, p99 %,d ms", delivery, settings.latencyRate(),
                        run.latency().p50() / 1_000_000, run.latency().p99() / 1_000_000);
                say("%s: paced run from %s, p99 of the events sent in each second: %s ms", delivery, run.started(),
                        EndToEndReport.p99BySecond(run));
            }
            Map<String, Long> processed = chain.processed();
            for (Map.Entry<String, Long> app : processed.entrySet()) {
                if (app.getValue() < session.sent) {
                    throw new BenchFailedException(delivery + ": " + app.getKey() + " processed " + app.getValue() + " of the "
                            + session.sent + " events sent: the server's output did not all come through the chain");
                }
            }
            server.stop(STOP_TIMEOUT);
            return new ModeResult(delivery, server.readyMillis(), warmupRates, runs, passthroughRuns, paced, processed,
                    session.sent);
        }
    }

    private void createPassthroughTopics(String kafka) throws BenchFailedException {
        try {
            BenchTopics.createMissing(kafka, List.of(PASSTHROUGH_INPUT, PASSTHROUGH_OUTPUT), settings.timeout());
        } catch (SendFailedException e) {
            throw new BenchFailedException(e.getMessage());
        }
    }

    /** The runs against one server, and how many events it was sent. */
    private final class Session {
        private final BenchServer server;
        private final String delivery;
        long sent;

        Session(BenchServer server, String delivery) {
            this.server = server;
            this.delivery = delivery;
        }

        BenchReport throughServer(int events, double rate) throws BenchFailedException, InterruptedException {
            BenchReport report = run(new BenchSettings(server.kafka(), INPUT, OUTPUT, events, settings.teams(),
                    settings.eventBytes(), rate, settings.timeout(), false));
            sent += report.sent();
            if (report.duplicates() > 0 && delivery.equals("exactly-once")) {
                throw new BenchFailedException(delivery + ": " + report.duplicates() + " duplicates on " + OUTPUT);
            }
            return report;
        }

        BenchReport throughPassthrough() throws BenchFailedException, InterruptedException {
            return run(new BenchSettings(server.kafka(), PASSTHROUGH_INPUT, PASSTHROUGH_OUTPUT, settings.events(),
                    settings.teams(), settings.eventBytes(), 0, settings.timeout(), true));
        }

        private BenchReport run(BenchSettings run) throws BenchFailedException, InterruptedException {
            BenchReport report;
            try {
                report = new BenchRun(run).run();
            } catch (SendFailedException e) {
                throw new BenchFailedException(delivery + ": " + e.getMessage());
            }
            if (report.missing() > 0) {
                throw new BenchFailedException(String.format(Locale.ROOT, "%s: %d of %d events did not arrive on %s within"
                        + " %d s of the last send; the end of the server's log:%n%s", delivery, report.missing(), report.sent(),
                        run.outputTopic(), settings.timeout().toSeconds(), server.logTail()));
            }
            return report;
        }
    }

    private void say(String format, Object... arguments) {
        progress.println("appserver bench end-to-end: " + String.format(Locale.ROOT, format, arguments));
        progress.flush();
    }
}
