package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.TestCgroups;
import dev.appserver.proto.v1.LoadInstanceRequest;
import dev.appserver.proto.v1.ProcessBatchRequest;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sandbox worker in its cgroup: in the group from the start, with the configured limits,
 * held to its memory limit by the kernel, and the group gone once the worker is. Skipped, saying
 * why, where this host has no cgroups this process may use.
 */
class WorkerCgroupIT {
    private static final long MB = 1 << 20;
    // Allocates until something gives (fixture apps/memory-bomb does the same).
    private static final String MEMORY_BOMB = """
            exports.processEvent = (e) => {
              const hoard = []
              for (;;) hoard.push(new Array(100000).fill(hoard.length))
            }
            """;

    @TempDir
    Path sockets;

    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private Cgroups cgroups;
    private WorkerProcess worker;
    private WorkerClient client;

    @BeforeEach
    void open() {
        cgroups = TestCgroups.required();
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (cgroups != null) {
            cgroups.close();
        }
    }

    private void start(WorkerLimits limits) throws WorkerStartException {
        worker = WorkerProcess.start(WorkerDistribution.locate(), limits, cgroups, sockets.resolve("w.sock"),
                (Consumer<String>) stderr::add);
        client = new WorkerClient(worker.socket(), call -> CompletableFuture.failedFuture(new UnsupportedOperationException()));
    }

    @Test
    void theWorkerRunsInItsGroupWithTheConfiguredLimitsAndTheGroupGoesWithIt() throws Exception {
        start(new WorkerLimits(256, WorkerLimits.DEFAULT.stackKilobytes(), false, new CgroupLimits(700 * MB, 1.5, 300)));
        List<Path> directories = worker.cgroup().directories();

        assertThat(directories).isNotEmpty().allSatisfy(d -> assertThat(d.toString()).contains("/appserver/"));
        assertThat(TestCgroups.directoriesOf(worker.pid()).values()).containsAll(directories);
        // The worker started with two cores and was held to 1.5 once ready.
        assertThat(limitsIn(directories)).isEqualTo(Map.of("memory", 700 * MB, "cpu", 150_000L, "pids", 300L));

        worker.close();

        assertThat(directories).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    @Test
    void aMemoryBombPastTheCgroupLimitIsKilledByTheKernelBeforeTheHeapIsFull() throws Exception {
        // A heap larger than the group's memory: the kernel, not the JVM, has to stop this worker.
        start(new WorkerLimits(1024, WorkerLimits.DEFAULT.stackKilobytes(), false, new CgroupLimits(1100 * MB, 1, 256)));
        List<Path> directories = worker.cgroup().directories();
        client.worker().loadInstance(LoadInstanceRequest.newBuilder().setInstanceId(1).setConfigId(1).setTeamId(1)
                .setAppName("Memory Bomb").setFileName("index.js").setCode(MEMORY_BOMB).setCodeHash("bomb")
                .setConfigJson(ByteString.copyFromUtf8("{}")).setTimeoutMillis(120_000).build());

        assertThatThrownBy(() -> client.worker().withDeadlineAfter(3, TimeUnit.MINUTES).processBatch(ProcessBatchRequest.newBuilder()
                .addChain(1).addEvents(ByteString.copyFrom("{\"event\":\"e\"}", StandardCharsets.UTF_8)).build()))
                .isInstanceOf(StatusRuntimeException.class);

        int exit = worker.onExit().get(1, TimeUnit.MINUTES);
        assertThat(exit).as("SIGKILL from the kernel's OOM killer; stderr: %s", stderr).isEqualTo(128 + 9);
        assertThat(stderr).noneMatch(line -> line.contains("OutOfMemoryError"));
        await().atMost(Duration.ofSeconds(10)).until(() -> directories.stream().noneMatch(Files::exists));
    }

    /** The limits the kernel holds for the group, read from cgroup v1's or v2's files. */
    private static Map<String, Long> limitsIn(List<Path> directories) throws IOException {
        if (directories.size() == 1) {
            Path group = directories.get(0);
            return Map.of("memory", number(group, "memory.max"),
                    "cpu", Long.parseLong(Files.readString(group.resolve("cpu.max")).split(" ")[0]),
                    "pids", number(group, "pids.max"));
        }
        return Map.of("memory", number(directories.get(0), "memory.limit_in_bytes"),
                "cpu", number(directories.get(1), "cpu.cfs_quota_us"),
                "pids", number(directories.get(2), "pids.max"));
    }

    private static long number(Path group, String file) throws IOException {
        return Long.parseLong(Files.readString(group.resolve(file)).strip());
    }
}
