package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.limits.CgroupLimits;
import org.junit.jupiter.api.Test;

/**
 * The cgroup limits a worker starts with: two cores until its READY line (or its own quota if
 * larger), its own memory and pids limits throughout. {@code WorkerCgroupIT} checks on a real kernel that the worker is held
 * to its configured quota once it is ready.
 */
class WorkerProcessTest {
    @Test
    void aWorkerMayUseTwoCoresUntilItIsReady() {
        CgroupLimits configured = new CgroupLimits(900L << 20, 0.5, 128);

        assertThat(WorkerProcess.startUpLimits(configured)).isEqualTo(new CgroupLimits(900L << 20, 2, 128));
    }

    @Test
    void aLargerQuotaIsKeptAtStartUp() {
        CgroupLimits configured = new CgroupLimits(900L << 20, 3.5, 128);

        assertThat(WorkerProcess.startUpLimits(configured)).isEqualTo(configured);
    }
}
