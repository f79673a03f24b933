package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.limits.CgroupLimits;
import org.junit.jupiter.api.Test;

/**
 * The cgroup limits a worker starts with: every core until its READY line, its own memory and
 * pids limits throughout. {@code WorkerCgroupIT} checks on a real kernel that the worker is held
 * to its configured quota once it is ready.
 */
class WorkerProcessTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void aWorkerMayUseEveryCoreUntilItIsReady() {
        CgroupLimits configured = new CgroupLimits(900L << 20, 0.5, 128);

        assertThat(WorkerProcess.startUpLimits(configured)).isEqualTo(new CgroupLimits(900L << 20, CORES, 128));
    }

    @Test
    void aQuotaLargerThanTheMachineIsKeptAtStartUp() {
        CgroupLimits configured = new CgroupLimits(900L << 20, CORES + 2, 128);

        assertThat(WorkerProcess.startUpLimits(configured)).isEqualTo(configured);
    }
}
