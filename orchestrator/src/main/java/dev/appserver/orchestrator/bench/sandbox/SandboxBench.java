package dev.appserver.orchestrator.bench.sandbox;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.bench.BenchApps;
import dev.appserver.orchestrator.bench.BenchFailedException;
import dev.appserver.orchestrator.bench.BenchScratch;
import dev.appserver.orchestrator.bench.Median;
import dev.appserver.orchestrator.bench.sandbox.NodeReference.NodeReferenceException;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.pool.WorkerStartException;
import dev.appserver.orchestrator.runapp.UsageException;
import dev.appserver.orchestrator.runapp.WarmChain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the sandbox scenarios: each chain in a warm worker ({@link WarmChain}: one real sandboxed
 * worker, as run-app starts it, fed batches of 500 over gRPC), then the same events through
 * node-ref when it is there.
 *
 * <p>appserver is measured in steady state: the worker first runs batches for the warm-up time,
 * then each run times {@code events} events batch by batch. node-ref runs as a whole process, so
 * its steady rate is taken from two sizes, {@code (events - events/10) / (t(events) - t(events/10))}:
 * its start-up and module loading cancel out.
 */
final class SandboxBench {
    static final int BATCH = 500;
    private static final double NODE_SMALL_RUN_SECONDS = 5;

    /**
     * @param nodeRef node-ref's directory, or empty to leave it out
     */
    record Settings(int events, int runs, Duration warmup, List<SandboxScenario> scenarios, Optional<Path> nodeRef,
            String node, WorkerDistribution dist, WorkerLimits limits, Cgroups cgroups, Path transpileCache) {
        Settings {
            requireNonNull(warmup, "warmup is null");
            scenarios = List.copyOf(scenarios);
            requireNonNull(nodeRef, "nodeRef is null");
        }
    }

    /** What the whole run found. @param nodeNote why node-ref did not run, or empty */
    record Results(List<ScenarioResult> scenarios, String jsRuntime, String nodeVersion, String nodeNote) {}

    private final Settings settings;
    private final PrintStream progress;

    SandboxBench(Settings settings, PrintStream progress) {
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    Results run() throws IOException, InterruptedException, UsageException, WorkerStartException, BenchFailedException {
        Path scratch = Files.createTempDirectory("appserver-bench-sandbox-");
        try {
            List<String> events = SandboxEvents.make(settings.events());

            NodeReference.Availability nodeRef = NodeReference.prepareIfAsked(settings.nodeRef(), settings.node(), scratch,
                    progress::println);
            NodeReference node = nodeRef.reference().orElse(null);
            String nodeNote = nodeRef.note();

            List<ScenarioResult> results = new ArrayList<>();
            String jsRuntime = "";
            for (SandboxScenario scenario : settings.scenarios()) {
                List<Path> apps = BenchApps.write(scratch.resolve("apps-" + scenario.name()), scenario.apps());
                List<Double> perSecond = new ArrayList<>();
                List<Double> batchMillis = new ArrayList<>();
                double readyMillis;
                double loadMillis;
                try (WarmChain chain = WarmChain.start(settings.dist(), settings.limits(), settings.cgroups(),
                        settings.transpileCache(), apps, 2, Duration.ofSeconds(30), progress)) {
                    jsRuntime = chain.jsRuntime();
                    readyMillis = chain.workerStart().toNanos() / 1e6;
                    loadMillis = chain.load().toNanos() / 1e6;
                    progress.printf("%s: worker ready %.0f ms after spawn, chain loaded in %.0f ms%n", scenario.name(),
                            readyMillis, loadMillis);
                    progress.printf("%s: warming the worker up for %d s%n", scenario.name(), settings.warmup().toSeconds());
                    warmUp(scenario, chain, events);
                    for (int run = 1; run <= settings.runs(); run++) {
                        double rate = timedRun(chain, events, batchMillis);
                        perSecond.add(rate);
                        progress.printf("%s: run %d: %,.0f events/s%n", scenario.name(), run, rate);
                    }
                }
                double nodeRate = Double.NaN;
                double nodeUnprotected = Double.NaN;
                if (node != null) {
                    try {
                        nodeRate = nodeRate(scenario, node, apps, events, true, scratch);
                        progress.printf("%s: node-ref %,.0f events/s%n", scenario.name(), nodeRate);
                        nodeUnprotected = nodeRate(scenario, node, apps, events, false, scratch);
                        progress.printf("%s: node-ref without its vm timeout %,.0f events/s%n", scenario.name(), nodeUnprotected);
                    } catch (NodeReferenceException e) {
                        throw new BenchFailedException(scenario.name() + ": " + e.getMessage());
                    }
                }
                results.add(new ScenarioResult(scenario, perSecond, batchMillis, nodeRate, nodeUnprotected, readyMillis,
                        loadMillis));
            }
            return new Results(results, jsRuntime, node == null ? "" : node.version(), nodeNote);
        } finally {
            BenchScratch.deleteTree(scratch);
        }
    }

    /** Runs batches until the warm-up time is over, saying how fast every 10 s (compilation shows in it). */
    private void warmUp(SandboxScenario scenario, WarmChain chain, List<String> events)
            throws WorkerStartException, BenchFailedException {
        long started = System.nanoTime();
        long until = started + settings.warmup().toNanos();
        long windowStart = started;
        int windowEvents = 0;
        int from = 0;
        do {
            int to = Math.min(events.size(), from + BATCH);
            check(chain.process(events.subList(from, to)), to - from);
            windowEvents += to - from;
            from = to == events.size() ? 0 : to;
            long now = System.nanoTime();
            if (now - windowStart >= 10_000_000_000L) {
                progress.printf("%s: warm-up at %d s: %,.0f events/s%n", scenario.name(), (now - started) / 1_000_000_000L,
                        windowEvents / ((now - windowStart) / 1e9));
                windowStart = now;
                windowEvents = 0;
            }
        } while (System.nanoTime() < until);
    }

    /** One pass over the events, batch by batch; @return events/s */
    private static double timedRun(WarmChain chain, List<String> events, List<Double> batchMillis)
            throws WorkerStartException, BenchFailedException {
        long started = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<String> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            long sent = System.nanoTime();
            List<String> out = chain.process(batch);
            batchMillis.add((System.nanoTime() - sent) / 1e6);
            check(out, batch.size());
        }
        return events.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static void check(List<String> out, int expected) throws BenchFailedException {
        long kept = out.stream().filter(e -> e != null).count();
        if (out.size() != expected || kept != expected) {
            throw new BenchFailedException("the chain returned " + kept + " events for " + expected);
        }
        String first = out.getFirst();
        if (first.contains("\"$plugins_failed\":[\"")) {
            throw new BenchFailedException("an app failed on an event: " + first);
        }
    }

    /**
     * node-ref's steady events/s from a run of {@code large} events and one of a tenth of them. When
     * the small run alone takes over {@link #NODE_SMALL_RUN_SECONDS} (a scenario node-ref is very
     * slow at), both sizes shrink tenfold at a time, so that its runs stay within minutes.
     */
    private double nodeRate(SandboxScenario scenario, NodeReference node, List<Path> apps, List<String> events,
            boolean vmTimeout, Path scratch) throws NodeReferenceException, InterruptedException, IOException {
        int large = events.size();
        int small = Math.max(1, large / 10);
        double firstSmall = node.seconds(apps, eventsFile(scratch, events, small), small, vmTimeout, scratch);
        while (firstSmall > NODE_SMALL_RUN_SECONDS && small >= 100) {
            large = small;
            small /= 10;
            firstSmall = node.seconds(apps, eventsFile(scratch, events, small), small, vmTimeout, scratch);
        }
        if (large < events.size()) {
            progress.printf("%s: node-ref is slow here: it runs %,d and %,d events%n", scenario.name(), large, small);
        }
        List<Double> whole = new ArrayList<>();
        List<Double> part = new ArrayList<>(List.of(firstSmall));
        for (int run = 0; run < settings.runs(); run++) {
            whole.add(node.seconds(apps, eventsFile(scratch, events, large), large, vmTimeout, scratch));
            if (run > 0) {
                part.add(node.seconds(apps, eventsFile(scratch, events, small), small, vmTimeout, scratch));
            }
        }
        double wholeSeconds = Median.of(whole);
        double difference = wholeSeconds - Median.of(part);
        // With very few events the difference drowns in start-up noise (it can come out near zero);
        // then the whole-process rate is all there is.
        return difference > 0.2 * wholeSeconds && large > small ? (large - small) / difference : large / wholeSeconds;
    }

    /** The first {@code count} events as a file node-ref reads, written once per size. */
    private static Path eventsFile(Path scratch, List<String> events, int count) throws IOException {
        Path file = scratch.resolve("events-" + count + ".jsonl");
        if (!Files.exists(file)) {
            SandboxEvents.write(file, events.subList(0, count));
        }
        return file;
    }
}
