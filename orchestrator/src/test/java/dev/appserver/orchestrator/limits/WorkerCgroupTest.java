package dev.appserver.orchestrator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WorkerCgroup#command}: the process writes its own pid to every {@code cgroup.procs}
 * before it becomes the command, keeping its pid; {@link WorkerCgroup#limitCpu} writes the quota
 * where each cgroup version keeps it. Plain files stand in for the kernel's here;
 * {@code CgroupV1IT} does it for real.
 */
class WorkerCgroupTest {
    @TempDir
    Path root;

    @Test
    void unconfinedLeavesTheCommandAsItIs() {
        assertThat(WorkerCgroup.NONE.command(List.of("java", "-version"))).containsExactly("java", "-version");
    }

    @Test
    void joinsEveryGroupThenBecomesTheCommandWithTheSamePid() throws Exception {
        Path memory = FakeCgroupFiles.group(root.resolve("memory"), "cgroup.procs");
        Path cpu = FakeCgroupFiles.group(root.resolve("cpu"), "cgroup.procs");
        WorkerCgroup cgroup = new WorkerCgroup(List.of(memory, cpu));

        Process process = new ProcessBuilder(cgroup.command(List.of("/bin/sh", "-c", "echo $$ \"$1\"", "sh", "it's me")))
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(process.waitFor()).isZero();
        assertThat(out).isEqualTo(process.pid() + " it's me");
        assertThat(FakeCgroupFiles.read(memory.resolve("cgroup.procs"))).isEqualTo(process.pid() + "\n");
        assertThat(FakeCgroupFiles.read(cpu.resolve("cgroup.procs"))).isEqualTo(process.pid() + "\n");
    }

    @Test
    void aGroupItCannotJoinStopsItBeforeTheCommandRuns() throws Exception {
        Path marker = root.resolve("ran");
        WorkerCgroup cgroup = new WorkerCgroup(List.of(root.resolve("no-such-group")));

        Process process = new ProcessBuilder(cgroup.command(List.of("/bin/sh", "-c", "touch \"$1\"", "sh", marker.toString())))
                .start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isEqualTo(125);
        assertThat(marker).doesNotExist();
        assertThat(err).contains("appserver-cgroup-join").contains("no-such-group/cgroup.procs");
    }

    @Test
    void limitsTheCpuOfAV2GroupInCpuMax() throws IOException {
        Path group = FakeCgroupFiles.group(root.resolve("appserver/w"), FakeCgroupFiles.V2_WORKER);

        new WorkerCgroup(List.of(group)).limitCpu(new CgroupLimits(1 << 30, 1.5, 100));

        assertThat(FakeCgroupFiles.read(group.resolve("cpu.max"))).isEqualTo("150000 100000");
    }

    @Test
    void limitsTheCpuOfAV1GroupInItsCpuHierarchyAndLeavesTheOthersAlone() throws IOException {
        Path memory = FakeCgroupFiles.group(root.resolve("memory/appserver/w"), FakeCgroupFiles.V1_MEMORY);
        Path cpu = FakeCgroupFiles.group(root.resolve("cpu/appserver/w"), FakeCgroupFiles.V1_CPU);
        Path pids = FakeCgroupFiles.group(root.resolve("pids/appserver/w"), FakeCgroupFiles.V1_PIDS);

        new WorkerCgroup(List.of(memory, cpu, pids)).limitCpu(new CgroupLimits(1 << 30, 0.5, 100));

        assertThat(FakeCgroupFiles.read(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("50000");
        assertThat(FakeCgroupFiles.read(cpu.resolve("cpu.cfs_period_us"))).isEmpty();
        assertThat(memory.resolve("cpu.max")).doesNotExist();
        assertThat(pids.resolve("cpu.cfs_quota_us")).doesNotExist();
    }

    @Test
    void aGroupWithoutACpuQuotaFileIsAnError() {
        Path pids = FakeCgroupFiles.group(root.resolve("pids/appserver/w"), FakeCgroupFiles.V1_PIDS);

        assertThatThrownBy(() -> new WorkerCgroup(List.of(pids)).limitCpu(new CgroupLimits(1 << 30, 1, 100)))
                .isInstanceOf(IOException.class).hasMessageContaining("no CPU quota file");
    }

    @Test
    void removingAGroupThatIsGoneIsHarmless() throws IOException {
        Path gone = root.resolve("gone");
        new WorkerCgroup(List.of(gone)).remove();
        assertThat(Files.exists(gone)).isFalse();
    }
}
