package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Cgroups} on the legacy hierarchies (cgroup v1): one group per controller, each
 * {@code <mount>/<this process's group>/appserver/<name>}, with {@code memory.limit_in_bytes}
 * (and {@code memory.memsw.limit_in_bytes} at the same value where swap is accounted, so that a
 * worker cannot swap past its limit), {@code cpu.cfs_period_us} and {@code cpu.cfs_quota_us},
 * and {@code pids.max}. v1 has no "no internal processes" rule, so nesting under this process's
 * group needs no moving.
 *
 * <p>Thread-safe (immutable).
 */
final class CgroupV1 implements Cgroups {
    private final Path memoryParent;
    private final Path cpuParent;
    private final Path pidsParent;
    private final String prefix;

    private CgroupV1(Path memoryParent, Path cpuParent, Path pidsParent, String prefix) {
        this.memoryParent = memoryParent;
        this.cpuParent = cpuParent;
        this.pidsParent = pidsParent;
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    /**
     * Prepares {@code appserver} below this process's group in each controller's hierarchy.
     * {@code prefix} starts the name of every group this instance makes.
     */
    static CgroupV1 open(Path memoryGroup, Path cpuGroup, Path pidsGroup, String prefix) throws IOException {
        requireNonNull(prefix, "prefix is null");
        Path memory = parent(requireNonNull(memoryGroup, "memoryGroup is null"), prefix);
        Path cpu = parent(requireNonNull(cpuGroup, "cpuGroup is null"), prefix);
        Path pids = parent(requireNonNull(pidsGroup, "pidsGroup is null"), prefix);
        return new CgroupV1(memory, cpu, pids, prefix);
    }

    private static Path parent(Path ownGroup, String prefix) throws IOException {
        Path parent = CgroupFiles.makeGroup(ownGroup, "appserver");
        CgroupFiles.probe(parent, prefix);
        CgroupFiles.removeLeftovers(parent);
        return parent;
    }

    /** Writes the CPU quota of {@code limits} into a v1 cpu group (its period is written once, by create). */
    static void writeCpuQuota(Path cpu, CgroupLimits limits) throws IOException {
        CgroupFiles.write(cpu, "cpu.cfs_quota_us", Long.toString(limits.cpuQuotaMicros()));
    }

    @Override
    public WorkerCgroup create(String name, CgroupLimits limits) throws IOException {
        requireNonNull(limits, "limits is null");
        String group = prefix + requireNonNull(name, "name is null");
        List<Path> made = new ArrayList<>();
        try {
            Path memory = make(memoryParent, group, made);
            String bytes = Long.toString(limits.memoryBytes());
            CgroupFiles.write(memory, "memory.limit_in_bytes", bytes);
            // After memory.limit_in_bytes: the kernel keeps memsw at or above it.
            CgroupFiles.writeIfPresent(memory, "memory.memsw.limit_in_bytes", bytes);
            Path cpu = make(cpuParent, group, made);
            CgroupFiles.write(cpu, "cpu.cfs_period_us", Long.toString(CgroupLimits.CPU_PERIOD_MICROS));
            writeCpuQuota(cpu, limits);
            Path pids = make(pidsParent, group, made);
            CgroupFiles.write(pids, "pids.max", Integer.toString(limits.pids()));
        } catch (IOException e) {
            made.forEach(CgroupFiles::removeQuietly);
            throw e;
        }
        // Controllers mounted together share one directory, joined once.
        Set<Path> directories = new LinkedHashSet<>(made);
        return new WorkerCgroup(List.copyOf(directories));
    }

    private static Path make(Path parent, String name, List<Path> made) throws IOException {
        Path group = CgroupFiles.makeGroup(parent, name);
        made.add(group);
        return group;
    }

    @Override
    public String description() {
        return "cgroup v1 under " + memoryParent + ", " + cpuParent + " and " + pidsParent;
    }

    /**
     * Leaves the {@code appserver} parents in place: another orchestrator or {@code run-app} on
     * this host may be making a worker group in them at this very moment (on v1 the cpu and pids
     * hierarchies are often shared by every process of the host), and an empty group costs
     * nothing. The worker groups themselves go with their workers.
     */
    @Override
    public void close() {
    }
}
