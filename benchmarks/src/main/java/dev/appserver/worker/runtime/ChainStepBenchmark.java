package dev.appserver.worker.runtime;

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
 * The chain step in the worker: a batch of 500 events through {@link ChainRunner} (each app's
 * sandboxed context, bootstrap.js's loop, the team_id check, the {@code $plugins_*} lists), in
 * process, no gRPC. With more than one tenant, each tenant has a chain of its own (contexts of its
 * own running the same code) and the batches go to the tenants in turn. The score is per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ChainStepBenchmark {
    static final int BATCH = 500;

    /** How many apps the chain has, each like conformance case 14's. */
    @Param({"1", "3"})
    int apps;

    /** How many tenants' chains the batches take turns through. */
    @Param({"1"})
    int tenants;

    private JsEngine engine;
    private Watchdog watchdog;
    private final List<List<AppInstance>> chains = new ArrayList<>();
    private int next;
    private ChainRunner runner;
    private List<String> events;

    @Setup(Level.Trial)
    public void load() throws AppFailure {
        engine = new JsEngine();
        watchdog = new Watchdog(Duration.ofMillis(10));
        HostCallSender noHost = (instance, call) -> {
            throw new IllegalStateException("no host services in this benchmark");
        };
        for (int tenant = 0; tenant < tenants; tenant++) {
            List<AppInstance> chain = new ArrayList<>();
            for (int i = 1; i <= apps; i++) {
                String code = "exports.processEvent = (event) => { event.properties.trail = (event.properties.trail || '') + '"
                        + (char) ('a' + i - 1) + "'; return event }";
                InstanceSpec spec = new InstanceSpec(tenant * apps + i, "App " + i, "index.js", code, "", "{}", List.of(),
                        Duration.ofSeconds(30));
                chain.add(AppInstance.load(spec, engine, watchdog, noHost, LogSink.DISCARD));
            }
            chains.add(chain);
        }
        runner = new ChainRunner(engine);
        events = BenchEvents.batch(BATCH);
    }

    @TearDown(Level.Trial)
    public void close() {
        chains.forEach(chain -> chain.forEach(AppInstance::close));
        watchdog.close();
        engine.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<ChainRunner.ChainResult> batchThroughTheChain() {
        List<AppInstance> chain = chains.get(next);
        next = (next + 1) % chains.size();
        return runner.run(chain, events, LogSink.DISCARD);
    }
}
