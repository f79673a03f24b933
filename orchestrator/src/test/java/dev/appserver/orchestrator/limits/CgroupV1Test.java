package dev.appserver.orchestrator.limits;

import static dev.appserver.orchestrator.limits.FakeCgroupFiles.V1_CPU;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.V1_MEMORY;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.V1_PIDS;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.group;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CgroupV1} against temporary directories laid out like cgroup v1 hierarchies. */
class CgroupV1Test {
    private static final CgroupLimits LIMITS = new CgroupLimits(640L << 20, 1.5, 128);

    @TempDir
    Path root;

    @Test
    void makesTheWorkersParentBelowThisProcesssGroupInEachHierarchy() throws IOException {
        Path memory = Files.createDirectories(root.resolve("memory/process_api/abc"));
        Path cpu = Files.createDirectories(root.resolve("cpu"));
        Path pids = Files.createDirectories(root.resolve("pids"));

        CgroupV1 cgroups = CgroupV1.open(memory, cpu, pids, "7-1-");

        assertThat(memory.resolve("appserver")).isDirectory();
        assertThat(cpu.resolve("appserver")).isDirectory();
        assertThat(pids.resolve("appserver")).isDirectory();
        assertThat(cgroups.description()).contains(memory.resolve("appserver").toString());
    }

    @Test
    void writesEveryLimitInItsControllersGroup() throws IOException {
        Path memory = group(root.resolve("memory/appserver/7-1-worker-0"), V1_MEMORY);
        Path cpu = group(root.resolve("cpu/appserver/7-1-worker-0"), V1_CPU);
        Path pids = group(root.resolve("pids/appserver/7-1-worker-0"), V1_PIDS);

        WorkerCgroup cgroup = CgroupV1.open(root.resolve("memory"), root.resolve("cpu"), root.resolve("pids"), "7-1-")
                .create("worker-0", LIMITS);

        assertThat(cgroup.directories()).containsExactly(memory, cpu, pids);
        assertThat(read(memory.resolve("memory.limit_in_bytes"))).isEqualTo("671088640");
        assertThat(read(memory.resolve("memory.memsw.limit_in_bytes"))).isEqualTo("671088640");
        assertThat(read(cpu.resolve("cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(read(pids.resolve("pids.max"))).isEqualTo("128");
    }

    @Test
    void leavesMemswAloneWhereSwapIsNotAccounted() throws IOException {
        Path memory = group(root.resolve("memory/appserver/7-1-worker-0"), "cgroup.procs", "memory.limit_in_bytes");
        group(root.resolve("cpu/appserver/7-1-worker-0"), V1_CPU);
        group(root.resolve("pids/appserver/7-1-worker-0"), V1_PIDS);

        CgroupV1.open(root.resolve("memory"), root.resolve("cpu"), root.resolve("pids"), "7-1-").create("worker-0", LIMITS);

        assertThat(memory.resolve("memory.memsw.limit_in_bytes")).doesNotExist();
    }

    @Test
    void controllersMountedTogetherShareOneGroup() throws IOException {
        Path both = group(root.resolve("cpu,memory/appserver/7-1-worker-0"), "cgroup.procs", "memory.limit_in_bytes",
                "cpu.cfs_period_us", "cpu.cfs_quota_us");
        Path pids = group(root.resolve("pids/appserver/7-1-worker-0"), V1_PIDS);

        WorkerCgroup cgroup = CgroupV1.open(root.resolve("cpu,memory"), root.resolve("cpu,memory"), root.resolve("pids"), "7-1-")
                .create("worker-0", LIMITS);

        assertThat(cgroup.directories()).containsExactly(both, pids);
        assertThat(read(both.resolve("memory.limit_in_bytes"))).isEqualTo("671088640");
        assertThat(read(both.resolve("cpu.cfs_quota_us"))).isEqualTo("150000");
    }

    @Test
    void removesEveryControllersGroup() throws IOException {
        Path memory = group(root.resolve("memory/appserver/7-1-worker-0"), V1_MEMORY);
        Path cpu = group(root.resolve("cpu/appserver/7-1-worker-0"), V1_CPU);
        Path pids = group(root.resolve("pids/appserver/7-1-worker-0"), V1_PIDS);
        WorkerCgroup cgroup = CgroupV1.open(root.resolve("memory"), root.resolve("cpu"), root.resolve("pids"), "7-1-")
                .create("worker-0", LIMITS);

        FakeCgroupFiles.dropFiles(memory);
        FakeCgroupFiles.dropFiles(cpu);
        FakeCgroupFiles.dropFiles(pids);
        cgroup.remove();

        assertThat(memory).doesNotExist();
        assertThat(cpu).doesNotExist();
        assertThat(pids).doesNotExist();
    }
}
