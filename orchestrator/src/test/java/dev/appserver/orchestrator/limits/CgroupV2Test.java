package dev.appserver.orchestrator.limits;

import static dev.appserver.orchestrator.limits.FakeCgroupFiles.V2_WORKER;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.group;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.read;
import static dev.appserver.orchestrator.limits.FakeCgroupFiles.v2Group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CgroupV2} against a temporary directory laid out like cgroup v2. */
class CgroupV2Test {
    private static final CgroupLimits LIMITS = new CgroupLimits(640L << 20, 0.5, 128);

    @TempDir
    Path root;

    private Path own() {
        Path own = v2Group(root.resolve("system.slice/appserver.service"), "cpuset cpu io memory pids");
        group(own.resolve("appserver"), FakeCgroupFiles.V2_GROUP);
        return own;
    }

    @Test
    void enablesTheControllersForTheWorkersParentAndItsChildren() throws IOException {
        Path own = own();

        CgroupV2 cgroups = CgroupV2.open(own, "7-1-");

        assertThat(read(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
        assertThat(read(own.resolve("appserver/cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
        assertThat(cgroups.description()).isEqualTo("cgroup v2 under " + own.resolve("appserver"));
    }

    @Test
    void writesEveryLimitOfAWorkersGroup() throws IOException {
        Path own = own();
        Path worker = group(own.resolve("appserver/7-1-worker-0"), V2_WORKER);

        WorkerCgroup cgroup = CgroupV2.open(own, "7-1-").create("worker-0", LIMITS);

        assertThat(cgroup.directories()).containsExactly(worker);
        assertThat(read(worker.resolve("memory.max"))).isEqualTo("671088640");
        assertThat(read(worker.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(read(worker.resolve("memory.oom.group"))).isEqualTo("1");
        assertThat(read(worker.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(read(worker.resolve("pids.max"))).isEqualTo("128");
        assertThat(read(worker.resolve("cgroup.procs"))).as("the worker joins it itself").isEmpty();
    }

    @Test
    void leavesSwapAloneWhereTheKernelDoesNotAccountIt() throws IOException {
        Path own = own();
        Path worker = group(own.resolve("appserver/7-1-worker-0"),
                "cgroup.procs", "memory.max", "memory.oom.group", "cpu.max", "pids.max");

        CgroupV2.open(own, "7-1-").create("worker-0", LIMITS);

        assertThat(worker.resolve("memory.swap.max")).doesNotExist();
        assertThat(read(worker.resolve("memory.max"))).isEqualTo("671088640");
    }

    @Test
    void aControllerMissingInTheGroupFailsTheCreation() throws IOException {
        Path own = own();
        group(own.resolve("appserver/7-1-worker-0"), "cgroup.procs", "memory.max", "memory.oom.group", "cpu.max");

        CgroupV2 cgroups = CgroupV2.open(own, "7-1-");

        assertThatThrownBy(() -> cgroups.create("worker-0", LIMITS))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("pids.max")
                .hasMessageContaining("is its controller enabled here?");
    }

    @Test
    void movesThisProcessOutOfANonRootGroupIntoALeafBeforeEnablingControllers() throws IOException {
        Path own = own();
        long self = ProcessHandle.current().pid();
        FakeCgroupFiles.write(own.resolve("cgroup.type"), "domain\n");
        FakeCgroupFiles.write(own.resolve("cgroup.procs"), self + "\n");
        Path leaf = group(own.resolve(CgroupV2.ORCHESTRATOR_LEAF), "cgroup.procs");

        CgroupV2.open(own, "7-1-");

        assertThat(read(leaf.resolve("cgroup.procs"))).isEqualTo(Long.toString(self));
        assertThat(read(own.resolve("cgroup.subtree_control"))).isEqualTo("+memory +cpu +pids");
    }

    @Test
    void refusesToRearrangeAGroupSharedWithOtherProcesses() {
        Path own = own();
        long stranger = deadPid();
        FakeCgroupFiles.write(own.resolve("cgroup.type"), "domain\n");
        FakeCgroupFiles.write(own.resolve("cgroup.procs"), ProcessHandle.current().pid() + "\n" + stranger + "\n");

        assertThatThrownBy(() -> CgroupV2.open(own, "7-1-"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("also holds processes that are not appserver's [" + stranger + "]")
                .hasMessageContaining("Delegate=yes");
        assertThat(own.resolve(CgroupV2.ORCHESTRATOR_LEAF)).doesNotExist();
        assertThat(read(own.resolve("cgroup.subtree_control"))).isEmpty();
    }

    @Test
    void theRootGroupKeepsItsProcesses() throws IOException {
        Path own = own();
        FakeCgroupFiles.write(own.resolve("cgroup.procs"), "1\n4242\n");

        CgroupV2.open(own, "7-1-");

        assertThat(own.resolve(CgroupV2.ORCHESTRATOR_LEAF)).doesNotExist();
    }

    @Test
    void removesTheGroupAndLeavesTheSharedParent() throws IOException {
        Path own = own();
        Path worker = group(own.resolve("appserver/7-1-worker-0"), V2_WORKER);
        CgroupV2 cgroups = CgroupV2.open(own, "7-1-");
        WorkerCgroup cgroup = cgroups.create("worker-0", LIMITS);

        FakeCgroupFiles.dropFiles(worker);
        cgroup.remove();
        cgroup.remove();
        assertThat(worker).doesNotExist();

        cgroups.close();
        assertThat(own.resolve("appserver")).as("another orchestrator may be making a group in it").isDirectory();
    }

    @Test
    void removesGroupsLeftByOrchestratorsThatAreGone() throws IOException {
        Path own = own();
        long dead = deadPid();
        Path leftover = Files.createDirectories(own.resolve("appserver/" + dead + "-1-worker-0"));
        Path live = Files.createDirectories(own.resolve("appserver/" + ProcessHandle.current().pid() + "-1-worker-0"));
        Path other = Files.createDirectories(own.resolve("appserver/something-else"));

        CgroupV2.open(own, "7-1-");

        assertThat(leftover).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
    }

    static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
