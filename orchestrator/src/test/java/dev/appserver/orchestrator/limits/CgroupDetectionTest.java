package dev.appserver.orchestrator.limits;

import static dev.appserver.orchestrator.limits.FakeCgroupFiles.v2Group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.limits.CgroupDetection.Found;
import dev.appserver.orchestrator.limits.CgroupDetection.Missing;
import dev.appserver.orchestrator.limits.CgroupDetection.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CgroupDetection} from sample {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}
 * texts, their mount points moved into a temporary directory laid out like the real thing.
 */
class CgroupDetectionTest {
    @TempDir
    Path root;

    /** A systemd host on cgroup v2 only; the orchestrator is a service. */
    private String unifiedHost() {
        return """
                22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
                25 22 0:23 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
                29 26 0:26 / %s rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
                """.formatted(root.resolve("cgroup"));
    }

    /** cgroup v1 with a cgroup2 mount that holds no controllers, as on this project's CI machine. */
    private String hybridHost() {
        Path fs = root.resolve("cgroup");
        return """
                31 23 0:28 / %1$s rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / %1$s/cpu rw,relatime - cgroup cgroup rw,cpu
                33 31 0:30 / %1$s/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
                35 31 0:32 / %1$s/memory rw,relatime - cgroup cgroup rw,memory
                39 31 0:36 / %1$s/pids rw,relatime - cgroup cgroup rw,pids
                40 31 0:37 / %1$s/systemd rw,relatime - cgroup cgroup rw,name=systemd
                41 31 0:38 / %1$s/unified rw,relatime - cgroup2 cgroup2 rw
                """.formatted(fs);
    }

    private static final String HYBRID_GROUPS = """
            9:name=systemd:/
            8:pids:/
            4:memory:/process_api/ca78
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    @Test
    void findsCgroupV2WhereThisProcesssGroupOffersTheControllers() {
        Path own = v2Group(root.resolve("cgroup/system.slice/appserver.service"), "cpuset cpu io memory pids");
        FakeCgroupFiles.group(own.resolve("appserver"), FakeCgroupFiles.V2_GROUP);

        Result result = CgroupDetection.detect(unifiedHost(), "0::/system.slice/appserver.service\n", "7-1-");

        assertThat(result).isInstanceOf(Found.class);
        Cgroups cgroups = ((Found) result).cgroups();
        assertThat(cgroups).isInstanceOf(CgroupV2.class);
        assertThat(cgroups.description()).isEqualTo("cgroup v2 under " + own.resolve("appserver"));
    }

    @Test
    void cgroupV2WithoutAControllerIsMissingAndSaysWhich() {
        v2Group(root.resolve("cgroup/user.slice/user-1000.slice/session-2.scope"), "memory pids");

        Result result = CgroupDetection.detect(unifiedHost(), "0::/user.slice/user-1000.slice/session-2.scope\n", "7-1-");

        assertThat(result).isInstanceOf(Missing.class);
        assertThat(((Missing) result).reason()).isEqualTo("cgroup v2 group "
                + root.resolve("cgroup/user.slice/user-1000.slice/session-2.scope") + " lacks the cpu controller");
    }

    @Test
    void cgroupV2ThatCannotBeWrittenIsMissingAndSaysWhy() {
        Path own = v2Group(root.resolve("cgroup/system.slice/appserver.service"), "cpu memory pids");
        FakeCgroupFiles.group(own.resolve("appserver"), "cgroup.controllers");

        Result result = CgroupDetection.detect(unifiedHost(), "0::/system.slice/appserver.service\n", "7-1-");

        assertThat(result).isInstanceOf(Missing.class);
        assertThat(((Missing) result).reason()).startsWith("cgroup v2 group " + own + " cannot be used: ")
                .contains("cgroup.subtree_control");
    }

    @Test
    void findsCgroupV1OnAHybridHostAndNestsUnderThisProcesssGroups() throws Exception {
        Path fs = root.resolve("cgroup");
        v2Group(fs.resolve("unified"), "hugetlb");
        Files.createDirectories(fs.resolve("memory/process_api/ca78"));
        Files.createDirectories(fs.resolve("cpu"));
        Files.createDirectories(fs.resolve("pids"));

        Result result = CgroupDetection.detect(hybridHost(), HYBRID_GROUPS, "7-1-");

        assertThat(result).isInstanceOf(Found.class);
        Cgroups cgroups = ((Found) result).cgroups();
        assertThat(cgroups).isInstanceOf(CgroupV1.class);
        assertThat(fs.resolve("memory/process_api/ca78/appserver")).isDirectory();
        assertThat(fs.resolve("cpu/appserver")).isDirectory();
        assertThat(fs.resolve("pids/appserver")).isDirectory();
    }

    @Test
    void cgroupV1WithoutAPidsHierarchyIsMissingAndSaysWhich() {
        Path fs = root.resolve("cgroup");
        v2Group(fs.resolve("unified"), "");
        String mountinfo = hybridHost().lines().filter(l -> !l.endsWith("rw,pids")).reduce("", (a, b) -> a + b + "\n");

        Result result = CgroupDetection.detect(mountinfo, HYBRID_GROUPS, "7-1-");

        assertThat(result).isInstanceOf(Missing.class);
        assertThat(((Missing) result).reason()).isEqualTo("cgroup v2 group " + fs.resolve("unified")
                + " lacks the memory, cpu, pids controllers; cgroup v1 has no hierarchy for pids");
    }

    @Test
    void cgroupV1ThatCannotBeWrittenIsMissingAndSaysWhy() {
        Result result = CgroupDetection.detect(hybridHost(), HYBRID_GROUPS, "7-1-");

        assertThat(result).isInstanceOf(Missing.class);
        assertThat(((Missing) result).reason()).startsWith("cgroup v1 cannot be used: cannot create cgroup "
                + root.resolve("cgroup/memory/process_api/ca78/appserver"));
    }

    @Test
    void aContainerWithoutItsOwnCgroupNamespaceSeesItsGroupAtTheMountPoint() throws Exception {
        Path memory = Files.createDirectories(root.resolve("memory"));
        Path cpu = Files.createDirectories(root.resolve("cpu"));
        Path pids = Files.createDirectories(root.resolve("pids"));
        String mountinfo = """
                700 690 0:32 /docker/abc %s ro,nosuid - cgroup cgroup rw,memory
                701 690 0:29 /docker/abc %s ro,nosuid - cgroup cgroup rw,cpu,cpuacct
                702 690 0:36 /docker/abc %s ro,nosuid - cgroup cgroup rw,pids
                """.formatted(memory, cpu, pids);
        String groups = "12:pids:/docker/abc\n4:memory:/docker/abc\n2:cpu,cpuacct:/docker/abc\n";

        Result result = CgroupDetection.detect(mountinfo, groups, "7-1-");

        assertThat(result).isInstanceOf(Found.class);
        assertThat(memory.resolve("appserver")).isDirectory();
        assertThat(cpu.resolve("appserver")).isDirectory();
    }

    @Test
    void readsEscapedMountPoints() throws Exception {
        Path spaced = root.resolve("with space");
        Path own = v2Group(spaced.resolve("app"), "cpu memory pids");
        FakeCgroupFiles.group(own.resolve("appserver"), FakeCgroupFiles.V2_GROUP);
        String mountinfo = "29 26 0:26 / " + spaced.toString().replace(" ", "\\040") + " rw - cgroup2 cgroup2 rw\n";

        Result result = CgroupDetection.detect(mountinfo, "0::/app\n", "7-1-");

        assertThat(result).isInstanceOf(Found.class);
    }

    @Test
    void noCgroupFileSystemIsMissing() {
        Result result = CgroupDetection.detect("22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n", "", "7-1-");

        assertThat(result).isEqualTo(new Missing("no cgroup file system is mounted"));
    }
}
