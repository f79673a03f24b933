package dev.appserver.orchestrator.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnconfinedWorkersTest {
    private static final CgroupDetection.Missing MISSING = new CgroupDetection.Missing("cgroup v1 cannot be used: denied");
    private static final CgroupLimits LIMITS = CgroupLimits.forHeap(256);

    private final List<String> warnings = new ArrayList<>();

    @Test
    void singleNodeModeWarnsAndClusterModeRefusesUnlessAllowed() {
        assertThat(UnconfinedWorkers.forServer(false, false)).isEqualTo(UnconfinedWorkers.WARN);
        assertThat(UnconfinedWorkers.forServer(false, true)).isEqualTo(UnconfinedWorkers.WARN);
        assertThat(UnconfinedWorkers.forServer(true, false)).isEqualTo(UnconfinedWorkers.REFUSED);
        assertThat(UnconfinedWorkers.forServer(true, true)).isEqualTo(UnconfinedWorkers.ALLOWED);
    }

    @Test
    void detectedCgroupsAreUsedSilentlyUnderEveryPolicy() throws Exception {
        Cgroups found = new NoCgroups("stands in for a real one");
        for (UnconfinedWorkers policy : UnconfinedWorkers.values()) {
            assertThat(policy.apply(new CgroupDetection.Found(found), warnings::add)).isSameAs(found);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void warnSaysOnceWhatIsMissingAndHowToFixItThenRunsUnconfined() throws Exception {
        Cgroups cgroups = UnconfinedWorkers.WARN.apply(MISSING, warnings::add);

        assertThat(warnings).containsExactly("sandbox workers cannot get cgroup limits (memory, cpu, pids): "
                + "cgroup v1 cannot be used: denied. Workers run UNCONFINED (only their heap limit holds); to confine them, "
                + "run appserver as root, or in a cgroup whose memory, cpu and pids controllers are delegated to it "
                + "(see docs/security.md).");
        assertThat(cgroups.create("worker-0", LIMITS)).isEqualTo(WorkerCgroup.NONE);
        assertThat(cgroups.description()).isEqualTo("no cgroups (cgroup v1 cannot be used: denied)");
    }

    @Test
    void allowedNamesTheChoiceThatWasMade() throws Exception {
        UnconfinedWorkers.ALLOWED.apply(MISSING, warnings::add);

        assertThat(warnings).singleElement().asString().endsWith("Workers run UNCONFINED, as --allow-unconfined-workers allows.");
    }

    @Test
    void refusedThrowsAMessageNamingTheFlagAndWarnsNothing() {
        assertThatThrownBy(() -> UnconfinedWorkers.REFUSED.apply(MISSING, warnings::add))
                .isInstanceOf(UnconfinedWorkers.RefusedException.class)
                .hasMessageStartingWith("sandbox workers cannot get cgroup limits (memory, cpu, pids): cgroup v1 cannot be used")
                .hasMessageContaining("Cluster mode does not run untrusted code unconfined")
                .hasMessageEndingWith("or pass --allow-unconfined-workers to run workers without limits.");
        assertThat(warnings).isEmpty();
    }
}
