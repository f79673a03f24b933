package dev.appserver.orchestrator.pool;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.limits.CgroupLimits;

/**
 * Limits of one worker process.
 *
 * @param heapMegabytes the worker JVM's heap ({@code -Xmx}); apps that need more crash the worker
 * @param stackKilobytes thread stack size; bounds recursion depth in app code
 * @param allowInterpreter start even when GraalJS would fall back to its interpreter (slow)
 * @param cgroup the kernel's limits on the whole process (memory, cpu, pids), where the host has
 *     cgroups; its memory limit must leave room above the heap for the JVM's native memory
 */
public record WorkerLimits(int heapMegabytes, int stackKilobytes, boolean allowInterpreter, CgroupLimits cgroup) {
    public static final WorkerLimits DEFAULT = new WorkerLimits(512, 2048, false);

    public WorkerLimits {
        requireNonNull(cgroup, "cgroup is null");
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException("heapMegabytes must be at least 64: " + heapMegabytes);
        }
        if (stackKilobytes < 256) {
            throw new IllegalArgumentException("stackKilobytes must be at least 256: " + stackKilobytes);
        }
        if (cgroup.memoryMegabytes() <= heapMegabytes) {
            throw new IllegalArgumentException("the worker memory limit (" + cgroup.memoryMegabytes()
                    + " MB) must be above its heap (" + heapMegabytes + " MB): the JVM needs native memory beyond the heap");
        }
    }

    /** Limits with the default cgroup limits for this heap ({@link CgroupLimits#forHeap}). */
    public WorkerLimits(int heapMegabytes, int stackKilobytes, boolean allowInterpreter) {
        this(heapMegabytes, stackKilobytes, allowInterpreter, CgroupLimits.forHeap(heapMegabytes));
    }
}
