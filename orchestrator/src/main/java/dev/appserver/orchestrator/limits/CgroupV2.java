package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Cgroups} on the unified hierarchy (cgroup v2). A worker's group is
 * {@code <this process's group>/appserver/<name>} with {@code memory.max},
 * {@code memory.swap.max} (0, where swap is accounted), {@code memory.oom.group} (1: an OOM kill
 * takes the whole worker), {@code cpu.max} and {@code pids.max}.
 *
 * <p>Nesting under this process's own group keeps workers inside whatever limits the operator
 * (systemd, a container) put on the orchestrator, and inside the subtree delegated to it. The
 * kernel lets a group hand controllers to its children only while it holds no processes itself
 * ("no internal processes"), so {@link #open} first moves the processes of its own group into a
 * leaf, {@code appserver-orchestrator}, as systemd's delegation guide asks of a delegated service
 * (decision 0009).
 *
 * <p>Thread-safe (immutable).
 */
final class CgroupV2 implements Cgroups {
    private static final Logger LOG = LoggerFactory.getLogger(CgroupV2.class);
    static final String CONTROLLERS = "+memory +cpu +pids";
    static final String ORCHESTRATOR_LEAF = "appserver-orchestrator";

    private final Path parent;
    private final String prefix;

    private CgroupV2(Path parent, String prefix) {
        this.parent = requireNonNull(parent, "parent is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    /**
     * Prepares {@code ownGroup/appserver} with the memory, cpu and pids controllers enabled for
     * its children. {@code prefix} starts the name of every group this instance makes.
     */
    static CgroupV2 open(Path ownGroup, String prefix) throws IOException {
        requireNonNull(ownGroup, "ownGroup is null");
        requireNonNull(prefix, "prefix is null");
        leaveForLeaf(ownGroup);
        CgroupFiles.write(ownGroup, "cgroup.subtree_control", CONTROLLERS);
        Path parent = CgroupFiles.makeGroup(ownGroup, "appserver");
        CgroupFiles.write(parent, "cgroup.subtree_control", CONTROLLERS);
        CgroupFiles.probe(parent, prefix);
        CgroupFiles.removeLeftovers(parent);
        return new CgroupV2(parent, prefix);
    }

    /**
     * Moves the processes of {@code group} into a leaf below it, unless it is the root group.
     * Only this process, its ancestors (a launcher script, a container's init) and its
     * descendants are moved: a group shared with anything else (a terminal's scope) is not ours
     * to rearrange, and is refused with advice.
     */
    private static void leaveForLeaf(Path group) throws IOException {
        // Only non-root groups have cgroup.type; the root may hold processes and delegate anyway.
        if (!Files.exists(group.resolve("cgroup.type"))) {
            return;
        }
        List<Long> pids = CgroupFiles.read(group, "cgroup.procs").lines().filter(l -> !l.isBlank())
                .map(l -> Long.parseLong(l.strip())).toList();
        if (pids.isEmpty()) {
            return;
        }
        Set<Long> ours = ours();
        List<Long> strangers = pids.stream().filter(pid -> !ours.contains(pid)).toList();
        if (!strangers.isEmpty()) {
            throw new IOException(group + " also holds processes that are not appserver's " + strangers
                    + ", and cgroup v2 gives sub-groups controllers only from a group without processes: start appserver"
                    + " in a cgroup of its own (a systemd unit with Delegate=yes, systemd-run --scope -p Delegate=yes, or"
                    + " a container)");
        }
        Path leaf = CgroupFiles.makeGroup(group, ORCHESTRATOR_LEAF);
        for (long pid : pids) {
            try {
                CgroupFiles.write(leaf, "cgroup.procs", Long.toString(pid));
            } catch (IOException e) {
                // A process that has exited since the read (ESRCH) no longer needs moving; any other
                // refusal shows when the controllers are enabled.
                LOG.debug("could not move {} into {}: {}", pid, leaf, e.getMessage());
            }
        }
        LOG.info("moved the processes of {} {} into {}, so that workers' groups can have controllers (cgroup v2)",
                group, pids, leaf);
    }

    /** This process, its ancestors and its descendants. */
    private static Set<Long> ours() {
        Set<Long> pids = new HashSet<>();
        ProcessHandle self = ProcessHandle.current();
        pids.add(self.pid());
        for (Optional<ProcessHandle> p = self.parent(); p.isPresent(); p = p.get().parent()) {
            pids.add(p.get().pid());
        }
        self.descendants().forEach(d -> pids.add(d.pid()));
        return pids;
    }

    /** Writes the CPU quota of {@code limits} into a v2 group's {@code cpu.max}. */
    static void writeCpuQuota(Path group, CgroupLimits limits) throws IOException {
        CgroupFiles.write(group, "cpu.max", limits.cpuQuotaMicros() + " " + CgroupLimits.CPU_PERIOD_MICROS);
    }

    @Override
    public WorkerCgroup create(String name, CgroupLimits limits) throws IOException {
        requireNonNull(limits, "limits is null");
        Path group = CgroupFiles.makeGroup(parent, prefix + requireNonNull(name, "name is null"));
        try {
            CgroupFiles.write(group, "memory.max", Long.toString(limits.memoryBytes()));
            // Swap is not counted in memory.max: without this a worker could spill past its limit.
            CgroupFiles.writeIfPresent(group, "memory.swap.max", "0");
            CgroupFiles.write(group, "memory.oom.group", "1");
            writeCpuQuota(group, limits);
            CgroupFiles.write(group, "pids.max", Integer.toString(limits.pids()));
        } catch (IOException e) {
            CgroupFiles.removeQuietly(group);
            throw e;
        }
        return new WorkerCgroup(List.of(group));
    }

    @Override
    public String description() {
        return "cgroup v2 under " + parent;
    }

    /**
     * Leaves the {@code appserver} parent in place: another orchestrator or {@code run-app} on this
     * host may be making a worker group in it at this very moment, and an empty group costs
     * nothing. The worker groups themselves go with their workers.
     */
    @Override
    public void close() {
    }
}
