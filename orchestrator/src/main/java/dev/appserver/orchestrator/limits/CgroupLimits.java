package dev.appserver.orchestrator.limits;

/**
 * The control-group limits of one worker process, enforced by the kernel whatever the worker's
 * JVM does.
 *
 * @param memoryBytes hard limit on the process's memory (heap, metaspace, code cache, thread
 *     stacks, native buffers, and the page cache it charges); at the limit the kernel kills it
 * @param cpus CPU time as a number of cores, e.g. {@code 1.0} or {@code 0.5} (a CFS quota per
 *     100 ms period)
 * @param pids the most tasks (processes and threads) the group may hold
 */
public record CgroupLimits(long memoryBytes, double cpus, int pids) {
    /**
     * What a worker JVM uses beyond its heap: metaspace, the code cache, the Graal compiler's and
     * Truffle's native memory, thread stacks, netty's direct buffers, the jars' page cache.
     * Measured at 150 to 215 MB (peak RSS minus heap; {@code docs/security.md}, cgroups); this
     * leaves room for a worker that hosts many more apps than the tests do.
     */
    public static final long NATIVE_OVERHEAD_BYTES = 384L << 20;
    /** One core per worker: the pool runs one worker per core. */
    public static final double DEFAULT_CPUS = 1.0;
    /** Room for the worker JVM's threads (at most 23 seen in a busy worker) with a wide margin. */
    public static final int DEFAULT_PIDS = 256;
    /** The CFS period every quota is written against. */
    public static final long CPU_PERIOD_MICROS = 100_000;

    private static final long MIN_MEMORY_BYTES = 32L << 20;
    private static final long MIN_QUOTA_MICROS = 1_000;

    public CgroupLimits {
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("memory limit must be at least 32 MB: " + memoryBytes + " bytes");
        }
        if (!(cpus * CPU_PERIOD_MICROS >= MIN_QUOTA_MICROS) || Double.isInfinite(cpus)) {
            throw new IllegalArgumentException("cpus must be at least 0.01: " + cpus);
        }
        if (pids < 16) {
            throw new IllegalArgumentException("pids must be at least 16: " + pids);
        }
    }

    /** The defaults for a worker whose heap is {@code heapMegabytes}: heap plus the native overhead. */
    public static CgroupLimits forHeap(int heapMegabytes) {
        return new CgroupLimits(((long) heapMegabytes << 20) + NATIVE_OVERHEAD_BYTES, DEFAULT_CPUS, DEFAULT_PIDS);
    }

    /** The CPU quota per {@link #CPU_PERIOD_MICROS}, in microseconds. */
    public long cpuQuotaMicros() {
        return Math.round(cpus * CPU_PERIOD_MICROS);
    }

    public long memoryMegabytes() {
        return memoryBytes >> 20;
    }
}
