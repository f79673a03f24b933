package dev.appserver.orchestrator.limits;

import java.io.IOException;

/**
 * Role: gives each worker process a control group with its {@link CgroupLimits}, on the
 * orchestrator's side, so that a worker can neither choose nor change its own limits.
 *
 * <p>Implementations by mechanism: {@link CgroupV2}, {@link CgroupV1}, and {@link NoCgroups}
 * where the host offers none (workers then run unconfined). {@link CgroupDetection} picks one.
 *
 * <p>Lifecycle: opened once per process (detection creates the parent group), then
 * {@link #create} for every worker started, from any thread; {@link #close} removes the parent
 * group when no worker's group is left in it. Implementations are thread-safe.
 */
public interface Cgroups extends AutoCloseable {
    /**
     * Creates the group of one worker, its limits written, empty until the worker joins it with
     * {@link WorkerCgroup#command}.
     *
     * @param name unique among the live workers of this instance (a socket name will do)
     * @throws IOException when the kernel refuses a directory or a limit
     */
    WorkerCgroup create(String name, CgroupLimits limits) throws IOException;

    /** Where groups are made, for the log: e.g. {@code cgroup v2 under /sys/fs/cgroup/.../appserver}. */
    String description();

    /** Removes the parent group if it is empty; never throws. */
    @Override
    void close();
}
