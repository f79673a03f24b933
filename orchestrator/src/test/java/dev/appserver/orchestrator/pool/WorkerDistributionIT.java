package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.proto.v1.HealthRequest;
import dev.appserver.proto.v1.HealthResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker distribution as the build makes it, started the way the pool starts workers: its own
 * runtime, the Graal compiler on the module path, and the AOT cache of the build's training run.
 * {@code -XX:AOTMode=on} makes a JVM that cannot map the cache refuse to start, so these fail when
 * the worker's options drift from the training run's.
 */
class WorkerDistributionIT {
    @TempDir
    Path sockets;

    @Test
    void aWorkerStartsFromTheAotCacheWithTheOptimizingRuntime() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (Cgroups cgroups = TestCgroups.detected();
                WorkerProcess worker = WorkerProcess.start(withOptions("-XX:AOTMode=on"), WorkerLimits.DEFAULT, cgroups,
                        sockets.resolve("w.sock"), (Consumer<String>) stderr::add);
                WorkerClient client = new WorkerClient(worker.socket(),
                        call -> CompletableFuture.failedFuture(new UnsupportedOperationException()))) {
            HealthResponse health = client.worker().health(HealthRequest.getDefaultInstance());

            assertThat(health.getOptimizingRuntime()).isTrue();
            assertThat(worker.jsRuntime()).isEqualTo("GraalVM CE");
            assertThat(stderr).as("the worker's standard error").noneMatch(line -> line.contains("[aot]"));
        }
    }

    @Test
    void aWorkerWhoseOptionsDoNotFitTheCacheIsRefusedWhenTheCacheIsRequired() throws Exception {
        // The control for the test above: the same start, with one option the training run did not have.
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (Cgroups cgroups = TestCgroups.detected()) {
            assertThatThrownBy(() -> WorkerProcess.start(withOptions("-XX:+UseCompactObjectHeaders", "-XX:AOTMode=on"),
                    WorkerLimits.DEFAULT, cgroups, sockets.resolve("w.sock"), (Consumer<String>) stderr::add).close())
                    .isInstanceOf(WorkerStartException.class);
        }
        await().untilAsserted(() -> assertThat(String.join("\n", stderr)).contains("AOT cache"));
    }

    @Test
    void aWorkerWhoseOptionsDoNotFitTheCacheStillStartsWhenTheCacheIsOptional() throws Exception {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (Cgroups cgroups = TestCgroups.detected();
                WorkerProcess worker = WorkerProcess.start(withOptions("-XX:+UseCompactObjectHeaders"), WorkerLimits.DEFAULT,
                        cgroups, sockets.resolve("w.sock"), (Consumer<String>) stderr::add)) {
            assertThat(worker.jsRuntime()).isEqualTo("GraalVM CE");
        }
        await().untilAsserted(() -> assertThat(String.join("\n", stderr)).as("the JVM's warning, on standard error")
                .contains("Unable to use AOT cache"));
    }

    private static WorkerDistribution withOptions(String... options) {
        WorkerDistribution dist = WorkerDistribution.locate();
        List<String> jvmOptions = new ArrayList<>(dist.jvmOptions());
        jvmOptions.addAll(List.of(options));
        return new WorkerDistribution(dist.directory(), dist.javaBinary(), jvmOptions);
    }
}
