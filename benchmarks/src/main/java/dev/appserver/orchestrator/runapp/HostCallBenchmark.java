package dev.appserver.orchestrator.runapp;

import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.bench.BenchScratch;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The host-service round trip: an app's {@code await meta.cache.incr(key)} from JS in a real
 * sandboxed worker process, over its host channel (gRPC on the Unix socket) to the orchestrator's
 * side (run-app's in-memory cache) and back into the app's promise. Batches of {@value #BATCH}
 * events go through a one-app chain ({@link WarmChain}) whose {@code processEvent} makes
 * {@code calls} such calls per event; the score is per event, so the difference between the
 * {@code calls} values is what the round trips cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class HostCallBenchmark {
    static final int BATCH = 100;

    /** Host calls per event. */
    @Param({"0", "1", "4"})
    int calls;

    private Path directory;
    private Cgroups cgroups;
    private WarmChain chain;
    private List<String> events;

    @Setup(Level.Trial)
    public void start() throws Exception {
        directory = Files.createTempDirectory("appserver-hostcall-bench-");
        Path app = directory.resolve("cache-counter");
        Files.createDirectories(app);
        Files.writeString(app.resolve("plugin.json"), "{\"name\": \"Cache counter\", \"main\": \"index.js\", \"config\": []}");
        Files.writeString(app.resolve("index.js"), """
                export async function processEvent(event, { cache }) {
                  for (let i = 0; i < %d; i++) {
                    event.properties.count = await cache.incr('events')
                  }
                  return event
                }
                """.formatted(calls));
        cgroups = UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(), warning -> System.err.println("warning: " + warning));
        chain = WarmChain.start(WorkerDistribution.locate(), WorkerLimits.DEFAULT, cgroups,
                TypeScriptTranspiler.defaultCacheDirectory(), List.of(app), 2, Duration.ofSeconds(30), System.err);
        events = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            events.add("{\"event\":\"$pageview\",\"distinct_id\":\"person-" + i + "\",\"team_id\":2,\"properties\":{\"i\":" + i
                    + "}}");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        chain.close();
        cgroups.close();
        BenchScratch.deleteTree(directory);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<String> batchThroughTheApp() throws Exception {
        return chain.process(events);
    }
}
