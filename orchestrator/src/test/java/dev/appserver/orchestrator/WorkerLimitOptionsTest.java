package dev.appserver.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.pool.WorkerLimits;
import dev.appserver.orchestrator.testing.CommandRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class WorkerLimitOptionsTest {
    @Command
    static final class Holder {
        @Mixin
        WorkerLimitOptions options = new WorkerLimitOptions();
    }

    private static WorkerLimits parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options.limits();
    }

    @Test
    void defaultsAreTheHeapPlusItsNativeOverheadOneCoreAndRoomForThreads() {
        WorkerLimits limits = parse();

        assertThat(limits.heapMegabytes()).isEqualTo(512);
        assertThat(limits.cgroup()).isEqualTo(CgroupLimits.forHeap(512));
    }

    @Test
    void theMemoryDefaultFollowsTheHeap() {
        assertThat(parse("--worker-heap", "256").cgroup().memoryBytes())
                .isEqualTo((256L << 20) + CgroupLimits.NATIVE_OVERHEAD_BYTES);
    }

    @Test
    void everyLimitCanBeSet() {
        WorkerLimits limits = parse("--worker-heap", "256", "--worker-memory", "700", "--worker-cpus", "0.5",
                "--worker-pids", "128");

        assertThat(limits.heapMegabytes()).isEqualTo(256);
        assertThat(limits.cgroup()).isEqualTo(new CgroupLimits(700L << 20, 0.5, 128));
    }

    @Test
    void refusesAMemoryLimitThatLeavesNoRoomAboveTheHeap() {
        assertThatThrownBy(() -> parse("--worker-heap", "512", "--worker-memory", "512"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--worker-memory (512 MB) must be above --worker-heap (512 MB): the JVM needs native memory "
                        + "beyond its heap");
    }

    @Test
    void refusesLimitsNoWorkerCouldRunUnder() {
        assertThatThrownBy(() -> parse("--worker-cpus", "0")).hasMessage("--worker-cpus must be at least 0.01, not 0");
        assertThatThrownBy(() -> parse("--worker-pids", "8")).hasMessage("--worker-pids must be at least 16, not 8");
        assertThatThrownBy(() -> parse("--worker-heap", "32")).hasMessage("--worker-heap must be at least 64 MB, not 32");
    }

    @Test
    void startAndRunAppRefuseBadLimitsAsUsageErrors() {
        assertThat(CommandRun.of("start", "--worker-memory", "100").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("run-app", "app", "--worker-cpus", "0").exitCode()).isEqualTo(2);
    }
}
