package dev.appserver.orchestrator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CgroupV1} on this host's real cgroup v1 hierarchies: a process started through
 * {@link WorkerCgroup#command} is in its groups, and the kernel holds it to the limits. Skipped,
 * saying why, where this process cannot write cgroup v1 hierarchies.
 */
class CgroupV1IT {
    private static final long MB = 1 << 20;

    private Cgroups cgroups;
    private WorkerCgroup cgroup;
    private Process process;

    @BeforeEach
    void open() {
        cgroups = TestCgroups.required();
        assumeTrue(cgroups instanceof CgroupV1, () -> "SKIPPED: this host has " + cgroups.description()
                + "; CgroupV1IT needs cgroup v1 (CgroupV2 is unit-tested against a laid-out directory)");
    }

    @AfterEach
    void close() throws IOException {
        if (process != null) {
            process.destroyForcibly();
        }
        if (cgroup != null) {
            // Whatever a test left running in its groups (the fork loop's sleepers) goes too.
            for (Path directory : cgroup.directories()) {
                if (Files.exists(directory)) {
                    procs(directory).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> cgroup.directories().stream().filter(Files::exists)
                    .allMatch(d -> procs(d).isEmpty()));
            cgroup.remove();
        }
        if (cgroups != null) {
            cgroups.close();
        }
    }

    private Process start(CgroupLimits limits, String... command) throws IOException {
        cgroup = cgroups.create("it-" + System.nanoTime(), limits);
        process = new ProcessBuilder(cgroup.command(List.of(command))).start();
        return process;
    }

    @Test
    void theProcessIsInItsGroupsFromItsFirstInstructionWithTheLimitsWritten() throws Exception {
        CgroupLimits limits = new CgroupLimits(300 * MB, 0.5, 64);
        Process cat = start(limits, "cat", "/proc/self/cgroup");
        String seen = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cat.waitFor()).isZero();

        String name = cgroup.directories().get(0).getFileName().toString();
        assertThat(seen.lines().filter(l -> l.matches("\\d+:(memory|cpu|pids):.*")))
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).endsWith("/appserver/" + name));

        Map<String, Path> byController = Map.of("memory", cgroup.directories().get(0), "cpu", cgroup.directories().get(1),
                "pids", cgroup.directories().get(2));
        assertThat(read(byController.get("memory"), "memory.limit_in_bytes")).isEqualTo(300 * MB);
        assertThat(read(byController.get("cpu"), "cpu.cfs_quota_us")).isEqualTo(50_000);
        assertThat(read(byController.get("cpu"), "cpu.cfs_period_us")).isEqualTo(100_000);
        assertThat(read(byController.get("pids"), "pids.max")).isEqualTo(64);
    }

    @Test
    void aLongRunningProcessIsListedInEachGroupAndFoundThereByItsPid() throws Exception {
        Process sleeper = start(new CgroupLimits(64 * MB, 1, 16), "sleep", "30");

        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(sleeper.pid())
                .flatMap(p -> p.info().command()).map(c -> c.endsWith("sleep")).orElse(false));
        assertThat(TestCgroups.directoriesOf(sleeper.pid())).containsAllEntriesOf(Map.of(
                "memory", cgroup.directories().get(0), "cpu", cgroup.directories().get(1), "pids", cgroup.directories().get(2)));
        for (Path directory : cgroup.directories()) {
            assertThat(procs(directory)).containsExactly(sleeper.pid());
        }
        assertThatThrownBy(cgroup::remove).as("the kernel keeps a group while a process is in it").isInstanceOf(IOException.class);
    }

    @Test
    void aMemoryHogIsKilledByTheKernelAtTheLimit() throws Exception {
        // b'x' * n writes every byte, so all 300 MB would be resident.
        Process hog = start(new CgroupLimits(100 * MB, 1, 64), python(), "-c",
                "b = b'x' * (300 * 1024 * 1024); print('survived', len(b))");
        String out = new String(hog.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(hog.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(hog.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(out).doesNotContain("survived");
        Path memory = cgroup.directories().get(0);
        assertThat(stat(memory, "memory.oom_control", "oom_kill")).isGreaterThanOrEqualTo(1);
        assertThat(read(memory, "memory.max_usage_in_bytes")).isLessThanOrEqualTo(100 * MB);
    }

    @Test
    void pidsMaxStopsAForkLoop() throws Exception {
        Process loop = start(new CgroupLimits(256 * MB, 1, 16), "/bin/sh", "-c",
                // The sleepers let go of the shell's pipes, so that reading them ends with the shell.
                "i=0; while [ $i -lt 100 ]; do sleep 30 </dev/null >/dev/null 2>&1 & i=$((i + 1)); done; wait");
        String err = new String(loop.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(loop.waitFor(30, TimeUnit.SECONDS)).as("the shell gives up when fork fails").isTrue();
        assertThat(err).containsIgnoringCase("fork");
        Path pids = cgroup.directories().get(2);
        assertThat(procs(pids)).hasSizeLessThanOrEqualTo(16);
        assertThat(stat(pids, "pids.events", "max")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aCpuQuotaOfAFifthKeepsABusyLoopNearTwentyPercent() throws Exception {
        Process busy = start(new CgroupLimits(64 * MB, 0.2, 16), "/bin/sh", "-c", "while :; do :; done");
        ProcessHandle handle = busy.toHandle();
        Thread.sleep(500);
        Duration cpuBefore = handle.info().totalCpuDuration().orElseThrow();
        long throttledBefore = stat(cgroup.directories().get(1), "cpu.stat", "nr_throttled");
        long began = System.nanoTime();
        Thread.sleep(3_000);
        Duration cpuAfter = handle.info().totalCpuDuration().orElseThrow();
        long elapsedNanos = System.nanoTime() - began;
        long throttled = stat(cgroup.directories().get(1), "cpu.stat", "nr_throttled") - throttledBefore;

        double share = (double) cpuAfter.minus(cpuBefore).toNanos() / elapsedNanos;
        assertThat(share).as("CPU share of a busy loop under a 0.2 quota").isBetween(0.1, 0.3);
        assertThat(throttled).as("periods in which the kernel throttled it").isGreaterThanOrEqualTo(20);
    }

    @Test
    void theGroupsAreGoneOnceTheProcessHasExitedAndTheyAreRemoved() throws Exception {
        Process quick = start(new CgroupLimits(64 * MB, 1, 16), "true");
        assertThat(quick.waitFor()).isZero();

        cgroup.remove();

        assertThat(cgroup.directories()).allSatisfy(d -> assertThat(d).doesNotExist());
    }

    private static List<Long> procs(Path directory) {
        try {
            return Files.readAllLines(directory.resolve("cgroup.procs")).stream().map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long read(Path directory, String file) throws IOException {
        return Long.parseLong(Files.readString(directory.resolve(file)).strip());
    }

    /** The value of {@code key} in a flat-keyed file such as {@code memory.oom_control}. */
    private static long stat(Path directory, String file, String key) throws IOException {
        return Files.readAllLines(directory.resolve(file)).stream().map(l -> l.split(" "))
                .filter(parts -> parts[0].equals(key)).mapToLong(parts -> Long.parseLong(parts[1])).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + key));
    }

    private static String python() {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "SKIPPED: the memory test needs /usr/bin/python3");
        return python.toString();
    }
}
