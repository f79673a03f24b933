package dev.appserver.orchestrator.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.hostservices.InstanceDirectory;
import dev.appserver.orchestrator.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link WorkerPool} over {@link FakeWorkers}, with what tests need around it. */
final class FakePool implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeWorkers workers = new FakeWorkers();
    final RecordingListener listener = new RecordingListener();
    final MutableClock clock = new MutableClock();
    final List<InstanceDirectory> directories = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private WorkerPool pool;

    /** Settings for fakes: health checks (hourly) only where a test asks for them. */
    static WorkerPoolSettings settings(int workers) {
        return new WorkerPoolSettings(workers, WorkerLimits.DEFAULT, Duration.ofSeconds(10), Duration.ofHours(1),
                Duration.ofSeconds(1), 100, Duration.ofSeconds(30), Duration.ofSeconds(10), UnconfinedWorkers.WARN);
    }

    WorkerPool start(WorkerPoolSettings settings) throws WorkerStartException {
        pool = new WorkerPool(settings, workers, directory -> {
            directories.add(directory);
            return call -> CompletableFuture.failedFuture(new UnsupportedOperationException("no host calls here"));
        }, listener, clock, scheduler, executor, () -> { });
        pool.awaitWorkers();
        return pool;
    }

    static InstanceSpec spec(long configId, long teamId, String code) {
        return spec(configId, 1, teamId, code);
    }

    static InstanceSpec spec(long configId, long version, long teamId, String code) {
        return new InstanceSpec(configId, version, teamId, 100 + configId, "App " + configId, "index.js", code,
                "hash-" + code, "{}", Map.of(), 0, false);
    }

    static byte[] event(long teamId, String name) {
        return ("{\"event\":\"" + name + "\",\"team_id\":" + teamId + ",\"properties\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(EventOutcome outcome) {
        try {
            return JSON.readTree(outcome.event());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        executor.shutdownNow();
        scheduler.shutdownNow();
    }
}
