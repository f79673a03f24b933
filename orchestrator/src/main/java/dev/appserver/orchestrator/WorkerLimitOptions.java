package dev.appserver.orchestrator;

import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.math.BigDecimal;
import picocli.CommandLine.Option;

/**
 * The worker limits {@code start} and {@code run-app} share, so that {@code run-app} runs apps
 * with exactly the limits the server would.
 */
public final class WorkerLimitOptions {
    @Option(names = "--worker-heap", paramLabel = "MB", defaultValue = "512",
            description = "Each worker's heap (default: ${DEFAULT-VALUE} MB).")
    int heapMegabytes;

    @Option(names = "--worker-memory", paramLabel = "MB",
            description = "Each worker's memory limit, its cgroup's (default: the heap + "
                    + (CgroupLimits.NATIVE_OVERHEAD_BYTES >> 20) + " MB).")
    Integer memoryMegabytes;

    @Option(names = "--worker-cpus", paramLabel = "N", defaultValue = "1",
            description = "Each worker's CPU quota in cores, e.g. 0.5 (default: ${DEFAULT-VALUE}).")
    BigDecimal cpus;

    @Option(names = "--worker-pids", paramLabel = "N", defaultValue = "" + CgroupLimits.DEFAULT_PIDS,
            description = "Most processes and threads in each worker (default: ${DEFAULT-VALUE}).")
    int pids;

    /**
     * The limits these flags describe.
     *
     * @throws IllegalArgumentException with a message naming the flag
     */
    public WorkerLimits limits() {
        return limits(heapMegabytes, memoryMegabytes, cpus, pids, "--worker-");
    }

    /**
     * Limits from these values, checked; an error names the flag or key ({@code flagPrefix} plus
     * {@code heap}, {@code memory}, {@code cpus} or {@code pids}).
     *
     * @param memoryMegabytes null for the default above the heap
     * @throws IllegalArgumentException with a message naming the flag
     */
    static WorkerLimits limits(int heapMegabytes, Integer memoryMegabytes, BigDecimal cpus, int pids, String flagPrefix) {
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException(flagPrefix + "heap must be at least 64 MB, not " + heapMegabytes);
        }
        long memory = memoryMegabytes == null
                ? CgroupLimits.forHeap(heapMegabytes).memoryBytes()
                : (long) memoryMegabytes << 20;
        if (memoryMegabytes != null && memoryMegabytes <= heapMegabytes) {
            throw new IllegalArgumentException(flagPrefix + "memory (" + memoryMegabytes + " MB) must be above " + flagPrefix
                    + "heap (" + heapMegabytes + " MB): the JVM needs native memory beyond its heap");
        }
        if (cpus.compareTo(new BigDecimal("0.01")) < 0) {
            throw new IllegalArgumentException(flagPrefix + "cpus must be at least 0.01, not " + cpus.toPlainString());
        }
        if (pids < 16) {
            throw new IllegalArgumentException(flagPrefix + "pids must be at least 16, not " + pids);
        }
        return new WorkerLimits(heapMegabytes, WorkerLimits.DEFAULT.stackKilobytes(), false,
                new CgroupLimits(memory, cpus.doubleValue(), pids));
    }
}
